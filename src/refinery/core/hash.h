// Stable hashes for identities that are written to disk (config hashes, cache keys).
#pragma once

#include <string>
#include <string_view>

namespace refinery {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace refinery
