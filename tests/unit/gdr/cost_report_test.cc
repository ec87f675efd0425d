#include "refinery/gdr/cost_report.h"

#include <gtest/gtest.h>

namespace refinery::gdr {
namespace {

TEST(CostReport, PerRecordFiguresAndCostPerMillionRecords) {
  CostInputs in;
  in.records = 8;
  in.records_sent = 6;
  in.requests = 10;
  in.prompt_tokens = 12000;
  in.completion_tokens = 2000;
  in.prompt_bytes = 40000;
  in.overhead_bytes = 3000;  // 10 requests x 3000 B of 40000 B sent: 75%
  in.price_in = 0.5;
  in.price_out = 2.0;
  Json r = CostReport(in);
  EXPECT_DOUBLE_EQ(r["requests_per_record"].get<double>(), 1.25);
  EXPECT_DOUBLE_EQ(r["prompt_tokens_per_record"].get<double>(), 1500);
  EXPECT_DOUBLE_EQ(r["completion_tokens_per_record"].get<double>(), 250);
  EXPECT_DOUBLE_EQ(r["prompt_overhead_share"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(r["prompt_overhead_tokens_per_record"].get<double>(), 1125);
  // 1,500 tokens x $0.5 + 250 x $2 per million tokens, for a million records.
  EXPECT_DOUBLE_EQ(r["usd_per_million_records"].get<double>(), 1250);
  EXPECT_DOUBLE_EQ(r["usd_this_run"].get<double>(), (12000 * 0.5 + 2000 * 2.0) / 1e6);
  EXPECT_NE(CostLine(r).find("$1250.00 per million records"), std::string::npos) << CostLine(r);
}

TEST(CostReport, NoPricesNoCostAndNoRecordsNoDivisionByZero) {
  CostInputs in;
  Json r = CostReport(in);
  EXPECT_FALSE(r.contains("usd_per_million_records"));
  EXPECT_DOUBLE_EQ(r["requests_per_record"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(r["prompt_overhead_share"].get<double>(), 0);
  EXPECT_EQ(CostLine(r).find('$'), std::string::npos);
  in.price_in = 1;  // one price alone is not a cost (the step refuses it)
  EXPECT_FALSE(CostReport(in).contains("usd_per_million_records"));
  // Inconsistent inputs (more overhead than prompt bytes): the share is capped at 1.
  in.records = 1;
  in.requests = 2;
  in.prompt_bytes = 100;
  in.overhead_bytes = 80;
  EXPECT_DOUBLE_EQ(CostReport(in)["prompt_overhead_share"].get<double>(), 1.0);
}

}  // namespace
}  // namespace refinery::gdr
