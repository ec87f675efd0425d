#include "refinery/core/record.h"

#include <algorithm>
#include <charconv>

#include <simdjson.h>

#include "refinery/core/batch_storage.h"
#include "refinery/core/raw_fields.h"

namespace refinery {
namespace {

// Per-thread scratch: records re-parse their validated bytes on demand.
simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// A validated line's top-level fields with their decoded names: how every lookup and the
// re-serialization of a changed record find their way in a line without parsing it whole.
struct LineFields {
  std::vector<RawField> raw;
  std::vector<std::string_view> keys;  // decoded names: into the line, or into `decoded`
  std::vector<std::string> decoded;    // names that had escapes

  // False, with no fields, when the line is not an object (a record made without a line).
  bool Read(std::string_view line) {
    if (!SplitObjectFields(line, raw)) raw.clear();
    if (decoded.size() < raw.size()) decoded.resize(raw.size());
    keys.resize(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) keys[i] = DecodeKey(raw[i].key, decoded[i]);
    return !raw.empty();
  }
  // The first field named `key`, as a lookup in a parsed object would find it.
  const RawField* Find(std::string_view key) const {
    auto it = std::find(keys.begin(), keys.end(), key);
    return it == keys.end() ? nullptr : &raw[it - keys.begin()];
  }
};

// Per thread, so no lookup allocates: a record is handled by one thread at a time, and no user
// of these fields calls another before it is done with them.
LineFields& ThreadLineFields() {
  thread_local LineFields fields;
  return fields;
}

// Parses one field's value in place (the line goes on after it, so simdjson's padding is there).
bool ParseValue(const RawField& field, simdjson::dom::element& value) {
  return !ThreadParser().parse(field.value.data(), field.value.size(), false).get(value);
}

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    if (dot == std::string_view::npos) dot = path.size();
    parts.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

bool ParseIndex(std::string_view s, size_t& index) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), index);
  return ec == std::errc() && ptr == s.data() + s.size();
}

FieldValue FromElement(simdjson::dom::element e) {
  FieldValue v;
  switch (e.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      v.type = FieldValue::Type::kNull;
      break;
    case simdjson::dom::element_type::BOOL:
      v.type = FieldValue::Type::kBool;
      v.boolean = e.get_bool().value_unsafe();
      break;
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      v.type = FieldValue::Type::kNumber;
      v.number = e.get_double().value_unsafe();
      break;
    case simdjson::dom::element_type::STRING:
      v.type = FieldValue::Type::kString;
      v.string = std::string(e.get_string().value_unsafe());
      break;
    case simdjson::dom::element_type::ARRAY:
      v.type = FieldValue::Type::kArray;
      v.size = e.get_array().value_unsafe().size();
      break;
    case simdjson::dom::element_type::OBJECT:
      v.type = FieldValue::Type::kObject;
      v.size = e.get_object().value_unsafe().size();
      break;
  }
  return v;
}

FieldValue FromJson(const Json& j) {
  FieldValue v;
  if (j.is_null()) {
    v.type = FieldValue::Type::kNull;
  } else if (j.is_boolean()) {
    v.type = FieldValue::Type::kBool;
    v.boolean = j.get<bool>();
  } else if (j.is_number()) {
    v.type = FieldValue::Type::kNumber;
    v.number = j.get<double>();
  } else if (j.is_string()) {
    v.type = FieldValue::Type::kString;
    v.string = j.get<std::string>();
  } else if (j.is_array()) {
    v.type = FieldValue::Type::kArray;
    v.size = j.size();
  } else if (j.is_object()) {
    v.type = FieldValue::Type::kObject;
    v.size = j.size();
  }
  return v;
}

FieldValue LookupJson(const Json& root, const std::vector<std::string_view>& parts, size_t from) {
  const Json* node = &root;
  for (size_t i = from; i < parts.size(); ++i) {
    if (node->is_object()) {
      auto it = node->find(std::string(parts[i]));
      if (it == node->end()) return {};
      node = &*it;
    } else if (node->is_array()) {
      size_t index;
      if (!ParseIndex(parts[i], index) || index >= node->size()) return {};
      node = &(*node)[index];
    } else {
      return {};
    }
  }
  return FromJson(*node);
}

}  // namespace

