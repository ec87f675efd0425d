// CSV as the shared toxicity data sets write it (RFC 4180: quoted fields may hold commas,
// doubled quotes and newlines).
#pragma once

#include <string>
#include <vector>

namespace refinery {

// All records of `data`, each a list of fields (quotes removed, "" unescaped, CR dropped).
std::vector<std::vector<std::string>> ParseCsv(const std::string& data);

}  // namespace refinery
