#include "sim/store/csv_export.hpp"

#include <sqlite3.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>

#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::store {

namespace {

struct TableOrder {
  const char* table;
  const char* order_by;  // rows come out in key order, so exports of equal data are equal files
};

// The run tables, then the derived ones that `policysim run`, `compare` and `sweep` add when they
// apply.
constexpr std::array<TableOrder, 13> kTables = {{
    {"manifest", "key"},
    {"regions", "region"},
    {"runs", "run_id"},
    {"series", "run_id, tick"},
    {"region_series", "run_id, tick, region"},
    {"events", "run_id, event"},
    {"targets", "name"},
    {"target_values", "name, run_id"},
    {"comparisons", "arm, outcome"},
    {"paired_targets", "name"},
    {"design", "factor_index"},
    {"sensitivity", "outcome, factor"},
    {"column_meanings", "table_name, column_name"},
}};

// Fields go through a buffer and out in large blocks; the sink is a plain or a gzip file.
class CsvWriter {
 public:
  CsvWriter(const std::filesystem::path& path, bool gzip) : path_(path), gzip_(gzip) {
    if (gzip_) {
      gz_ = gzopen(path.c_str(), "wb");
      if (gz_ == nullptr) fail("cannot create");
    } else {
      file_ = std::fopen(path.c_str(), "wb");
      if (file_ == nullptr) fail("cannot create");
    }
    buffer_.reserve(kBlockSize * 2);
  }

  ~CsvWriter() {
    // Only reached without close() on an error path; the temporary file is removed by the caller.
    if (gz_ != nullptr) gzclose(gz_);
    if (file_ != nullptr) std::fclose(file_);
  }

  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  void field(std::string_view text, bool first) {
    if (!first) buffer_ += ',';
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
      buffer_ += text;
      return;
    }
    buffer_ += '"';
    for (char c : text) {
      if (c == '"') buffer_ += '"';
      buffer_ += c;
    }
    buffer_ += '"';
  }

  template <typename Number>
  void number(Number value, bool first) {
    if (!first) buffer_ += ',';
    std::array<char, 32> text{};
    // Without a precision, to_chars writes the shortest text that reads back to the same value.
    const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value);
    buffer_.append(text.data(), end);
  }

  void empty(bool first) {
    if (!first) buffer_ += ',';
  }

  void end_row() {
    buffer_ += '\n';
    if (buffer_.size() >= kBlockSize) flush();
  }

  void close() {
    flush();
    if (gzip_) {
      const int rc = gzclose(gz_);
      gz_ = nullptr;
      if (rc != Z_OK) fail("cannot finish");
    } else {
      const int rc = std::fclose(file_);
      file_ = nullptr;
      if (rc != 0) fail("cannot finish");
    }
  }

 private:
  static constexpr std::size_t kBlockSize = 1 << 20;

  void flush() {
    if (buffer_.empty()) return;
    if (gzip_) {
      if (gzwrite(gz_, buffer_.data(), static_cast<unsigned>(buffer_.size())) == 0) {
        fail("cannot write");
      }
    } else if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      fail("cannot write");
    }
    buffer_.clear();
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw StoreError(what + " " + path_.string() + ": " + std::generic_category().message(errno),
                     StoreError::io_error);
  }

  std::filesystem::path path_;
  bool gzip_;
  gzFile gz_ = nullptr;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

// The order of a table's rows. Before store format 2, events was a table of its own, ordered by
// rowid, with no event column: such files still export.
std::string row_order(sqlite::Database& db, const TableOrder& table) {
  if (std::string_view(table.table) == "events") {
    sqlite::Statement kind(db, "SELECT type FROM sqlite_master WHERE name = 'events'");
    if (kind.step() && kind.column_text(0) == "table") return "run_id, rowid";
  }
  return table.order_by;
}

