#include "refinery/report/report_html.h"

#include <gtest/gtest.h>

namespace refinery::report {
namespace {

Json MinimalReport() {
  Json metrics = {{"docs", 2},
                  {"tokens", 10},
                  {"distinct_2", 0.5},
                  {"vendi", 1.5},
                  {"length_histogram_tokens", {{"lower", {0, 1}}, {"counts", {0, 2}}}},
                  {"sampling", Json::object()}};
  Json r;
  r["corpora"] = {{{"name", "raw"}, {"path", "raw.jsonl"}},
                  {{"name", "refined"}, {"path", "out/<x>"}}};
  r["seed"] = 1;
  r["sizes"] = {{"raw", {{"records", 2}, {"text_bytes", 20}, {"chars", 20}, {"tokens", 10}}},
                {"refined", {{"records", 1}, {"text_bytes", 9}, {"chars", 9}, {"tokens", 4}}}};
  r["pii"] = {{"source", "spans"},
              {"raw",
               {{"spans", 3},
                {"records_with_pii", 1},
                {"records_with_pii_rate", 0.5},
                {"per_type", {{"EMAIL_ADDRESS", 2}, {"PHONE_NUMBER", 1}}}}},
              {"refined",
               {{"spans", 0},
                {"records_with_pii", 0},
                {"records_with_pii_rate", 0.0},
                {"per_type", Json::object()}}}};
  r["leak"] = nullptr;
  r["toxicity"] = nullptr;
  r["ai_human"] = nullptr;
  r["metrics"] = {{"raw", metrics}, {"refined", metrics}};
  r["pca"] = {{"explained_variance", {0.4, 0.2}},
              {"points", {{"raw", {{0.1, 0.2}, {-0.3, 0.1}}}, {"refined", {{0.0, 0.0}}}}}};
  r["delta"] = {{"matched", 1}, {"unchanged", 0},
                {"changed", 1}, {"dropped", 1},
                {"mean", 0.25}, {"median", 0.25},
                {"p90", 0.25},  {"histogram", {{"lower", {0.0, 0.05}}, {"counts", {0, 1}}}}};
  r["samples"] = {{{"id", "<script>alert(1)</script>"},
                   {"delta", 0.25},
                   {"segments",
                    {{{"op", "equal"}, {"text", "mail "}},
                     {{"op", "delete"}, {"text", "bob@example.com"}},
                     {{"op", "insert"}, {"text", "[EMAIL]"}}}}}};
  return r;
}

TEST(ReportHtmlTest, EverySectionIsPresentAndTextIsEscaped) {
  std::string html = RenderReportHtml(MinimalReport());
  for (const char* id : {"summary", "sizes", "pii", "leak", "toxicity", "metrics", "lengths",
                         "embedding", "delta", "samples"}) {
    EXPECT_NE(html.find(std::string("<section id=\"") + id + "\""), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);  // no script at all, ids escaped
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<del>bob@example.com</del><ins>[EMAIL]</ins>"), std::string::npos);
  EXPECT_NE(html.find("EMAIL_ADDRESS"), std::string::npos);
  EXPECT_NE(html.find("<circle"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);  // self-contained
  EXPECT_EQ(html.find("https://"), std::string::npos);
}

TEST(ReportHtmlTest, EscapesEverySpecialCharacter) {
  EXPECT_EQ(HtmlEscape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
}

}  // namespace
}  // namespace refinery::report
