#pragma once
// The command lines of the benchmark executables: their first argument (a named size or a
// number) and parsing with the exit codes of the policysim command (0 after --help, 64 after a
// usage error).

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

/// Parses the command line. Returns the exit code to end with (0 after --help, 64 after a usage
/// error, which CLI11 has printed), or -1 to go on.
inline int parse_arguments(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return -1;
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 64;
  }
}

}  // namespace policysim::bench
