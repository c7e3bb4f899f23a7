#include "sim/store/comparison_table.hpp"

#include "sim/store/sqlite_db.hpp"

namespace policysim::store {
namespace {

constexpr const char* kCreate =
    "CREATE TABLE IF NOT EXISTS comparisons (arm TEXT, reference TEXT, outcome TEXT, "
    "replicates INTEGER, pairs INTEGER, mean_arm REAL, mean_ref REAL, mean_diff REAL, "
    "sd_diff REAL, t_low REAL, t_high REAL, boot_low REAL, boot_high REAL, ratio REAL, "
    "effect_dz REAL, cohens_d REAL, vrf REAL, PRIMARY KEY (arm, reference, outcome))";

}  // namespace

void write_comparisons(const std::filesystem::path& database,
                       const std::vector<ComparisonRow>& rows) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  db.exec(kCreate);
  sqlite::Transaction transaction(db);
  db.exec("DELETE FROM comparisons");
  auto insert = db.prepare("INSERT INTO comparisons VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const auto& row : rows) {
    insert.bind(1, row.arm);
    insert.bind(2, row.reference);
    insert.bind(3, row.outcome);
    insert.bind(4, row.replicates);
    insert.bind(5, row.pairs);
    const double values[] = {row.mean_arm, row.mean_ref,  row.mean_diff, row.sd_diff,
                             row.t_low,    row.t_high,    row.boot_low,  row.boot_high,
                             row.ratio,    row.effect_dz, row.cohens_d,  row.vrf};
    int index = 6;
    for (double value : values) insert.bind(index++, value);  // NaN is bound as NULL
    insert.run();
  }
  transaction.commit();
}

std::vector<ComparisonRow> read_comparisons(const std::filesystem::path& database) {
  sqlite::Database db(database, sqlite::Database::Mode::read_only);
  std::vector<ComparisonRow> rows;
  if (!db.has_table("comparisons")) return rows;
  auto select = db.prepare("SELECT * FROM comparisons ORDER BY arm, outcome");
  while (select.step()) {
    ComparisonRow row;
    row.arm = select.column_text(0);
    row.reference = select.column_text(1);
    row.outcome = select.column_text(2);
    row.replicates = static_cast<int>(select.column_int64(3));
    row.pairs = static_cast<int>(select.column_int64(4));
    double* values[] = {&row.mean_arm, &row.mean_ref,  &row.mean_diff, &row.sd_diff,
                        &row.t_low,    &row.t_high,    &row.boot_low,  &row.boot_high,
                        &row.ratio,    &row.effect_dz, &row.cohens_d,  &row.vrf};
    int column = 5;
    for (double* value : values) *value = select.column_double(column++);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace policysim::store
