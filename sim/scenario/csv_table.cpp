#include "sim/scenario/csv_table.hpp"

#include <fstream>
#include <iterator>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/scenario_error.hpp"

namespace policysim::scenario {

std::size_t CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw ScenarioError(file, {1, 1},
                      unknown_name_message("column", name, header, "columns") +
                          "; the file does not have the expected header");
}

CsvTable parse_csv(std::string_view text, std::string file) {
  CsvTable table;
  table.file = std::move(file);
  std::vector<std::vector<std::string>> records;
  std::vector<int> record_lines;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false, field_started = false;
  int line = 1, record_line = 1;
  auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    // A blank line is no record at all.
    if (!(record.empty() && !field_started && field.empty())) {
      end_field();
      records.push_back(std::move(record));
      record_lines.push_back(record_line);
    }
    record.clear();
  };
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      in_quotes = true;
      field_started = true;
    } else if (c == ',') {
      end_field();
      field_started = true;  // a trailing comma still makes an empty last field
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
      record_line = line;
    } else {
      if (record.empty() && field.empty() && !field_started) record_line = line;
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) {
    throw ScenarioError(table.file, {record_line, 1},
                        "a quoted field is not closed; add the closing \"");
  }
  end_record();
  if (records.empty()) throw ScenarioError(table.file, {1, 1}, "empty CSV file; expected a header");
  table.header = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size()) {
      throw ScenarioError(table.file, {record_lines[r], 1},
                          "row has " + std::to_string(records[r].size()) + " fields, the header " +
                              std::to_string(table.header.size()) +
                              "; quote fields that contain commas");
    }
    table.rows.push_back(std::move(records[r]));
    table.row_lines.push_back(record_lines[r]);
  }
  return table;
}

CsvTable read_csv_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw ScenarioError(path.string(), {},
                        "cannot open the region data file; check `data_dir` or that scenarios/data "
                        "holds it");
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_csv(text, path.string());
}

}  // namespace policysim::scenario
