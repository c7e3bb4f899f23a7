#include "sim/store/sensitivity_table.hpp"

#include "sim/store/sqlite_db.hpp"

namespace policysim::store {

void write_sensitivity(const std::filesystem::path& database,
                       const std::vector<SensitivityRow>& rows) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  db.exec(
      "CREATE TABLE IF NOT EXISTS sensitivity (outcome TEXT NOT NULL, factor TEXT NOT NULL, "
      "method TEXT NOT NULL, first_order REAL, first_order_low REAL, first_order_high REAL, "
      "total REAL, total_low REAL, total_high REAL, mu REAL, mu_star REAL, sigma REAL, "
      "PRIMARY KEY (outcome, factor)) WITHOUT ROWID");
  sqlite::Transaction transaction(db);
  db.exec("DELETE FROM sensitivity");
  auto insert = db.prepare("INSERT INTO sensitivity VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const auto& row : rows) {
    insert.bind(1, row.outcome);
    insert.bind(2, row.factor);
    insert.bind(3, row.method);
    int column = 4;
    for (const double value :
         {row.first_order, row.first_order_low, row.first_order_high, row.total, row.total_low,
          row.total_high, row.mu, row.mu_star, row.sigma}) {
      insert.bind(column++, value);  // NaN goes in as NULL
    }
    insert.run();
  }
  transaction.commit();
}

}  // namespace policysim::store