void Record::InitValidated(std::string_view raw_line, SourceLocation source, std::string_view id,
                           std::string_view text, bool text_is_stable, bool has_refinery,
                           const std::string* text_field) {
  InitValidatedDeferText(raw_line, source, id, has_refinery, text_field);
  text_deferred_ = false;
  if (text_is_stable) {
    text_ = text;
  } else {
    owned_text_ = std::string(text);
    text_owned_ = true;
  }
}

void Record::InitValidatedDeferText(std::string_view raw_line, SourceLocation source,
                                    std::string_view id, bool has_refinery,
                                    const std::string* text_field) {
  raw_line_ = raw_line;
  source_ = source;
  id_.assign(id);
  input_has_refinery_ = has_refinery;
  text_field_ = text_field;
  text_deferred_ = true;
}

void Record::LoadDeferredText() const {
  text_deferred_ = false;
  text_owned_ = true;
  LineFields& fields = ThreadLineFields();
  fields.Read(raw_line_);
  const RawField* field = fields.Find(*text_field_);
  simdjson::dom::element value;
  std::string_view text;
  if (field && ParseValue(*field, value) && !value.get_string().get(text)) owned_text_ = text;
}

const std::string& Record::id() const {
  if (id_.empty() && source_.line > 0) {
    id_ = std::string(source_.file) + ":" + std::to_string(source_.line);
  }
  return id_;
}

void Record::set_text(std::string text) {
  if (text == this->text()) return;
  owned_text_ = std::move(text);
  text_owned_ = true;
  text_changed_ = true;
  ++text_version_;
}

bool Record::has_refinery() const {
  return refinery_ != nullptr || input_has_refinery_ || !pending_members_.empty();
}

Json& Record::refinery() {
  refinery_touched_ = true;
  if (!refinery_) {
    refinery_ = std::make_unique<Json>(Json::object());
    if (input_has_refinery_) {
      LineFields& fields = ThreadLineFields();
      fields.Read(raw_line_);
      if (const RawField* field = fields.Find("refinery")) {
        *refinery_ = Json::parse(field->value, nullptr, false);
        if (!refinery_->is_object()) *refinery_ = Json::object();
      }
    }
  }
  ParsePendingMembers();
  return *refinery_;
}

void Record::AppendRefineryMembers(std::string_view members) {
  // Without an object yet (none in the input, none made by a step) the members stay text
  // until something reads the object: most records are only written (no Json allocation).
  refinery_touched_ = true;
  if (refinery_ || input_has_refinery_) refinery();
  if (!pending_members_.empty()) pending_members_.push_back(',');
  pending_members_.append(members);
}

bool Record::AppendPendingStatus(std::string_view status, bool replace) {
  if (refinery_ || input_has_refinery_) return false;
  if (pending_status_) return !replace;  // kept as it is, or replaced through the object
  std::string member = "\"status\":\"";
  member.append(status);
  member.push_back('"');
  AppendRefineryMembers(member);
  pending_status_ = true;
  return true;
}

void Record::ParsePendingMembers() const {
  if (pending_members_.empty()) return;
  Json parsed = Json::parse("{" + pending_members_ + "}");
  pending_members_.clear();
  pending_status_ = false;
  for (auto& [key, value] : parsed.get_ref<Json::object_t&>())
    refinery_->get_ref<Json::object_t&>().emplace_back(key, std::move(value));
}

// The `refinery` object with its pending members spliced in before the closing brace.
void Record::AppendRefineryJson(std::string& out) const {
  if (!refinery_) {  // pending members only: what the empty object plus them gives
    out.push_back('{');
    out.append(pending_members_);
    out.push_back('}');
    return;
  }
  AppendJson(out, *refinery_);
  if (pending_members_.empty()) return;
  out.pop_back();  // '}'
  if (!refinery_->empty()) out.push_back(',');
  out.append(pending_members_);
  out.push_back('}');
}

