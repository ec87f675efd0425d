#include "refinery/report/report_html.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace refinery::report {

namespace {

struct Series {
  std::string name;
  std::string color;
  std::vector<double> values;
};

const char* ColorOf(const std::string& corpus) {
  if (corpus == "raw") return "#6366f1";
  if (corpus == "refined") return "#10b981";
  if (corpus == "synthetic") return "#f59e0b";
  return "#64748b";
}

std::string Num(double v, int digits = 3) {
  if (!std::isfinite(v)) return "–";
  if (std::fabs(v) >= 1e6) return fmt::format("{:.3g}", v);
  return fmt::format("{:.{}f}", v, digits);
}

std::string Int(double v) {
  // Thousands separators with thin spaces.
  long long x = static_cast<long long>(std::llround(v));
  std::string s = std::to_string(x < 0 ? -x : x), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += "\xe2\x80\x89";
    out += s[i];
  }
  return x < 0 ? "-" + out : out;
}

std::string Pct(double v) { return std::isfinite(v) ? fmt::format("{:.1f}%", v * 100) : "–"; }

double Get(const Json& j, const char* key) {
  if (!j.is_object()) return NAN;
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

std::vector<std::string> CorpusNames(const Json& report) {
  std::vector<std::string> names;
  for (const Json& c : report["corpora"]) names.push_back(c["name"].get<std::string>());
  return names;
}

std::string Legend(const std::vector<Series>& series) {
  std::string out = "<div class=\"legend\">";
  for (const Series& s : series) {
    out +=
        fmt::format("<span><i style=\"background:{}\"></i>{}</span>", s.color, HtmlEscape(s.name));
  }
  return out + "</div>";
}

// Vertical grouped bars: one group per category, one bar per series.
std::string GroupedBars(const std::vector<std::string>& categories,
                        const std::vector<Series>& series, const std::string& y_label,
                        int width = 1080, int height = 260) {
  const double left = 48, right = 12, top = 12, bottom = 40;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  double max_v = 0;
  for (const Series& s : series) {
    for (double v : s.values) {
      if (std::isfinite(v)) max_v = std::max(max_v, v);
    }
  }
  if (max_v <= 0) max_v = 1;
  std::string svg =
      fmt::format("<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">",
                  width, height, HtmlEscape(y_label));
  for (int k = 0; k <= 4; ++k) {
    double y = top + plot_h - plot_h * k / 4.0;
    svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>",
                       left, width - right, y, y);
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"end\">{}</text>",
                       left - 6, y + 4, Num(max_v * k / 4.0, max_v < 10 ? 2 : 0));
  }
  const size_t nc = std::max<size_t>(categories.size(), 1);
  const double group_w = plot_w / static_cast<double>(nc);
  const double bar_w =
      std::max(1.0, (group_w * 0.8) / static_cast<double>(std::max<size_t>(series.size(), 1)));
  for (size_t c = 0; c < categories.size(); ++c) {
    double gx = left + group_w * static_cast<double>(c) + group_w * 0.1;
    for (size_t s = 0; s < series.size(); ++s) {
      double v = c < series[s].values.size() ? series[s].values[c] : 0;
      if (!std::isfinite(v)) v = 0;
      double h = plot_h * v / max_v;
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"2\" fill=\"{}\">"
          "<title>{} · {}: {}</title></rect>",
          gx + bar_w * static_cast<double>(s), top + plot_h - h, std::max(0.5, bar_w - 1), h,
          series[s].color, HtmlEscape(series[s].name), HtmlEscape(categories[c]), Num(v));
    }
    if (categories.size() <= 24 || c % 2 == 0) {
      svg +=
          fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
                      left + group_w * (static_cast<double>(c) + 0.5), height - bottom + 16,
                      HtmlEscape(categories[c]));
    }
  }
  svg += fmt::format(
      "<text x=\"12\" y=\"{}\" class=\"axis\" transform=\"rotate(-90 12 {})\" "
      "text-anchor=\"middle\">{}</text>",
      top + plot_h / 2, top + plot_h / 2, HtmlEscape(y_label));
  return svg + "</svg>";
}

