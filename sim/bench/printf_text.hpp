#pragma once
// A line of a benchmark's tables, formatted as printf would print it.

#include <cstdio>
#include <string>

namespace policysim::bench {

/// `pattern` filled in with `values` as by std::snprintf, cut at 511 characters.
template <typename... Values>
std::string printf_text(const char* pattern, Values... values) {
  char line[512];
  std::snprintf(line, sizeof(line), pattern, values...);
  return line;
}

}  // namespace policysim::bench
