#include "refinery/detect/legal_forms.h"

#include <array>

#include "refinery/detect/pii_scanners.h"

namespace refinery::ner {
namespace {

constexpr std::array<std::string_view, 52> kForms = {
    "Inc",  "INC",     "Incorporated", "Corp",   "CORP",     "Co",     "LLC",  "L.L.C.", "Ltd",
    "LTD",  "Limited", "LLP",          "L.L.P.", "L.P.",     "Plc",    "PLC",  "plc",    "GmbH",
    "GMBH", "AG",      "KG",           "KGaA",   "GbR",      "OHG",    "e.V.", "e.G.",   "S.A.",
    "SA",   "S.A.S.",  "SAS",          "SARL",   "S.A.R.L.", "S.p.A.", "SpA",  "S.r.l.", "s.r.l.",
    "Srl",  "SRL",     "S.L.",         "B.V.",   "BV",       "N.V.",   "Oy",   "Oyj",    "ApS",
    "ASA",  "Pty",     "Bhd",          "Sdn",    "Pvt",      "Cie",    "K.K."};

// Whether some form starts with byte c: most calls end here.
constexpr std::array<bool, 256> kFirstBytes = [] {
  std::array<bool, 256> first{};
  for (std::string_view f : kForms) first[static_cast<unsigned char>(f[0])] = true;
  return first;
}();

}  // namespace

std::span<const std::string_view> LegalForms() { return kForms; }

bool LegalFormAt(std::string_view text, size_t pos) {
  const std::string_view rest = text.substr(pos);
  if (rest.empty() || !kFirstBytes[static_cast<unsigned char>(rest[0])]) return false;
  for (std::string_view f : kForms) {
    if (f[0] != rest[0] || rest.substr(0, f.size()) != f) continue;  // the first byte: cheap
    const size_t e = pos + f.size();
    if (e == text.size() || !pii::IsAlpha(static_cast<unsigned char>(text[e]))) return true;
  }
  return false;
}

}  // namespace refinery::ner
