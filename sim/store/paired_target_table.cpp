#include "sim/store/paired_target_table.hpp"

#include "sim/store/sqlite_db.hpp"

namespace policysim::store {
namespace {

constexpr const char* kCreate =
    "CREATE TABLE IF NOT EXISTS paired_targets (name TEXT PRIMARY KEY, arm TEXT, metric TEXT, "
    "minus TEXT, stat TEXT, window_start TEXT, window_end TEXT, low REAL, high REAL, "
    "pairs INTEGER, mean_diff REAL, t_low REAL, t_high REAL, met INTEGER, source TEXT)";

}  // namespace

void write_paired_targets(const std::filesystem::path& database,
                          const std::vector<PairedTargetRow>& rows) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  db.exec(kCreate);
  sqlite::Transaction transaction(db);
  db.exec("DELETE FROM paired_targets");
  auto insert = db.prepare("INSERT INTO paired_targets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const auto& row : rows) {
    int index = 1;
    for (const std::string* text : {&row.name, &row.arm, &row.metric, &row.minus, &row.stat,
                                    &row.window_start, &row.window_end}) {
      insert.bind(index++, *text);
    }
    insert.bind(index++, row.low);
    insert.bind(index++, row.high);
    insert.bind(index++, row.pairs);
    for (double value : {row.mean_diff, row.t_low, row.t_high}) {
      insert.bind(index++, value);  // NaN is bound as NULL
    }
    insert.bind(index++, row.met ? 1 : 0);
    insert.bind(index, row.source);
    insert.run();
  }
  transaction.commit();
}

std::vector<PairedTargetRow> read_paired_targets(const std::filesystem::path& database) {
  sqlite::Database db(database, sqlite::Database::Mode::read_only);
  std::vector<PairedTargetRow> rows;
  if (!db.has_table("paired_targets")) return rows;
  auto select = db.prepare("SELECT * FROM paired_targets ORDER BY name");
  while (select.step()) {
    PairedTargetRow row;
    int column = 0;
    for (std::string* text : {&row.name, &row.arm, &row.metric, &row.minus, &row.stat,
                              &row.window_start, &row.window_end}) {
      *text = select.column_text(column++);
    }
    row.low = select.column_double(column++);
    row.high = select.column_double(column++);
    row.pairs = static_cast<int>(select.column_int64(column++));
    for (double* value : {&row.mean_diff, &row.t_low, &row.t_high}) {
      *value = select.column_double(column++);
    }
    row.met = select.column_int64(column++) != 0;
    row.source = select.column_text(column);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace policysim::store