// Horizontal grouped bars (for PII types): one row per category.
std::string HorizontalBars(const std::vector<std::string>& categories,
                           const std::vector<Series>& series, int width = 1080) {
  const double label_w = 170, right = 60, step = 14,
               row_h = step * static_cast<double>(series.size()) + 12;
  const int height = static_cast<int>(row_h * static_cast<double>(categories.size()) + 16);
  double max_v = 0;
  for (const Series& s : series) {
    for (double v : s.values) max_v = std::max(max_v, v);
  }
  if (max_v <= 0) max_v = 1;
  std::string svg =
      fmt::format("<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\">", width, height);
  for (size_t c = 0; c < categories.size(); ++c) {
    double y0 = 8 + row_h * static_cast<double>(c);
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"end\">{}</text>",
                       label_w - 8, y0 + row_h / 2 + 2, HtmlEscape(categories[c]));
    for (size_t s = 0; s < series.size(); ++s) {
      double v = c < series[s].values.size() ? series[s].values[c] : 0;
      double w = (width - label_w - right) * v / max_v;
      double y = y0 + step * static_cast<double>(s);
      svg += fmt::format(
          "<rect x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"11\" rx=\"2\" fill=\"{}\">"
          "<title>{} · {}: {}</title></rect>"
          "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"val\">{}</text>",
          label_w, y, std::max(w, 0.5), series[s].color, HtmlEscape(series[s].name),
          HtmlEscape(categories[c]), Int(v), label_w + std::max(w, 0.5) + 5, y + 9.5, Int(v));
    }
  }
  return svg + "</svg>";
}

std::string Scatter(const Json& pca, const std::vector<std::string>& names, int width = 1080,
                    int height = 520) {
  double min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY;
  for (const std::string& n : names) {
    if (!pca["points"].contains(n)) continue;
    for (const Json& p : pca["points"][n]) {
      double x = p[0].get<double>(), y = p[1].get<double>();
      min_x = std::min(min_x, x);
      max_x = std::max(max_x, x);
      min_y = std::min(min_y, y);
      max_y = std::max(max_y, y);
    }
  }
  if (!std::isfinite(min_x)) return "<p class=\"muted\">No embeddings.</p>";
  if (max_x - min_x < 1e-9) max_x = min_x + 1;
  if (max_y - min_y < 1e-9) max_y = min_y + 1;
  const double pad = 24;
  auto sx = [&](double x) { return pad + (width - 2 * pad) * (x - min_x) / (max_x - min_x); };
  auto sy = [&](double y) {
    return height - pad - (height - 2 * pad) * (y - min_y) / (max_y - min_y);
  };
  std::string svg = fmt::format(
      "<svg class=\"chart scatter\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"PCA of "
      "document "
      "embeddings\"><rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" class=\"plotbg\"/>",
      width, height, width, height);
  svg += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/>",
                     sx(0), sx(0), pad, height - pad);
  svg += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>", pad,
                     width - pad, sy(0), sy(0));
  for (const std::string& n : names) {
    if (!pca["points"].contains(n)) continue;
    svg += fmt::format("<g fill=\"{}\" fill-opacity=\"0.55\">", ColorOf(n));
    for (const Json& p : pca["points"][n]) {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\"/>", sx(p[0].get<double>()),
                         sy(p[1].get<double>()));
    }
    svg += "</g>";
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis\" text-anchor=\"end\">PC1</text>",
                     width - pad, height - 8);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"axis\">PC2</text>", pad + 4, pad - 8);
  return svg + "</svg>";
}

std::string Kpi(const std::string& label, const std::string& value, const std::string& sub,
                const std::string& tone = "") {
  return fmt::format(
      "<div class=\"kpi {}\"><div class=\"label\">{}</div><div class=\"value\">{}</div>"
      "<div class=\"sub\">{}</div></div>",
      tone, HtmlEscape(label), value, sub);
}

