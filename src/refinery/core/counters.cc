#include "refinery/core/counters.h"

namespace refinery {
namespace {

constexpr std::string_view kKindNames[] = {"sum", "min", "max", "sum_by_key", "sum_each"};

Counters::Number NumberFromJson(const Json& j) {
  if (j.is_number_float()) return Counters::Number::Of(j.get<double>());
  if (j.is_number_unsigned() || j.is_number_integer())
    return Counters::Number::Of(j.get<uint64_t>());
  return {};
}

}  // namespace

void RecordCounts::Add(const RecordCounts& other) {
  in += other.in;
  out += other.out;
  dropped += other.dropped;
  rejected += other.rejected;
  changed += other.changed;
}

void Counters::Number::Add(const Number& other) {
  if (!real && !other.real) {
    integer += other.integer;
    return;
  }
  value = AsDouble() + other.AsDouble();
  real = true;
}

Counters::Entry& Counters::Find(std::string_view name, Kind kind) {
  // A step counts a handful of figures: a linear search beats a map here.
  for (Entry& e : entries_) {
    if (e.name == name) return e;
  }
  Entry& e = entries_.emplace_back();
  e.name = std::string(name);
  e.kind = kind;
  return e;
}

void Counters::Update(std::string_view name, Kind kind, Number n) {
  size_t before = entries_.size();
  Entry& e = Find(name, kind);
  if (entries_.size() != before) {  // first value: it stands whatever the kind
    e.number = n;
    return;
  }
  Entry delta;
  delta.kind = kind;
  delta.number = n;
  CombineEntry(e, delta);
}

void Counters::CountBy(std::string_view name, std::string_view key, uint64_t n) {
  AddByKey(Find(name, Kind::kSumByKey), key, Number::Of(n));
}

void Counters::SumBy(std::string_view name, std::string_view key, double v) {
  AddByKey(Find(name, Kind::kSumByKey), key, Number::Of(v));
}

void Counters::AddByKey(Entry& e, std::string_view key, const Number& n) {
  for (auto& [k, total] : e.by_key) {
    if (k == key) {
      total.Add(n);
      return;
    }
  }
  e.by_key.emplace_back(std::string(key), n);
}

void Counters::CountAt(std::string_view name, size_t index, uint64_t n) {
  AddAt(Find(name, Kind::kSumEach), index, Number::Of(n));
}

void Counters::SumAt(std::string_view name, size_t index, double v) {
  AddAt(Find(name, Kind::kSumEach), index, Number::Of(v));
}

void Counters::AddAt(Entry& e, size_t index, const Number& n) {
  // Elements never counted are integer zeros: adding a real makes an element real.
  if (e.each.size() <= index) e.each.resize(index + 1, Number::Of(uint64_t{0}));
  e.each[index].Add(n);
}

void Counters::CombineEntry(Entry& into, const Entry& from) {
  switch (into.kind) {
    case Kind::kSum:
      into.number.Add(from.number);
      break;
    case Kind::kMin:
      if (from.number.Less(into.number)) into.number = from.number;
      break;
    case Kind::kMax:
      if (into.number.Less(from.number)) into.number = from.number;
      break;
    case Kind::kSumByKey:
      for (const auto& [key, n] : from.by_key) AddByKey(into, key, n);
      break;
    case Kind::kSumEach:
      for (size_t i = 0; i < from.each.size(); ++i) {
        if (i < into.each.size()) {
          into.each[i].Add(from.each[i]);
        } else {
          into.each.push_back(from.each[i]);
        }
      }
      break;
  }
}

void Counters::Combine(const Counters& other) {
  for (const Entry& from : other.entries_) {
    bool found = false;
    for (Entry& e : entries_) {
      if (e.name == from.name) {
        CombineEntry(e, from);
        found = true;
        break;
      }
    }
    if (!found) entries_.push_back(from);
  }
}

namespace {

Json ValueJson(Counters::Kind kind, const Counters::Number& number,
               const std::vector<std::pair<std::string, Counters::Number>>& by_key,
               const std::vector<Counters::Number>& each) {
  if (kind == Counters::Kind::kSumByKey) {
    Json j = Json::object();
    for (const auto& [key, n] : by_key) j[key] = n.ToJson();
    return j;
  }
  if (kind == Counters::Kind::kSumEach) {
    Json j = Json::array();
    for (const Counters::Number& n : each) j.push_back(n.ToJson());
    return j;
  }
  return number.ToJson();
}

// The place of a dotted name in `root`: each part before the last is an object of the one
// before ("llm.answers" is root["llm"]["answers"]), made where it first occurs.
Json& Slot(Json& root, std::string_view name) {
  Json* node = &root;
  for (size_t dot; (dot = name.find('.')) != std::string_view::npos; name.remove_prefix(dot + 1)) {
    Json& group = (*node)[std::string(name.substr(0, dot))];
    if (!group.is_object()) group = Json::object();
    node = &group;
  }
  return (*node)[std::string(name)];
}

}  // namespace

Json Counters::ToJson() const {
  Json j = Json::object();
  for (const Entry& e : entries_) Slot(j, e.name) = ValueJson(e.kind, e.number, e.by_key, e.each);
  return j;
}

Json Counters::ToTypedJson() const {
  Json j = Json::array();
  for (const Entry& e : entries_) {
    j.push_back(Json::array({e.name, kKindNames[static_cast<size_t>(e.kind)],
                             ValueJson(e.kind, e.number, e.by_key, e.each)}));
  }
  return j;
}

Counters Counters::FromTypedJson(const Json& j) {
  Counters c;
  if (!j.is_array()) return c;
  for (const Json& item : j) {
    if (!item.is_array() || item.size() != 3 || !item[0].is_string() || !item[1].is_string())
      continue;
    Entry e;
    e.name = item[0].get<std::string>();
    std::string kind = item[1].get<std::string>();
    size_t k = 0;
    while (k < std::size(kKindNames) && kKindNames[k] != kind) ++k;
    if (k == std::size(kKindNames)) continue;
    e.kind = static_cast<Kind>(k);
    const Json& value = item[2];
    if (e.kind == Kind::kSumByKey && value.is_object()) {
      for (auto it = value.begin(); it != value.end(); ++it)
        e.by_key.emplace_back(it.key(), NumberFromJson(it.value()));
    } else if (e.kind == Kind::kSumEach && value.is_array()) {
      for (const Json& n : value) e.each.push_back(NumberFromJson(n));
    } else {
      e.number = NumberFromJson(value);
    }
    c.entries_.push_back(std::move(e));
  }
  return c;
}

}  // namespace refinery
