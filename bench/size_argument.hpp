#pragma once
// The first argument of the benchmark executables: a named size or a number.

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <initializer_list>
#include <string>

namespace policysim::bench {

/// Accepts one of `names` or a whole number from 1 to `max`.
inline CLI::Validator size_or_count(std::initializer_list<const char*> names,
                                    unsigned long long max) {
  std::string expected;
  for (const char* name : names) expected += std::string(name) + ", ";
  expected += "or a number from 1 to " + std::to_string(max);
  return CLI::Validator(
      [names = std::vector<std::string>(names.begin(), names.end()), max,
       expected](std::string& value) -> std::string {
        for (const auto& name : names) {
          if (value == name) return {};
        }
        char* end = nullptr;
        const unsigned long long count = std::strtoull(value.c_str(), &end, 10);
        if (!value.empty() && value[0] != '-' && *end == '\0' && count >= 1 && count <= max) {
          return {};
        }
        return "expected " + expected + ", got '" + value + "'";
      },
      "SIZE");
}

}  // namespace policysim::bench
