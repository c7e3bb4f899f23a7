#include "sim/store/target_table.hpp"

#include <cmath>

#include "sim/store/sqlite_db.hpp"

namespace policysim::store {

void write_targets(const std::filesystem::path& database, const std::vector<TargetRow>& rows) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  db.exec(
      "CREATE TABLE IF NOT EXISTS targets (name TEXT PRIMARY KEY, metric TEXT, stat TEXT, "
      "window_start TEXT, window_end TEXT, low REAL, high REAL, share_required REAL, "
      "share_met REAL, met INTEGER, source TEXT)");
  db.exec(
      "CREATE TABLE IF NOT EXISTS target_values (name TEXT, run_id INTEGER, value REAL, "
      "PRIMARY KEY (name, run_id)) WITHOUT ROWID");
  sqlite::Transaction transaction(db);
  db.exec("DELETE FROM targets");
  db.exec("DELETE FROM target_values");
  auto insert_target = db.prepare("INSERT INTO targets VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  auto insert_value = db.prepare("INSERT INTO target_values VALUES (?,?,?)");
  for (const auto& row : rows) {
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
    insert_target.run();
    for (const auto& [run_id, value] : row.values) {
      insert_value.bind(1, row.name);
      insert_value.bind(2, run_id);
      if (std::isnan(value)) {
        insert_value.bind_null(3);
      } else {
        insert_value.bind(3, value);
      }
      insert_value.run();
    }
  }
  transaction.commit();
}

}  // namespace policysim::store
