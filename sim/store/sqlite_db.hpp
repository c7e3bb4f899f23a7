#pragma once
// A thin RAII layer over the sqlite3 C API: a connection, a prepared statement, a transaction and
// a multi-row inserter. Debian 12 packages no C++ SQLite library, and the store needs only these
// few operations. Every failure throws StoreError naming the database file and the SQL that failed.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace policysim::store::sqlite {

class Statement;

/// `identifier` (a table or column name) quoted for SQL: "name".
inline std::string quote_identifier(const std::string& identifier) {
  return '"' + identifier + '"';
}

/// One open connection to a database file.
class Database {
 public:
  /// How the file is opened.
  enum class Mode { read_only, read_write_create };

  /// Opens `path`; waits up to `busy_timeout_ms` when another connection holds a lock.
  Database(const std::filesystem::path& path, Mode mode, int busy_timeout_ms = 10000);
  ~Database();
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  /// Runs one or more SQL statements that return no rows of interest.
  void exec(const std::string& sql);
  /// Compiles one SQL statement for repeated use.
  Statement prepare(const std::string& sql);
  /// The rowid of the last row inserted through this connection.
  std::int64_t last_insert_rowid() const;
  /// Whether a table (or view) of that name exists.
  bool has_table(const std::string& name);

  /// The file this connection was opened on.
  const std::filesystem::path& path() const { return path_; }
  /// The raw handle, for the rare call this wrapper does not cover.
  sqlite3* handle() const { return db_; }

  /// Throws StoreError for SQLite result code `rc` while running `sql`.
  [[noreturn]] void fail(int rc, std::string_view sql) const;

 private:
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  Mode mode_ = Mode::read_only;
};

/// A prepared statement; bind parameters (1-based), step, read columns (0-based), reset.
class Statement {
 public:
  Statement(Database& db, const std::string& sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  /// Binds a double; NaN is bound as NULL (SQLite has no NaN).
  void bind(int index, double value);
  /// Binds a 64-bit integer.
  void bind(int index, std::int64_t value);
  /// Binds a 32-bit integer.
  void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
  /// Binds text; SQLite takes its own copy.
  void bind(int index, std::string_view value);
  /// Binds text (a string literal would otherwise choose the integer overload's neighbour).
  void bind(int index, const char* value) { bind(index, std::string_view(value)); }
  /// Binds NULL.
  void bind_null(int index);

  /// Advances; true while a row is available, false when the statement is done.
  bool step();
  /// Steps a statement that returns no rows, then resets it for reuse.
  void run();
  /// Makes the statement ready to run again (bindings are kept).
  void reset();

  /// Number of columns in the result.
  int column_count() const;
  /// Name of result column `index`.
  std::string column_name(int index) const;
  /// SQLite's fundamental type code of the value (SQLITE_INTEGER, SQLITE_FLOAT, ...).
  int column_type(int index) const;
  /// Whether the value is NULL.
  bool is_null(int index) const;
  /// The value as a double; NULL reads as NaN.
  double column_double(int index) const;
  /// The value as a 64-bit integer.
  std::int64_t column_int64(int index) const;
  /// The value as text (empty for NULL).
  std::string column_text(int index) const;

  /// The SQL this statement was compiled from.
  std::string_view sql() const { return sql_; }

 private:
  void check_bind(int rc) const;

  Database* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

/// "?, ?, ..., ?" with `count` placeholders.
std::string placeholders(std::size_t count);

/// Rows of one table go in as multi-row INSERTs of up to `batch_rows` rows (as many as the
/// parameter limit allows), the rest one by one: a statement step costs about as much as a row,
/// so batches halve the time of writing many small rows.
class RowInserter {
 public:
  /// `insert_into` is "INSERT INTO table(columns)"; each row has `width` values.
  RowInserter(Database& db, const std::string& insert_into, std::size_t width,
              std::size_t batch_rows);
  /// The same table and rows with batches of `batch_rows` rows.
  RowInserter(Database& db, const RowInserter& other, std::size_t batch_rows)
      : RowInserter(db, other.insert_into_, other.width_, batch_rows) {}

  /// Inserts rows 0..rows-1; bind_row(statement, first parameter, row) binds one row's values.
  template <class BindRow>
  void insert(std::size_t rows, const BindRow& bind_row) {
    std::size_t row = 0;
    for (; batch_ && row + batch_rows_ <= rows; row += batch_rows_) {
      for (std::size_t i = 0; i < batch_rows_; ++i) {
        bind_row(*batch_, 1 + static_cast<int>(i * width_), row + i);
      }
      batch_->run();
    }
    for (; row < rows; ++row) {
      bind_row(single_, 1, row);
      single_.run();
    }
  }

 private:
  std::string insert_into_;
  std::size_t width_;
  Statement single_;
  std::optional<Statement> batch_;
  std::size_t batch_rows_ = 0;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// Makes everything since construction durable, as one unit.
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace policysim::store::sqlite