std::vector<Record::OutputField> Record::CurrentFieldPlan() const {
  if (field_plan_) return *field_plan_;
  LineFields& fields = ThreadLineFields();
  fields.Read(raw_line_);
  std::vector<OutputField> plan;
  for (std::string_view key : fields.keys) plan.push_back({std::string(key), std::string(key)});
  return plan;
}

FieldValue Record::Get(std::string_view path) const {
  std::vector<std::string_view> parts = SplitPath(path);
  std::string source_key(parts[0]);
  if (field_plan_) {
    auto it = std::find_if(field_plan_->begin(), field_plan_->end(),
                           [&](const OutputField& f) { return f.name == parts[0]; });
    if (it == field_plan_->end()) return {};
    source_key = it->source_key;
  }
  if (text_field_ && source_key == *text_field_) {
    if (parts.size() > 1) return {};
    FieldValue v;
    v.type = FieldValue::Type::kString;
    v.string = std::string(text());
    return v;
  }
  if (source_key == "refinery" && !refinery_ && !pending_members_.empty()) {
    refinery_ = std::make_unique<Json>(Json::object());  // no input object: pending members only
  }
  if (source_key == "refinery" && refinery_) {
    ParsePendingMembers();
    return LookupJson(*refinery_, parts, 1);
  }

  // Find the top-level field without parsing the line, then parse only its value.
  LineFields& fields = ThreadLineFields();
  fields.Read(raw_line_);
  const RawField* field = fields.Find(source_key);
  simdjson::dom::element node;
  if (!field || !ParseValue(*field, node)) return {};
  for (size_t i = 1; i < parts.size(); ++i) {
    if (node.is_object()) {
      if (node.get_object().value_unsafe()[parts[i]].get(node)) return {};
    } else if (node.is_array()) {
      size_t index;
      if (!ParseIndex(parts[i], index) || node.get_array().value_unsafe().at(index).get(node)) {
        return {};
      }
    } else {
      return {};
    }
  }
  return FromElement(node);
}

void Record::SelectFields(const std::vector<std::string>& names) {
  std::vector<OutputField> current = CurrentFieldPlan();
  std::vector<OutputField> selected;
  for (const std::string& name : names) {
    auto it = std::find_if(current.begin(), current.end(),
                           [&](const OutputField& f) { return f.name == name; });
    if (it != current.end()) selected.push_back(*it);
  }
  field_plan_ = std::move(selected);
}

void Record::RemoveFields(const std::vector<std::string>& names) {
  std::vector<OutputField> plan = CurrentFieldPlan();
  std::erase_if(plan, [&](const OutputField& f) {
    return std::find(names.begin(), names.end(), f.name) != names.end();
  });
  field_plan_ = std::move(plan);
}

bool Record::RenameField(std::string_view from, std::string_view to) {
  std::vector<OutputField> plan = CurrentFieldPlan();
  auto it =
      std::find_if(plan.begin(), plan.end(), [&](const OutputField& f) { return f.name == from; });
  if (it == plan.end()) return false;
  it->name = std::string(to);
  field_plan_ = std::move(plan);
  return true;
}

void Record::Reject(std::string reason) { reject_reason_ = std::move(reason); }

void Record::set_outcome(std::string_view outcome) {
  outcome_ = outcome;
  outcome_slot_ = static_cast<uint32_t>(refinery().size());
}

namespace {

// Appends a value's JSON text without insignificant whitespace (numbers keep their spelling).
void AppendMinified(std::string& out, std::string_view json) {
  // Only an object or array can hold whitespace outside its strings.
  if (json.empty() || (json.front() != '{' && json.front() != '[') ||
      json.find_first_of(" \t\r\n") == std::string_view::npos) {
    out.append(json);
    return;
  }
  size_t at = out.size();
  out.resize(at + json.size());
  size_t length = 0;
  if (simdjson::minify(json.data(), json.size(), out.data() + at, length)) {
    out.resize(at);
    out.append(json);  // cannot happen for a validated line; keep the bytes rather than lose them
    return;
  }
  out.resize(at + length);
}

}  // namespace