void write_table(sqlite::Database& db, const TableOrder& table, CsvWriter& out) {
  sqlite::Statement query(
      db, std::string("SELECT * FROM ") + table.table + " ORDER BY " + row_order(db, table));
  const int columns = query.column_count();
  for (int c = 0; c < columns; ++c) out.field(query.column_name(c), c == 0);
  out.end_row();
  while (query.step()) {
    for (int c = 0; c < columns; ++c) {
      const bool first = c == 0;
      switch (query.column_type(c)) {
        case SQLITE_NULL:
          out.empty(first);
          break;
        case SQLITE_INTEGER:
          out.number(query.column_int64(c), first);
          break;
        case SQLITE_FLOAT:
          out.number(query.column_double(c), first);
          break;
        default:
          out.field(query.column_text(c), first);
          break;
      }
    }
    out.end_row();
  }
}

}  // namespace

namespace {

/// A table named with --tables that the database lacks or holds empty: an empty file would look
/// like results.
[[noreturn]] void throw_not_held(const std::filesystem::path& database, std::string_view table) {
  throw StoreError(
      database.string() + " holds no rows in table `" + std::string(table) + "`" +
          (table == "region_series" ? " (they are written by `run` or `compare` with --regions)"
           : table == "comparisons" || table == "paired_targets"
               ? " (they are written by `compare`)"
           : table == "design" || table == "sensitivity" ? " (they are written by `sweep`)"
                                                         : "") +
          "; leave it out of --tables",
      StoreError::missing_input);
}

bool has_rows(sqlite::Database& db, std::string_view table) {
  sqlite::Statement query(db, "SELECT EXISTS(SELECT 1 FROM " + std::string(table) + ")");
  return query.step() && query.column_int64(0) != 0;
}

}  // namespace

std::vector<std::string> export_table_names() {
  std::vector<std::string> names;
  names.reserve(kTables.size());
  for (const TableOrder& table : kTables) names.emplace_back(table.table);
  return names;
}

std::vector<std::filesystem::path> export_csv(const std::filesystem::path& database,
                                              const std::filesystem::path& out_dir, bool gzip,
                                              bool overwrite, std::span<const std::string> only) {
  namespace fs = std::filesystem;
  if (!fs::is_regular_file(database)) {
    throw StoreError("results database " + database.string() + " does not exist",
                     StoreError::missing_input);
  }
  sqlite::Database db(database, sqlite::Database::Mode::read_only);

  std::vector<const TableOrder*> present;
  std::vector<fs::path> targets;
  const auto wanted = [&only](std::string_view name) {
    return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
  };
  for (const TableOrder& table : kTables) {
    if (!wanted(table.table)) continue;
    if (!db.has_table(table.table)) {
      if (only.empty()) continue;
      throw_not_held(database, table.table);
    }
    if (!only.empty() && !has_rows(db, table.table)) throw_not_held(database, table.table);
    present.push_back(&table);
    targets.push_back(out_dir / (std::string(table.table) + (gzip ? ".csv.gz" : ".csv")));
  }
  if (present.empty()) {
    throw StoreError(database.string() + " holds none of the results tables",
                     StoreError::missing_input);
  }
  // Every target is checked before any is written, so a refusal leaves the directory as it was.
  if (!overwrite) {
    std::string existing;
    for (const fs::path& target : targets) {
      if (fs::exists(target)) existing += "\n  " + target.string();
    }
    if (!existing.empty()) {
      throw StoreError(
          "export would overwrite existing files:" + existing +
              "\nchoose another directory with -o DIR, or replace them with --overwrite",
          StoreError::cannot_create_output);
    }
  }
  std::error_code error;
  fs::create_directories(out_dir, error);
  if (error) {
    throw StoreError("cannot create directory " + out_dir.string() + ": " + error.message(),
                     StoreError::cannot_create_output);
  }

  // One read transaction: all files describe the same state even if a writer is still adding runs.
  db.exec("BEGIN");
  for (std::size_t i = 0; i < present.size(); ++i) {
    // Written under a temporary name and renamed, so a file with the final name is always whole.
    fs::path temporary = targets[i];
    temporary += ".part";
    try {
      CsvWriter out(temporary, gzip);
      write_table(db, *present[i], out);
      out.close();
      fs::rename(temporary, targets[i], error);
      if (error) {
        throw StoreError("cannot rename " + temporary.string() + " to " + targets[i].string() +
                             ": " + error.message(),
                         StoreError::io_error);
      }
    } catch (...) {
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw;
    }
  }
  db.exec("COMMIT");
  return targets;
}

}  // namespace policysim::store
