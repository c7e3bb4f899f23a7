#pragma once
// A small RFC 4180 CSV reader for the region data: quoted fields may hold commas, quotes ("") and
// line breaks. Problems are ScenarioErrors naming the file and line.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace policysim::scenario {

/// A CSV file with a header row.
struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  ///< each as wide as the header
  std::vector<int> row_lines;                  ///< 1-based line where each row starts

  /// Index of column `name`; throws ScenarioError naming the columns present when absent.
  std::size_t column(std::string_view name) const;
};

/// Parses CSV text; `file` names it in errors. Blank lines are skipped.
CsvTable parse_csv(std::string_view text, std::string file);

/// Reads and parses a CSV file.
CsvTable read_csv_file(const std::filesystem::path& path);

}  // namespace policysim::scenario