void Record::Serialize(std::string& out) const {
  if (!modified()) {
    out.append(raw_line_);
    return;
  }
  // The line was validated when it was read: its fields are found without parsing them, and
  // each one not replaced is written as it was (minus insignificant whitespace).
  LineFields& fields = ThreadLineFields();
  fields.Read(raw_line_);
  out.push_back('{');
  bool first = true;
  bool wrote_refinery = false;
  auto write_key = [&](std::string_view key) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(out, key);
    out.push_back(':');
  };
  // Writes field `source_key` under `name`: the current text, Refinery's object, or the
  // input's value as it was.
  auto write_field = [&](std::string_view name, std::string_view source_key,
                         std::string_view input_value) {
    if (text_field_ && source_key == *text_field_) {
      write_key(name);
      if (text_changed_) {
        AppendJsonString(out, text());
      } else {
        out.append(input_value);  // already a JSON string, as the input spelled it
      }
    } else if (source_key == "refinery" && refinery_) {
      write_key(name);
      AppendRefineryJson(out);
      wrote_refinery = true;
    } else {
      write_key(name);
      AppendMinified(out, input_value);
    }
  };
  if (field_plan_) {
    for (const OutputField& field : *field_plan_) {
      if (const RawField* raw = fields.Find(field.source_key))
        write_field(field.name, field.source_key, raw->value);
    }
  } else {
    for (size_t i = 0; i < fields.raw.size(); ++i)
      write_field(fields.keys[i], fields.keys[i], fields.raw[i].value);
  }
  if (refinery_touched_ && !wrote_refinery &&
      ((refinery_ && !refinery_->empty()) || !pending_members_.empty())) {
    write_key("refinery");
    AppendRefineryJson(out);
  }
  out.push_back('}');
}

void StepStats::Add(const StepStats& other) {
  RecordCounts::Add(other);
  seconds += other.seconds;
  counters.Combine(other.counters);
}

namespace {

// The executor's figures of a step, as both forms of StepStats write them first.
Json RecordCountsJson(const StepStats& s) {
  return Json{{"in", s.in},           {"out", s.out},           {"dropped", s.dropped},
              {"changed", s.changed}, {"rejected", s.rejected}, {"seconds", s.seconds}};
}

}  // namespace

Json StepStats::ToJson() const {
  Json j = RecordCountsJson(*this);
  j["extra"] = counters.ToJson();
  return j;
}

Json StepStats::ToTypedJson() const {
  Json j = RecordCountsJson(*this);
  if (!counters.empty()) j["counters"] = counters.ToTypedJson();
  return j;
}

StepStats StepStats::FromJson(const Json& j) {
  StepStats s;
  s.in = j.value("in", uint64_t{0});
  s.out = j.value("out", uint64_t{0});
  s.dropped = j.value("dropped", uint64_t{0});
  s.changed = j.value("changed", uint64_t{0});
  s.rejected = j.value("rejected", uint64_t{0});
  s.seconds = j.value("seconds", 0.0);
  if (j.contains("counters")) s.counters = Counters::FromTypedJson(j["counters"]);
  return s;
}

Batch::Batch() : storage_(std::make_unique<Storage>()) {}
Batch::~Batch() = default;

void Batch::Emit(std::string_view channel, const Json& line) {
  auto it = side_outputs_.find(channel);
  if (it == side_outputs_.end()) it = side_outputs_.emplace(std::string(channel), "").first;
  it->second += line.dump(-1, ' ', false, Json::error_handler_t::replace);
  it->second.push_back('\n');
}

void Batch::Reset(uint64_t sequence, uint32_t part, size_t step_count) {
  records_.clear();
  sequence_ = sequence;
  part_ = part;
  current_step_ = 0;
  step_stats_.assign(step_count, StepStats{});
  side_outputs_.clear();
  reject_reasons_.clear();
}

void Batch::EmitReject(const Json& line, std::string reason) {
  Emit("rejects", line);
  reject_reasons_.push_back(std::move(reason));
}

}  // namespace refinery
