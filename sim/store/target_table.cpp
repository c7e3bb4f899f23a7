#include "sim/store/target_table.hpp"

#include <limits>

#include "sim/store/sqlite_db.hpp"

namespace policysim::store {
namespace {

constexpr std::size_t kValueBatchRows = 64;

// Makes the `targets` table anew, in the open transaction. Every row is rewritten each time, so
// a database written before the columns `counted` and `given` existed gets them.
void create_targets_table(sqlite::Database& db) {
  db.exec("DROP TABLE IF EXISTS targets");
  db.exec(
      "CREATE TABLE targets (name TEXT PRIMARY KEY, metric TEXT, stat TEXT, "
      "window_start TEXT, window_end TEXT, low REAL, high REAL, share_required REAL, "
      "share_met REAL, met INTEGER, source TEXT, counted INTEGER, given TEXT)");
}

// Inserts one row of `targets` (its values go elsewhere).
void insert_verdict(sqlite::Statement& insert_target, const TargetRow& row) {
  insert_target.bind(1, row.name);
  insert_target.bind(2, row.metric);
  insert_target.bind(3, row.stat);
  insert_target.bind(4, row.window_start);
  insert_target.bind(5, row.window_end);
  insert_target.bind(6, row.low);
  insert_target.bind(7, row.high);
  insert_target.bind(8, row.share_required);
  insert_target.bind(9, row.share_met);
  insert_target.bind(10, row.met ? 1 : 0);
  insert_target.bind(11, row.source);
  insert_target.bind(12, row.counted ? 1 : 0);
  insert_target.bind(13, row.given);
  insert_target.run();
}

constexpr const char* kInsertTarget = "INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";

}  // namespace

void write_targets(const std::filesystem::path& database, const std::vector<TargetRow>& rows) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  db.exec(kCreateTargetValues);
  sqlite::Transaction transaction(db);
  create_targets_table(db);
  db.exec("DELETE FROM target_values");
  auto insert_target = db.prepare(kInsertTarget);
  // A value a run and target: thousands of short rows, so many to a statement.
  sqlite::RowInserter insert_values(db, "INSERT INTO target_values", 3, kValueBatchRows);
  for (const auto& row : rows) {
    insert_verdict(insert_target, row);
    insert_values.insert(row.values.size(),
                         [&row](sqlite::Statement& insert, int first, std::size_t i) {
                           insert.bind(first, row.name);
                           insert.bind(first + 1, row.values[i].first);
                           insert.bind(first + 2, row.values[i].second);  // NaN goes in as NULL
                         });
  }
  transaction.commit();
}

void write_target_verdicts(const std::filesystem::path& database,
                           const std::vector<TargetRow>& rows) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  sqlite::Transaction transaction(db);
  create_targets_table(db);
  auto insert_target = db.prepare(kInsertTarget);
  for (const auto& row : rows) insert_verdict(insert_target, row);
  transaction.commit();
}

std::map<std::string, std::map<std::int64_t, double>> read_target_values(
    const std::filesystem::path& database) {
  std::map<std::string, std::map<std::int64_t, double>> values;
  sqlite::Database db(database, sqlite::Database::Mode::read_only);
  if (!db.has_table("target_values")) return values;
  auto select = db.prepare("SELECT name, run_id, value FROM target_values");
  while (select.step()) {
    values[select.column_text(0)][select.column_int64(1)] =
        select.is_null(2) ? std::numeric_limits<double>::quiet_NaN() : select.column_double(2);
  }
  return values;
}

}  // namespace policysim::store
