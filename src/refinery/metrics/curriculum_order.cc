#include "refinery/metrics/curriculum_order.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "refinery/io/compression.h"
#include "refinery/io/record_reader.h"

namespace refinery::metrics {

StatusOr<Json> OrderRecords(const OrderOptions& o) {
  if (o.by.empty()) return absl::InvalidArgumentError("--by: a field path is required");
  if (o.missing != "last" && o.missing != "first" && o.missing != "drop") {
    return absl::InvalidArgumentError("--missing: expected last, first or drop, got '" + o.missing +
                                      "'");
  }
  RecordReaderOptions ro;
  ro.text_field = o.text_field;
  ro.id_field = o.id_field;
  ASSIGN_OR_RETURN(auto reader, RecordReader::Open(o.inputs, ro));
  struct Item {
    double score;
    bool has;
    uint64_t ordinal;
    std::string payload;  // raw line, or the manifest fields (id, file, line) as JSON
  };
  std::vector<Item> items;
  Record rec;
  uint64_t ordinal = 0, with_score = 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(rec));
    if (!more) break;
    FieldValue v = rec.Get(o.by);
    bool has = v.type == FieldValue::Type::kNumber && std::isfinite(v.number);
    if (has) {
      ++with_score;
      lo = std::min(lo, v.number);
      hi = std::max(hi, v.number);
    }
    if (!has && o.missing == "drop") {
      ++ordinal;
      continue;
    }
    Item it{has ? v.number : 0, has, ordinal++, {}};
    if (o.manifest) {
      it.payload = Json{{"id", rec.id()},
                        {"file", std::string(rec.source().file)},
                        {"line", rec.source().line}}
                       .dump();
    } else {
      it.payload.assign(rec.raw_line());
    }
    items.push_back(std::move(it));
  }
  const bool missing_first = o.missing == "first";
  std::stable_sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    if (a.has != b.has) return missing_first ? !a.has : a.has;
    if (!a.has) return false;
    return o.descending ? a.score > b.score : a.score < b.score;
  });
  ASSIGN_OR_RETURN(auto sink, OpenByteSink(o.output, CompressionFromPath(o.output)));
  std::string line;
  uint64_t rank = 0;
  for (const Item& it : items) {
    line.clear();
    if (o.manifest) {
      Json m = Json::parse(it.payload);
      Json out{{"rank", rank},
               {"id", m["id"]},
               {"score", it.has ? Json(it.score) : Json(nullptr)},
               {"file", m["file"]},
               {"line", m["line"]}};
      line = out.dump();
    } else {
      line = it.payload;
    }
    line += '\n';
    RETURN_IF_ERROR(sink->Write(line));
    ++rank;
  }
  RETURN_IF_ERROR(sink->Finish());
  Json summary{{"records", ordinal},
               {"with_score", with_score},
               {"missing", ordinal - with_score},
               {"dropped", o.missing == "drop" ? ordinal - with_score : 0},
               {"written", items.size()},
               {"by", o.by},
               {"descending", o.descending},
               {"output", o.output}};
  if (with_score) {
    summary["min"] = lo;
    summary["max"] = hi;
  }
  return summary;
}

}  // namespace refinery::metrics
