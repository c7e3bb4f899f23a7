#include "sim/store/results_merge.hpp"

#include <string>

#include "sim/store/results_database.hpp"
#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::store {
namespace {

/// ", t.\"a\", t.\"b\"": the model's columns of a table, through `alias` unless it is empty.
std::string columns(const std::vector<std::string>& names, const std::string& alias) {
  std::string sql;
  for (const auto& name : names) {
    sql.append(", ").append(alias).append(alias.empty() ? "" : ".");
    sql.append("\"").append(name).append("\"");
  }
  return sql;
}

/// Creates `table` in OUT as the shard declares it, if OUT lacks it.
void copy_table_definition(sqlite::Database& db, const std::string& table) {
  sqlite::Statement definition(
      db, "SELECT sql FROM shard.sqlite_master WHERE type = 'table' AND name = ?");
  definition.bind(1, std::string_view(table));
  if (!definition.step() || db.has_table(table)) return;
  db.exec(definition.column_text(0));
}

std::int64_t single_integer(sqlite::Database& db, const std::string& sql) {
  sqlite::Statement query(db, sql);
  query.step();
  return query.column_int64(0);
}

/// Refuses (StoreError 73) a shard not made from the inputs of `reference`, whose inputs are
/// `expected`.
void check_same_inputs(const std::filesystem::path& reference, const StoredInputs& expected,
                       const std::filesystem::path& shard) {
  const StoredInputs inputs = read_stored_inputs(shard);
  if (inputs.fingerprint != expected.fingerprint || !(inputs.schema == expected.schema)) {
    throw StoreError(shard.string() + " was not made from the same inputs as " +
                         reference.string() + ", so their runs are not one experiment's:" +
                         fingerprint_difference(expected.fingerprint, inputs.fingerprint) +
                         "\n(\"there\" is " + reference.string() + ", \"now\" " + shard.string() +
                         "); merge only the shards of one sweep",
                     StoreError::cannot_create_output);
  }
}

/// Copies into `out`, whose lock the caller holds, the runs of `shards` it lacks, whole, each
/// shard in one transaction, with their regions, `design` and `column_meanings`.
MergeCount copy_missing_runs(const std::filesystem::path& out, const Schema& schema,
                             const std::vector<std::filesystem::path>& shards) {
  MergeCount count;
  sqlite::Database db(out, sqlite::Database::Mode::read_write_create);
  for (const auto& shard : shards) {
    sqlite::Statement attach(db, "ATTACH DATABASE ? AS shard");
    attach.bind(1, std::string_view(shard.string()));
    attach.run();
    {
      sqlite::Transaction transaction(db);
      for (const char* table : {"design", "column_meanings"}) {
        copy_table_definition(db, table);
        if (db.has_table(table)) {
          db.exec(std::string("INSERT OR IGNORE INTO main.") + table + " SELECT * FROM shard." +
                  table);
        }
      }
      count.sweep = db.has_table("design");
      db.exec("INSERT OR IGNORE INTO main.regions SELECT * FROM shard.regions");
      const std::int64_t before = single_integer(db, "SELECT coalesce(max(run_id), 0) FROM runs");
      const std::int64_t shard_runs = single_integer(db, "SELECT count(*) FROM shard.runs");
      const std::string head = "arm, replicate, seed, status, wall_seconds";
      db.exec("INSERT INTO main.runs(" + head + columns(schema.parameters, "") +
              columns(schema.outcomes, "") + ") SELECT r.arm, r.replicate, r.seed, r.status, " +
              "r.wall_seconds" + columns(schema.parameters, "r") + columns(schema.outcomes, "r") +
              " FROM shard.runs r WHERE NOT EXISTS (SELECT 1 FROM main.runs m WHERE m.arm = "
              "r.arm AND m.replicate = r.replicate) ORDER BY r.arm, r.replicate");
      const std::int64_t added = single_integer(
          db, "SELECT count(*) FROM main.runs WHERE run_id > " + std::to_string(before));
      // The new runs' rows of the per-run tables, each under the run_id its run got here.
      const std::string new_run =
          " JOIN shard.runs r ON r.run_id = t.run_id JOIN main.runs m ON m.arm = r.arm AND "
          "m.replicate = r.replicate WHERE m.run_id > " +
          std::to_string(before);
      db.exec("INSERT INTO main.series SELECT m.run_id, t.tick, t.quarter" +
              columns(schema.series_metrics, "t") + " FROM shard.series t" + new_run +
              " ORDER BY m.run_id, t.tick");
      db.exec("INSERT INTO main.region_series SELECT m.run_id, t.tick, t.quarter, t.region" +
              columns(schema.region_metrics, "t") + " FROM shard.region_series t" + new_run +
              " ORDER BY m.run_id, t.tick, t.region");
      db.exec("INSERT INTO main.run_events SELECT m.run_id, t.events FROM shard.run_events t" +
              new_run + " ORDER BY m.run_id");
      // Each run's statistic of each target (a sweep's shards keep them): they travel with it.
      if (single_integer(db,
                         "SELECT count(*) FROM shard.sqlite_master WHERE name = 'target_values'")) {
        copy_table_definition(db, "target_values");
        db.exec(
            "INSERT INTO main.target_values SELECT t.name, m.run_id, t.value FROM "
            "shard.target_values t" +
            new_run + " ORDER BY t.name, m.run_id");
      }
      transaction.commit();
      count.runs_added += static_cast<std::size_t>(added);
      count.runs_present += static_cast<std::size_t>(shard_runs - added);
    }
    db.exec("DETACH DATABASE shard");
  }
  return count;
}

}  // namespace

MergeCount merge_results(const std::filesystem::path& out,
                         const std::vector<std::filesystem::path>& shards) {
  if (shards.empty()) {
    throw StoreError("give at least one shard to merge", StoreError::missing_input);
  }
  const StoredInputs first = read_stored_inputs(shards.front());
  for (std::size_t i = 1; i < shards.size(); ++i)
    check_same_inputs(shards.front(), first, shards[i]);
  // Takes OUT's lock, creates its tables, and refuses an OUT holding runs of other inputs.
  ResultsDatabase database =
      ResultsDatabase::open(out, first.schema, first.scenario_name, first.fingerprint);
  if (database.run_count() == 0) {
    nlohmann::json manifest = first.manifest;
    manifest.erase("sweep_shard");
    manifest["complete"] = false;
    database.write_manifest(manifest);
  }
  nlohmann::json merged_from = database.manifest().value("merged_from", nlohmann::json::array());
  for (const auto& shard : shards) merged_from.push_back(shard.string());
  database.set_manifest("merged_from", merged_from);
  database.flush();

  return copy_missing_runs(out, first.schema, shards);
}

MergeCount merge_into_open(ResultsDatabase& out, const std::vector<std::filesystem::path>& shards) {
  out.flush();  // the copy goes through a connection of its own
  const StoredInputs expected = read_stored_inputs(out.path());
  for (const auto& shard : shards) check_same_inputs(out.path(), expected, shard);
  return copy_missing_runs(out.path(), out.schema(), shards);
}

}  // namespace policysim::store
