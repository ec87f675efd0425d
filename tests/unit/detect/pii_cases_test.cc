// Data-driven detector cases (tests/cases/pii/*.tsv). One case per line, tab-separated:
//   TYPE <TAB> VALUE <TAB> TEXT    the detector reports VALUE as TYPE in TEXT
//   !TYPE <TAB> <TAB> TEXT         no span of TYPE in TEXT ("!ANY": no span at all)
//   !TYPE <TAB> VALUE <TAB> TEXT   VALUE is not reported as TYPE in TEXT (other spans may be)
// "\n" and "\t" in TEXT stand for a newline and a tab; '#' starts a comment line. Every case
// must hold; the failure message names the file and line.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "refinery/core/build_info.h"
#include "refinery/detect/pii_detector.h"

namespace refinery {
namespace {

std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'n' || s[i + 1] == 't')) {
      out.push_back(s[i + 1] == 'n' ? '\n' : '\t');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (int k = 0; k < 2; ++k) {
    size_t tab = line.find('\t', start);
    if (tab == std::string::npos) break;
    parts.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  parts.push_back(line.substr(start));
  return parts;
}

class PiiCases : public ::testing::TestWithParam<std::string> {};

TEST_P(PiiCases, EveryCaseHolds) {
  const std::string path = BuildSourceDir() + "/tests/cases/pii/" + GetParam();
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  auto detector = PiiDetector::Create({});
  ASSERT_TRUE(detector.ok()) << detector.status();
  auto scratch = (*detector)->NewScratch();
  std::string line;
  int lineno = 0, cases = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line);
    ASSERT_EQ(f.size(), 3u) << GetParam() << ":" << lineno << ": expected 3 tab-separated fields";
    const std::string text = Unescape(f[2]);
    ++cases;
    std::vector<std::pair<std::string, std::string>> found;
    for (const PiiSpan& s : (*detector)->DetectBytes(text, *scratch))
      found.emplace_back(s.type, text.substr(s.start, s.end - s.start));
    std::string got;
    for (const auto& [t, v] : found) got += " [" + t + ": " + v + "]";
    if (f[0][0] == '!') {
      const std::string type = f[0].substr(1);
      const std::string value = Unescape(f[1]);
      bool hit = false;
      for (const auto& [t, v] : found)
        hit |= (type == "ANY" || t == type) && (value.empty() || v == value);
      EXPECT_FALSE(hit) << GetParam() << ":" << lineno << ": unexpected" << got;
    } else {
      bool hit = false;
      for (const auto& [t, v] : found) hit |= t == f[0] && v == Unescape(f[1]);
      EXPECT_TRUE(hit) << GetParam() << ":" << lineno << ": want [" << f[0] << ": " << f[1]
                       << "], got" << got;
    }
  }
  EXPECT_GT(cases, 0) << path << " holds no case";
}

std::vector<std::string> CaseFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e :
       std::filesystem::directory_iterator(BuildSourceDir() + "/tests/cases/pii", ec))
    if (e.path().extension() == ".tsv") files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(Files, PiiCases, ::testing::ValuesIn(CaseFiles()), [](const auto& info) {
  std::string n = info.param.substr(0, info.param.find('.'));
  for (char& c : n)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

}  // namespace
}  // namespace refinery
