#include "sim/store/calibration_tables.hpp"

#include <cmath>
#include <limits>

#include "sim/store/sqlite_db.hpp"

namespace policysim::store {
namespace {

/// Infinity (generation 0's tolerance) as NaN, so that it is stored as NULL: not every reader
/// of SQLite takes an infinite REAL.
double finite_or_nan(double value) {
  return std::isfinite(value) ? value : std::numeric_limits<double>::quiet_NaN();
}

void write_generations(sqlite::Database& db, const std::vector<CalibrationGeneration>& rows) {
  db.exec("DROP TABLE IF EXISTS calibration_generations");
  db.exec(
      "CREATE TABLE calibration_generations (generation INTEGER PRIMARY KEY, tolerance REAL, "
      "particles INTEGER, proposals INTEGER, acceptance REAL, effective_sample_size REAL)");
  auto insert = db.prepare("INSERT INTO calibration_generations VALUES (?,?,?,?,?,?)");
  for (const auto& row : rows) {
    insert.bind(1, row.generation);
    insert.bind(2, finite_or_nan(row.tolerance));
    insert.bind(3, row.particles);
    insert.bind(4, row.proposals);
    insert.bind(5, row.acceptance);
    insert.bind(6, row.effective_sample_size);
    insert.run();
  }
}

void write_particles(sqlite::Database& db, const std::vector<std::string>& columns,
                     const std::vector<CalibrationParticle>& rows) {
  db.exec("DROP TABLE IF EXISTS calibration_particles");
  std::string create =
      "CREATE TABLE calibration_particles (generation INTEGER, particle INTEGER, arm TEXT, "
      "weight REAL, distance REAL, held_out_targets_met REAL";
  std::string placeholders = "?,?,?,?,?,?";
  for (const auto& column : columns) {
    create += ", " + sqlite::quote_identifier(column) + " REAL";
    placeholders += ",?";
  }
  db.exec(create + ", PRIMARY KEY (generation, particle))");
  auto insert = db.prepare("INSERT INTO calibration_particles VALUES (" + placeholders + ")");
  for (const auto& row : rows) {
    insert.bind(1, row.generation);
    insert.bind(2, row.particle);
    insert.bind(3, std::string_view(row.arm));
    insert.bind(4, row.weight);
    insert.bind(5, finite_or_nan(row.distance));
    insert.bind(6, row.held_out_targets_met);
    for (std::size_t c = 0; c < row.values.size(); ++c) {
      insert.bind(static_cast<int>(7 + c), row.values[c]);
    }
    insert.run();
  }
}

void write_parameters(sqlite::Database& db, const std::vector<CalibrationParameter>& rows) {
  db.exec("DROP TABLE IF EXISTS calibration_parameters");
  db.exec(
      "CREATE TABLE calibration_parameters (parameter TEXT PRIMARY KEY, column_name TEXT, "
      "prior_low REAL, prior_high REAL, mean REAL, sd REAL, q05 REAL, q50 REAL, q95 REAL, "
      "note TEXT)");
  auto insert = db.prepare("INSERT INTO calibration_parameters VALUES (?,?,?,?,?,?,?,?,?,?)");
  for (const auto& row : rows) {
    insert.bind(1, std::string_view(row.parameter));
    insert.bind(2, std::string_view(row.column));
    insert.bind(3, row.prior_low);
    insert.bind(4, row.prior_high);
    insert.bind(5, row.mean);
    insert.bind(6, row.sd);
    insert.bind(7, row.q05);
    insert.bind(8, row.q50);
    insert.bind(9, row.q95);
    insert.bind(10, std::string_view(row.note));
    insert.run();
  }
}

void write_targets(sqlite::Database& db, const std::vector<CalibrationTarget>& rows) {
  db.exec("DROP TABLE IF EXISTS calibration_targets");
  db.exec(
      "CREATE TABLE calibration_targets (target TEXT PRIMARY KEY, counted INTEGER, fitted "
      "INTEGER, informative INTEGER, share_required REAL, prior_share REAL, posterior_share REAL, "
      "posterior_low REAL, posterior_high REAL, held_out_share REAL, held_out_low REAL, "
      "held_out_high REAL, arm TEXT)");
  auto insert = db.prepare("INSERT INTO calibration_targets VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const auto& row : rows) {
    insert.bind(1, std::string_view(row.target));
    insert.bind(2, static_cast<std::int64_t>(row.counted));
    insert.bind(3, static_cast<std::int64_t>(row.fitted));
    insert.bind(4, static_cast<std::int64_t>(row.informative));
    insert.bind(5, row.share_required);
    insert.bind(6, row.prior_share);
    insert.bind(7, row.posterior_share);
    insert.bind(8, row.posterior_low);
    insert.bind(9, row.posterior_high);
    insert.bind(10, row.held_out_share);
    insert.bind(11, row.held_out_low);
    insert.bind(12, row.held_out_high);
    if (row.arm.empty()) {
      insert.bind_null(13);
    } else {
      insert.bind(13, std::string_view(row.arm));
    }
    insert.run();
  }
}

}  // namespace

void write_calibration(const std::filesystem::path& database, const CalibrationTables& tables) {
  sqlite::Database db(database, sqlite::Database::Mode::read_write_create);
  sqlite::Transaction transaction(db);
  write_generations(db, tables.generations);
  write_particles(db, tables.parameter_columns, tables.particles);
  write_parameters(db, tables.parameters);
  write_targets(db, tables.targets);
  transaction.commit();
}

}  // namespace policysim::store