const char* kCss = R"CSS(
:root{--bg:#f6f7fb;--card:#fff;--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--raw:#6366f1;--refined:#10b981;--synthetic:#f59e0b}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{background:linear-gradient(120deg,#1e1b4b,#312e81 55%,#065f46);color:#fff;padding:28px 40px 22px}
header h1{margin:0 0 4px;font-size:26px;letter-spacing:.2px}
header .meta{opacity:.85;font-size:13px}
header .meta code{background:rgba(255,255,255,.12);padding:1px 6px;border-radius:4px}
nav{position:sticky;top:0;z-index:2;background:rgba(255,255,255,.92);backdrop-filter:blur(6px);border-bottom:1px solid var(--line);padding:8px 40px;display:flex;gap:18px;flex-wrap:wrap}
nav a{color:#334155;text-decoration:none;font-weight:500;font-size:13px}
nav a:hover{color:#4338ca}
main{max-width:1180px;margin:0 auto;padding:24px 40px 60px}
section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:20px 24px;margin:0 0 20px;box-shadow:0 1px 2px rgba(15,23,42,.04)}
section h2{margin:0 0 4px;font-size:18px}
section .lead{margin:0 0 14px;color:var(--muted)}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(165px,1fr));gap:12px}
.kpi{border:1px solid var(--line);border-radius:10px;padding:12px 14px;background:#fbfcfe}
.kpi .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.kpi .value{font-size:18px;font-weight:650;margin-top:2px;white-space:nowrap}
.kpi .sub{color:var(--muted);font-size:12px}
.kpi.good .value{color:#047857}.kpi.bad .value{color:#b91c1c}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:right}
th:first-child,td:first-child{text-align:left}
thead th{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;border-bottom:2px solid var(--line)}
tbody tr:hover{background:#f8fafc}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px;vertical-align:middle}
.up{color:#047857}.down{color:#b91c1c}.flat{color:var(--muted)}
.chg{font-size:12px;margin-left:6px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:20px}
@media (max-width:900px){.grid2{grid-template-columns:1fr}}
svg.chart{width:100%;height:auto;display:block}
svg .grid{stroke:#e2e8f0;stroke-width:1}
svg .tick{font-size:11px;fill:#64748b}
svg .val{font-size:11px;fill:#334155}
svg .axis{font-size:12px;fill:#475569}
svg .plotbg{fill:#fbfcfe}
.legend{display:flex;gap:16px;margin:6px 0 8px;font-size:12px;color:#334155}
.legend i{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:-2px}
.muted{color:var(--muted)}
.note{background:#f1f5f9;border-left:3px solid #94a3b8;padding:8px 12px;border-radius:6px;color:#475569}
.sample{border:1px solid var(--line);border-radius:10px;margin:0 0 14px;overflow:hidden}
.sample .head{display:flex;justify-content:space-between;background:#f8fafc;padding:6px 12px;font-size:12px;color:var(--muted);border-bottom:1px solid var(--line)}
.sample .body{padding:10px 12px;white-space:pre-wrap;word-break:break-word;font:13px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;max-height:320px;overflow:auto}
del{background:#fee2e2;color:#991b1b;text-decoration:line-through;text-decoration-color:#f87171;border-radius:3px}
ins{background:#dcfce7;color:#166534;text-decoration:none;border-radius:3px}
footer{color:var(--muted);font-size:12px;text-align:center;padding:10px 0 30px}
)CSS";

struct MetricRow {
  const char* key;
  const char* label;
  int digits;
  int better;  // +1 higher is more diverse/better, -1 lower is, 0 neutral
};

const MetricRow kMetricRows[] = {
    {"docs", "documents", 0, 0},
    {"tokens", "tokens", 0, 0},
    {"mean_tokens", "mean tokens / doc", 1, 0},
    {"distinct_1", "distinct-1", 4, 1},
    {"distinct_2", "distinct-2", 4, 1},
    {"distinct_3", "distinct-3", 4, 1},
    {"distinct_4", "distinct-4", 4, 1},
    {"ttr", "TTR (mean per doc)", 4, 1},
    {"mattr", "MATTR (w=50)", 4, 1},
    {"mtld", "MTLD (0.72)", 2, 1},
    {"compression_ratio_gzip", "compression ratio gzip-9", 3, -1},
    {"compression_ratio_zstd", "compression ratio zstd-19", 3, -1},
    {"self_bleu", "self-BLEU-4", 4, -1},
    {"rouge2_pairwise", "pairwise ROUGE-2 F1", 4, -1},
    {"embed_mean_pairwise_l2", "embedding pairwise L2 (RMS)", 4, 1},
    {"embed_centroid_l2", "embedding centroid L2 (RMS)", 4, 1},
    {"vendi", "Vendi score", 2, 1},
};

std::string HistogramSeries(const Json& report, const char* section,
                            const std::vector<std::string>& names, const std::string& y_label) {
  const Json& s = report[section];
  std::vector<std::string> cats;
  std::vector<Series> series;
  for (const std::string& n : names) {
    if (!s.contains(n) || s[n].is_null()) continue;
    const Json& h = s[n];
    if (cats.empty()) {
      for (size_t i = 0; i + 1 < h["bins"].size(); ++i) {
        cats.push_back(fmt::format("{:.1f}", h["bins"][i].get<double>()));
      }
    }
    Series ser{n, ColorOf(n), {}};
    double total = std::max(1.0, h["n"].get<double>());
    for (const Json& c : h["counts"]) ser.values.push_back(c.get<double>() / total);
    series.push_back(ser);
  }
  if (series.empty()) return "";
  std::string out = Legend(series) + GroupedBars(cats, series, y_label);
  out +=
      "<table><thead><tr><th>corpus</th><th>scored</th><th>mean</th><th>share ≥ "
      "0.5</th></tr></thead><tbody>";
  for (const std::string& n : names) {
    if (!s.contains(n) || s[n].is_null()) continue;
    out += fmt::format(
        "<tr><td><span class=\"dot\" "
        "style=\"background:{}\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        ColorOf(n), n, Int(Get(s[n], "n")), Num(Get(s[n], "mean"), 4),
        Pct(Get(s[n], "share_above_0.5")));
  }
  return out + "</tbody></table>";
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderReportHtml(const Json& report) {
  const std::vector<std::string> names = CorpusNames(report);
  const Json& sizes = report["sizes"];
  const Json& metrics = report["metrics"];
  std::string h;
  h += "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
       "'unsafe-inline'; img-src data:\">"
       "<title>Refinery report</title><style>";
  h += kCss;
  h += "</style></head><body>";
  h += "<header><h1>Refinery report</h1><div class=\"meta\">";
  for (const Json& c : report["corpora"]) {
    h +=
        fmt::format("<span class=\"dot\" style=\"background:{}\"></span>{} <code>{}</code> &nbsp; ",
                    ColorOf(c["name"].get<std::string>()), HtmlEscape(c["name"].get<std::string>()),
                    HtmlEscape(c["path"].get<std::string>()));
  }
  h += fmt::format("· seed {}</div></header>", report.value("seed", 0));
  h +=
      "<nav><a href=\"#summary\">Summary</a><a href=\"#sizes\">Sizes</a><a href=\"#pii\">PII</a>"
      "<a href=\"#leak\">Leak</a><a href=\"#toxicity\">Toxicity</a><a href=\"#metrics\">Metrics</a>"
      "<a href=\"#lengths\">Lengths</a><a href=\"#embedding\">Embeddings</a><a href=\"#delta\">Δ "
      "per record</a>"
      "<a href=\"#samples\">Samples</a></nav><main>";

  // ---- Summary
  const Json& delta = report["delta"];
  const Json& pii = report["pii"];
  h += "<section id=\"summary\"><h2>Summary</h2><p class=\"lead\">What refinement did to the data, "
       "at a glance.</p><div class=\"kpis\">";
  double raw_n = Get(sizes["raw"], "records"), ref_n = Get(sizes["refined"], "records");
  h += Kpi("records", Int(raw_n) + " → " + Int(ref_n),
           fmt::format("{} dropped · {} changed", Int(Get(delta, "dropped")),
                       Int(Get(delta, "changed"))));
  if (pii.value("source", "none") != "none") {
    double b = Get(pii["raw"], "spans"), a = Get(pii["refined"], "spans");
    h += Kpi("PII spans found", Int(b) + " → " + Int(a),
             b > 0 ? Pct(1 - a / b) + " fewer" : "none found in raw",
             a < b || b == 0 ? "good" : "bad");
  }
  if (!report["leak"].is_null()) {
    h += Kpi("leak rate (gold)", Pct(Get(report["leak"], "leak_rate")), "gold PII values surviving",
             Get(report["leak"], "leak_rate") < 0.05 ? "good" : "bad");
  }
  if (!report["toxicity"].is_null() && report["toxicity"].contains("raw") &&
      !report["toxicity"]["raw"].is_null() && !report["toxicity"]["refined"].is_null()) {
    double b = Get(report["toxicity"]["raw"], "mean"),
           a = Get(report["toxicity"]["refined"], "mean");
    h += Kpi("mean toxicity", Num(b, 3) + " → " + Num(a, 3), "P(toxic), mean over records",
             a <= b ? "good" : "bad");
  }
  h += Kpi("mean Δ per record", Num(Get(delta, "mean"), 3),
           "median " + Num(Get(delta, "median"), 3) + " · p90 " + Num(Get(delta, "p90"), 3));
  for (const char* key : {"distinct_2", "vendi"}) {
    double b = Get(metrics["raw"], key), a = Get(metrics["refined"], key);
    h += Kpi(std::string(key == std::string("vendi") ? "Vendi score" : "distinct-2"),
             Num(b, key == std::string("vendi") ? 1 : 3) + " → " +
                 Num(a, key == std::string("vendi") ? 1 : 3),
             b > 0 ? Pct(a / b) + " of raw kept" : "", a >= 0.9 * b ? "good" : "bad");
  }
  h += "</div></section>";

  // ---- Sizes
  h += "<section id=\"sizes\"><h2>Corpus sizes</h2><p class=\"lead\">Records and text volume of "
       "each corpus.</p>";
  h += "<table><thead><tr><th>corpus</th><th>records</th><th>text "
       "bytes</th><th>characters</th><th>tokens</th></tr></thead><tbody>";
  for (const std::string& n : names) {
    const Json& s = sizes[n];
    h += fmt::format(
        "<tr><td><span class=\"dot\" "
        "style=\"background:{}\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        ColorOf(n), n, Int(Get(s, "records")), Int(Get(s, "text_bytes")), Int(Get(s, "chars")),
        Int(Get(s, "tokens")));
  }
  h += "</tbody></table></section>";

  // ---- PII
  h += "<section id=\"pii\"><h2>PII found per type</h2>";
  if (pii.value("source", "none") == "none") {
    h += "<p class=\"note\">PII counting was turned off (--pii none).</p>";
  } else {
    h += fmt::format(
        "<p class=\"lead\">Spans found by {} in each corpus (before = raw, after = refined).</p>",
        pii["source"] == "detector" ? "the built-in PII detector"
                                    : "the records' refinery.pii spans");
    std::vector<std::string> types;
    for (const std::string& n : names) {
      for (auto it = pii[n]["per_type"].begin(); it != pii[n]["per_type"].end(); ++it) {
        if (std::find(types.begin(), types.end(), it.key()) == types.end())
          types.push_back(it.key());
      }
    }
    std::sort(types.begin(), types.end(), [&](const std::string& a, const std::string& b) {
      return pii["raw"]["per_type"].value(a, 0.0) > pii["raw"]["per_type"].value(b, 0.0);
    });
    if (types.empty()) {
      h += "<p class=\"note\">No PII found in any corpus.</p>";
    } else {
      std::vector<Series> series;
      for (const std::string& n : names) {
        Series s{n, ColorOf(n), {}};
        for (const std::string& t : types) s.values.push_back(pii[n]["per_type"].value(t, 0.0));
        series.push_back(s);
      }
      h += Legend(series) + HorizontalBars(types, series);
    }
    h += "<table><thead><tr><th>corpus</th><th>spans</th><th>records with PII</th><th>share of "
         "records</th></tr></thead><tbody>";
    for (const std::string& n : names) {
      h += fmt::format(
          "<tr><td><span class=\"dot\" "
          "style=\"background:{}\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
          ColorOf(n), n, Int(Get(pii[n], "spans")), Int(Get(pii[n], "records_with_pii")),
          Pct(Get(pii[n], "records_with_pii_rate")));
    }
    h += "</tbody></table>";
    for (const std::string& n : names) {
      double fakes = Get(pii[n], "surrogates_ignored");
      if (fakes > 0) {
        h += fmt::format(
            "<p class=\"note\">{}: {} spans the detector found are surrogates Refinery's "
            "anonymizer wrote (recorded in refinery.anonymize) and are not counted.</p>",
            HtmlEscape(n), Int(fakes));
      }
    }
    if (pii.contains("note"))
      h += "<p class=\"note\">" + HtmlEscape(pii["note"].get<std::string>()) + "</p>";
  }
  h += "</section>";

  // ---- Leak
  h += "<section id=\"leak\"><h2>Leak rate against gold PII</h2>";
  if (report["leak"].is_null()) {
    h += "<p class=\"note\">Not computed: pass <code>--gold GOLD.jsonl</code> (records with gold "
         "PII spans) to "
         "measure the share of gold PII values that survive refinement.</p>";
  } else {
    const Json& leak = report["leak"];
    h += "<p class=\"lead\">Share of gold PII values still present in the refined text.</p><div "
         "class=\"kpis\">";
    h += Kpi("leak rate", Pct(Get(leak, "leak_rate")), "lower is better",
             Get(leak, "leak_rate") < 0.05 ? "good" : "bad");
    if (leak.contains("over_edit_rate"))
      h += Kpi("over-edit rate", Pct(Get(leak, "over_edit_rate")), "non-PII text changed");
    h += "</div>";
    if (leak.contains("per_type") && leak["per_type"].is_object()) {
      h += "<table><thead><tr><th>type</th><th>leak rate</th><th>gold "
           "values</th><th>leaked</th></tr></thead><tbody>";
      for (auto it = leak["per_type"].begin(); it != leak["per_type"].end(); ++it) {
        const Json& v = it.value();
        double rate = v.is_number() ? v.get<double>() : Get(v, "leak_rate");
        h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                         HtmlEscape(it.key()), Pct(rate), v.is_object() ? Int(Get(v, "gold")) : "–",
                         v.is_object() ? Int(Get(v, "leaked")) : "–");
      }
      h += "</tbody></table>";
    }
  }
  h += "</section>";

  // ---- Toxicity
  h += "<section id=\"toxicity\"><h2>Toxicity before and after</h2>";
  if (report["toxicity"].is_null()) {
    h += "<p class=\"note\">No toxicity scores: records carry no "
         "<code>refinery.scores.toxicity</code> and no toxicity model was found.</p>";
  } else {
    h += "<p class=\"lead\">Distribution of P(toxic) per record (share of records per bin).</p>";
    h += HistogramSeries(report, "toxicity", names, "share of records");
    if (report["toxicity"].contains("note"))
      h +=
          "<p class=\"note\">" + HtmlEscape(report["toxicity"]["note"].get<std::string>()) + "</p>";
  }
  if (!report["ai_human"].is_null()) {
    h += "<h3>Human-likeness (refinery.scores.ai_human)</h3>" +
         HistogramSeries(report, "ai_human", names, "share of records");
  }
  h += "</section>";

  // ---- Metrics
  h += "<section id=\"metrics\"><h2>Diversity and information metrics</h2>"
       "<p class=\"lead\">Side by side; the change is relative to raw (green: more diverse / less "
       "redundant). "
       "Definitions: docs/metrics.md.</p><table><thead><tr><th>metric</th>";
  for (const std::string& n : names) {
    h += fmt::format("<th><span class=\"dot\" style=\"background:{}\"></span>{}</th>", ColorOf(n),
                     n);
  }
  h += "</tr></thead><tbody>";
  for (const MetricRow& row : kMetricRows) {
    h += fmt::format("<tr><td>{}</td>", row.label);
    double base = Get(metrics["raw"], row.key);
    for (const std::string& n : names) {
      double v = Get(metrics[n], row.key);
      std::string cell = row.digits == 0 ? Int(v) : Num(v, row.digits);
      if (n != "raw" && std::isfinite(v) && std::isfinite(base) && base != 0) {
        double rel = (v - base) / std::fabs(base);
        const char* cls = std::fabs(rel) < 0.005          ? "flat"
                          : row.better == 0               ? "flat"
                          : (rel > 0) == (row.better > 0) ? "up"
                                                          : "down";
        cell += fmt::format("<span class=\"chg {}\">{}{:.1f}%</span>", cls, rel >= 0 ? "+" : "",
                            rel * 100);
      }
      h += "<td>" + cell + "</td>";
    }
    h += "</tr>";
  }
  h += "</tbody></table>";
  {
    std::string notes;
    for (const std::string& n : names) {
      const Json& s = metrics[n]["sampling"];
      if (!s.is_object()) continue;
      std::vector<std::string> parts;
      if (!s.value("pairwise_exact", true))
        parts.push_back(fmt::format("self-BLEU / embeddings on a seeded sample of {} documents",
                                    Int(Get(s, "sample_docs"))));
      if (!s.value("rouge2_exact", true))
        parts.push_back(fmt::format("ROUGE-2 over {} sampled pairs (±{:.4f}, 95% CI)",
                                    Int(Get(s, "rouge2_pairs")), Get(s, "rouge2_ci95")));
      if (!s.value("compression_exact", true))
        parts.push_back(fmt::format("compression on {} sampled bytes (gzip ±{:.3f})",
                                    Int(Get(s, "compression_sampled_bytes")),
                                    Get(s, "compression_ratio_gzip_ci95")));
      if (!s.value("distinct_exact", true)) parts.push_back("distinct-n by HyperLogLog (±0.8%)");
      if (!parts.empty()) {
        notes += "<li><b>" + n + "</b>: ";
        for (size_t i = 0; i < parts.size(); ++i) notes += (i ? "; " : "") + HtmlEscape(parts[i]);
        notes += "</li>";
      }
    }
    if (!notes.empty()) h += "<p class=\"note\">Estimated figures:<ul>" + notes + "</ul></p>";
  }
  h += "</section>";

  // ---- Lengths
  h += "<section id=\"lengths\"><h2>Document lengths</h2><p class=\"lead\">Share of documents per "
       "length bin (tokens, power-of-two bins).</p>";
  {
    size_t bins = 0;
    for (const std::string& n : names)
      bins = std::max(bins, metrics[n]["length_histogram_tokens"]["counts"].size());
    std::vector<std::string> cats;
    for (size_t i = 0; i < bins; ++i)
      cats.push_back(i == 0 ? "0"
                            : (i == 1 ? "1" : Int(std::ldexp(1.0, static_cast<int>(i) - 1)) + "+"));
    std::vector<Series> series;
    for (const std::string& n : names) {
      const Json& hj = metrics[n]["length_histogram_tokens"];
      Series s{n, ColorOf(n), std::vector<double>(bins, 0)};
      double total = std::max(1.0, Get(metrics[n], "docs"));
      for (size_t i = 0; i < hj["counts"].size(); ++i)
        s.values[i] = hj["counts"][i].get<double>() / total;
      series.push_back(s);
    }
    h += Legend(series) + GroupedBars(cats, series, "share of documents");
  }
  h += "</section>";

  // ---- Embedding
  h += "<section id=\"embedding\"><h2>Embedding space (PCA)</h2>";
  if (report["pca"].is_null()) {
    h += "<p class=\"note\">Too few documents with tokens for a projection.</p>";
  } else {
    const Json& pca = report["pca"];
    std::vector<Series> series;
    for (const std::string& n : names) series.push_back({n, ColorOf(n), {}});
    h += fmt::format(
        "<p class=\"lead\">Hashed TF-IDF embeddings of sampled documents projected on the first "
        "two principal "
        "components of all corpora together (PC1 {} , PC2 {} of the variance). A corpus that "
        "collapses into "
        "a few modes covers a smaller area.</p>",
        Pct(pca["explained_variance"][0].get<double>()),
        Pct(pca["explained_variance"][1].get<double>()));
    h += Legend(series) + Scatter(pca, names);
  }
  h += "</section>";

  // ---- Delta
  h += "<section id=\"delta\"><h2>Δ per record</h2>";
  {
    h += "<p class=\"lead\">Normalised character edit distance between each raw record and its "
         "refined version "
         "(joined by id): 0 = unchanged, 1 = entirely rewritten.</p><div class=\"kpis\">";
    h += Kpi("matched", Int(Get(delta, "matched")), Int(Get(delta, "unchanged")) + " unchanged");
    h += Kpi("changed", Int(Get(delta, "changed")),
             Pct(Get(delta, "matched") > 0 ? Get(delta, "changed") / Get(delta, "matched") : 0) +
                 " of matched");
    h += Kpi("dropped", Int(Get(delta, "dropped")), "raw records absent from refined");
    h += Kpi("mean Δ", Num(Get(delta, "mean"), 3), "median " + Num(Get(delta, "median"), 3));
    h += "</div>";
    std::vector<std::string> cats;
    Series s{"records", ColorOf("refined"), {}};
    for (size_t i = 0; i < delta["histogram"]["counts"].size(); ++i) {
      cats.push_back(fmt::format("{:.2f}", delta["histogram"]["lower"][i].get<double>()));
      s.values.push_back(delta["histogram"]["counts"][i].get<double>());
    }
    h += GroupedBars(cats, {s}, "records");
    if (Get(delta, "unmatched_refined") > 0 || Get(delta, "out_of_order") > 0) {
      h += fmt::format(
          "<p class=\"note\">{} refined records had no raw record with the same id; {} were out of "
          "order.</p>",
          Int(Get(delta, "unmatched_refined")), Int(Get(delta, "out_of_order")));
    }
  }
  h += "</section>";

  // ---- Cost (when REFINED is an LLM rewrite run's output)
  if (report.contains("cost") && report["cost"].is_object()) {
    const Json& cost = report["cost"];
    h += "<section id=\"cost\"><h2>LLM cost</h2><p class=\"lead\">From the rewrite run's "
         "summary: model requests and tokens per record, and the share of prompt tokens spent "
         "on the fixed part of every prompt.</p><div class=\"kpis\">";
    h += Kpi("requests / record", Num(Get(cost, "requests_per_record"), 3),
             Int(Get(cost, "records")) + " records");
    h += Kpi("prompt tokens / record", Num(Get(cost, "prompt_tokens_per_record"), 4),
             Num(Get(cost, "completion_tokens_per_record"), 4) + " completion tokens");
    h += Kpi("prompt overhead", Pct(Get(cost, "prompt_overhead_share")),
             "of prompt tokens: system message and examples");
    if (cost.contains("usd_per_million_records")) {
      h += Kpi("USD / million records", Num(Get(cost, "usd_per_million_records"), 4),
               fmt::format("at ${} / ${} per million tokens in / out",
                           Num(Get(cost, "price_in_usd_per_mtok"), 4),
                           Num(Get(cost, "price_out_usd_per_mtok"), 4)));
    }
    h += "</div></section>";
  }

  // ---- Samples
  h += "<section id=\"samples\"><h2>Sample records</h2><p class=\"lead\">A seeded sample of "
       "changed records, "
       "largest Δ first: <del>deleted</del> and <ins>inserted</ins> text.</p>";
  if (report["samples"].empty()) {
    h += "<p class=\"note\">No record was changed.</p>";
  }
  for (const Json& s : report["samples"]) {
    h += fmt::format(
        "<div class=\"sample\"><div class=\"head\"><span>id <b>{}</b></span><span>Δ "
        "{}{}</span></div><div class=\"body\">",
        HtmlEscape(s["id"].get<std::string>()), Num(s["delta"].get<double>(), 3),
        s.value("truncated", false) ? " · truncated" : "");
    for (const Json& seg : s["segments"]) {
      std::string op = seg["op"].get<std::string>(),
                  text = HtmlEscape(seg["text"].get<std::string>());
      if (op == "delete") {
        h += "<del>" + text + "</del>";
      } else if (op == "insert") {
        h += "<ins>" + text + "</ins>";
      } else {
        h += text;
      }
    }
    h += "</div></div>";
  }
  h += "</section></main><footer>Generated by refinery compare · self-contained page (no scripts, "
       "no network)</footer></body></html>\n";
  return h;
}

}  // namespace refinery::report
