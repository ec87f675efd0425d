// The name of an enum value from a table listed in declaration order: one line per value
// instead of a switch per enum. Define the table next to the enum's users and
// static_assert its size against the last value, so a value added without a name fails to
// compile (what -Wswitch did for the switches).
#pragma once

#include <cstddef>
#include <iterator>  // std::size, for the static_asserts beside each table

namespace refinery {

template <typename Enum, size_t N>
constexpr const char* EnumName(Enum value, const char* const (&names)[N]) {
  const auto i = static_cast<size_t>(value);
  return i < N ? names[i] : "?";
}

}  // namespace refinery
