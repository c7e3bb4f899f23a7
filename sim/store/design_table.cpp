#include "sim/store/design_table.hpp"

#include "sim/store/results_database.hpp"
#include "sim/store/sqlite_db.hpp"

namespace policysim::store {

void write_design(const std::filesystem::path& database, const std::vector<DesignRow>& rows) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  sqlite::Transaction transaction(db);
  // Made anew each time: a table an earlier version wrote may lack a column.
  // design_seed is TEXT, as runs.seed: an unsigned 64-bit value read back whole everywhere.
  db.exec("DROP TABLE IF EXISTS design");
  db.exec(
      "CREATE TABLE design (factor_index INTEGER PRIMARY KEY, factor TEXT NOT NULL, "
      "column_name TEXT NOT NULL, kind TEXT NOT NULL, low REAL, high REAL, value_list TEXT, "
      "distribution TEXT, design TEXT NOT NULL, points INTEGER, levels INTEGER, "
      "replications INTEGER, design_seed TEXT)");
  auto insert = db.prepare("INSERT INTO design VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const DesignRow& row = rows[i];
    insert.bind(1, static_cast<std::int64_t>(i));
    insert.bind(2, row.factor);
    insert.bind(3, row.column);
    insert.bind(4, row.kind);
    insert.bind(5, row.low);
    insert.bind(6, row.high);
    insert.bind(7, row.values);
    insert.bind(8, row.distribution);
    insert.bind(9, row.design);
    insert.bind(10, row.points);
    insert.bind(11, row.levels);
    insert.bind(12, row.replications);
    insert.bind(13, seed_to_text(row.design_seed));
    insert.run();
  }
  transaction.commit();
}

}  // namespace policysim::store
