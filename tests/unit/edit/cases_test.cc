// Data-driven cases: tests/cases/edit/NAME.program (the program), NAME.input (the document),
// and NAME.expected (the refined text) or NAME.status (one line: kept|dropped[ REASON]).
// Optional NAME.policy: lines `deletion_only`, `max_errors N`, `min_words N`, `min_ratio X`.
#include <filesystem>
#include <fstream>
#include <sstream>
#include "refinery/core/build_info.h"

#include <gtest/gtest.h>

#include "refinery/edit/executor.h"

namespace refinery::edit {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

TEST(EditCases, AllCasesPass) {
  fs::path dir = fs::path(refinery::BuildSourceDir() + "/tests") / "cases" / "edit";
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".program") continue;
    fs::path base = entry.path();
    base.replace_extension();
    std::string name = base.filename().string();
    SCOPED_TRACE(name);
    ++count;
    EditPolicy policy;
    if (fs::exists(base.string() + ".policy")) {
      std::istringstream in(ReadFile(base.string() + ".policy"));
      std::string key;
      while (in >> key) {
        if (key == "deletion_only") {
          policy.deletion_only = true;
        } else if (key == "max_errors") {
          in >> policy.max_errors;
        } else if (key == "min_words") {
          in >> policy.min_words;
        } else if (key == "min_ratio") {
          in >> policy.min_kept_word_ratio;
        } else {
          FAIL() << "unknown policy key " << key;
        }
      }
    }
    std::string input = ReadFile(base.string() + ".input");
    Program program = ParseProgram(ReadFile(entry.path()));
    EditResult r = ExecuteProgram(input, program, policy);
    if (fs::exists(base.string() + ".expected")) {
      std::string expected = ReadFile(base.string() + ".expected");
      ASSERT_EQ(r.status, EditStatus::kChanged) << r.reason;
      EXPECT_EQ(r.text, expected);
      if (policy.deletion_only) {
        EXPECT_TRUE(IsSubsequence(r.text, input));
      }
    } else {
      std::string want = Trim(ReadFile(base.string() + ".status"));
      std::string got(EditStatusName(r.status));
      if (!r.reason.empty()) got += " " + r.reason;
      EXPECT_EQ(got, want);
    }
  }
  EXPECT_GE(count, 8);
}

}  // namespace
}  // namespace refinery::edit
