// Renders the comparison report (the JSON of compare_report.h) as one self-contained HTML
// page: inline CSS and SVG charts, no script, no network access. Every section has a stable
// id (summary, sizes, pii, leak, toxicity, metrics, lengths, embedding, delta, samples).
#pragma once

#include <string>
#include <string_view>

#include "refinery/core/json.h"

namespace refinery::report {

std::string RenderReportHtml(const Json& report);

// HTML-escapes text (& < > " ').
std::string HtmlEscape(std::string_view text);

}  // namespace refinery::report
