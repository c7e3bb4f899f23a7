#include "sim/store/sqlite_db.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <utility>

#include "sim/store/store_error.hpp"

namespace policysim::store::sqlite {

namespace {

// Maps SQLite's result codes onto the exit codes the command line reports.
int exit_code_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return StoreError::io_error;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StoreError::cannot_create_output;
    default:
      return StoreError::internal_error;
  }
}

}  // namespace

Database::Database(const std::filesystem::path& path, Mode mode, int busy_timeout_ms)
    : path_(path), mode_(mode) {
  // The store serializes use of a connection itself, so SQLite's own mutexes are not needed.
  const int flags = (mode == Mode::read_only ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError("cannot open results database " + path.string() + ": " + message,
                     mode == Mode::read_only && rc == SQLITE_CANTOPEN ? StoreError::missing_input
                                                                      : exit_code_for(rc));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
}

Database::~Database() {
  // close_v2 defers the close until statements are finalized, so destruction order is free.
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)), mode_(other.mode_) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
    mode_ = other.mode_;
  }
  return *this;
}

void Database::exec(const std::string& sql) {
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    sqlite3_free(error);
    fail(rc, sql);
  }
}

Statement Database::prepare(const std::string& sql) { return Statement(*this, sql); }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

bool Database::has_table(const std::string& name) {
  Statement query(*this, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
  query.bind(1, std::string_view(name));
  return query.step();
}

void Database::fail(int rc, std::string_view sql) const {
  if ((rc & 0xff) == SQLITE_NOTADB) {
    // SQLite opens any file and finds out at the first query; say what the file is not.
    throw StoreError(
        path_.string() + " is not an SQLite database, so not a results database" +
            (mode_ == Mode::read_only ? "; give a directory written by `policysim run`, or its "
                                        "results.sqlite"
                                      : "; choose another output directory, or move the file away"),
        mode_ == Mode::read_only ? StoreError::missing_input : StoreError::cannot_create_output);
  }
  if ((rc & 0xff) == SQLITE_FULL) {
    // Say where the space ran out and that nothing stored is lost, not only SQLite's words.
    std::string message = "cannot write " + path_.string() + ": the disk is full";
    std::error_code error;
    const auto folder = path_.has_parent_path() ? path_.parent_path() : ".";
    const auto space = std::filesystem::space(folder, error);
    if (!error) message += " (" + std::to_string(space.available >> 20) + " MiB free there)";
    message +=
        ", or the database reached SQLite's size limit. What was stored before is kept: "
        "free some space, or write elsewhere with -o, and run the same command again";
    throw StoreError(message, StoreError::io_error);
  }
  if ((rc & 0xff) == SQLITE_IOERR) {
    throw StoreError("cannot write " + path_.string() + ": " +
                         (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)) +
                         " (a full disk, a file-size limit or a failing disk?). What was stored "
                         "before is kept: fix the cause, or write elsewhere with -o DIR, and run "
                         "the same command again",
                     exit_code_for(rc));
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    // policysim's own writers exclude each other by the folder's lock before they get here, so
    // the holder is another program.
    throw StoreError(path_.string() +
                         " is locked by another program holding it open for writing (an sqlite3 "
                         "shell or a script with an open transaction?): close it and run again, "
                         "or write to another directory with -o DIR",
                     exit_code_for(rc));
  }
  if ((rc & 0xff) == SQLITE_READONLY) {
    throw StoreError(path_.string() +
                         " cannot be written: it or its folder is read-only for you. Write the "
                         "results elsewhere with -o DIR (or make them writable)",
                     exit_code_for(rc));
  }
  std::string message = "SQLite error in " + path_.string() + ": ";
  message += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  message += " (code " + std::to_string(rc) + ")";
  if (!sql.empty()) {
    message += " while running: ";
    message += sql;
  }
  throw StoreError(message, exit_code_for(rc));
}

Statement::Statement(Database& db, const std::string& sql) : db_(&db), sql_(sql) {
  const int rc = sqlite3_prepare_v3(db.handle(), sql.c_str(), static_cast<int>(sql.size() + 1),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) db.fail(rc, sql);
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), sql_(std::move(other.sql_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    sql_ = std::move(other.sql_);
  }
  return *this;
}

void Statement::check_bind(int rc) const {
  if (rc != SQLITE_OK) db_->fail(rc, sql_);
}

void Statement::bind(int index, double value) {
  check_bind(std::isnan(value) ? sqlite3_bind_null(stmt_, index)
                               : sqlite3_bind_double(stmt_, index, value));
}

void Statement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, index, value));
}

void Statement::bind(int index, std::string_view value) {
  check_bind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void Statement::bind_null(int index) { check_bind(sqlite3_bind_null(stmt_, index)); }

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Reset first so that the statement is reusable after the caller handles the error.
  sqlite3_reset(stmt_);
  db_->fail(rc, sql_);
}

void Statement::run() {
  step();
  reset();
}

void Statement::reset() { sqlite3_reset(stmt_); }

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::string Statement::column_name(int index) const {
  const char* name = sqlite3_column_name(stmt_, index);
  return name != nullptr ? name : "";
}

int Statement::column_type(int index) const { return sqlite3_column_type(stmt_, index); }

bool Statement::is_null(int index) const { return column_type(index) == SQLITE_NULL; }

double Statement::column_double(int index) const {
  if (is_null(index)) return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(stmt_, index);
}

std::int64_t Statement::column_int64(int index) const { return sqlite3_column_int64(stmt_, index); }

std::string Statement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index)));
}

std::string placeholders(std::size_t count) {
  std::string sql = "?";
  for (std::size_t i = 1; i < count; ++i) sql += ", ?";
  return sql;
}

RowInserter::RowInserter(Database& db, const std::string& insert_into, std::size_t width,
                         std::size_t batch_rows)
    : insert_into_(insert_into),
      width_(width),
      single_(db, insert_into + " VALUES (" + placeholders(width) + ")") {
  const auto max_variables =
      static_cast<std::size_t>(sqlite3_limit(db.handle(), SQLITE_LIMIT_VARIABLE_NUMBER, -1));
  batch_rows_ = std::min(batch_rows, max_variables / width);
  if (batch_rows_ < 2) return;
  std::string sql = insert_into + " VALUES ";
  // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) about "(" + std::string&&.
  std::string row = "(";
  row += placeholders(width);
  row += ")";
  for (std::size_t i = 0; i < batch_rows_; ++i) {
    if (i > 0) sql += ", ";
    sql += row;
  }
  batch_.emplace(db, sql);
}

Transaction::Transaction(Database& db) : db_(db) {
  // IMMEDIATE takes the write lock now, so a busy database is met here (and waited on by the
  // busy timeout) rather than half-way through the writes.
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!open_) return;
  // Errors are swallowed: this runs during unwinding, and SQLite rolls back a failed
  // transaction itself when the connection closes.
  sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace policysim::store::sqlite
