#include "sim/store/results_database.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <mutex>
#include <optional>
#include <system_error>
#include <utility>

#include "sim/store/folder_lock.hpp"
#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"
#include "sim/store/target_table.hpp"

namespace policysim::store {

namespace {

using sqlite::Database;
using sqlite::placeholders;
using sqlite::RowInserter;
using sqlite::Statement;
using sqlite::Transaction;

// Bumped when the layout of the tables changes; an older file is then refused, not misread.
constexpr const char* kStoreFormat = "2";

// Keys of the manifest that the store itself maintains.
constexpr const char* kKeyFormat = "store_format";
constexpr const char* kKeySchema = "store_schema";
constexpr const char* kKeyScenarioName = "scenario_name";
constexpr const char* kKeyFingerprint = "fingerprint";
constexpr const char* kKeyManifestJson = "manifest_json";

// Columns the store defines itself; a model column of the same name would collide.
const std::vector<std::string> kFixedColumns = {
    "run_id", "arm", "replicate", "seed", "status", "wall_seconds", "tick", "quarter", "region"};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_identifier(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  const auto is_start = [](unsigned char c) { return std::isalpha(c) != 0 || c == '_'; };
  const auto is_rest = [](unsigned char c) { return std::isalnum(c) != 0 || c == '_'; };
  return is_start(static_cast<unsigned char>(name.front())) &&
         std::all_of(name.begin() + 1, name.end(),
                     [&](char c) { return is_rest(static_cast<unsigned char>(c)); });
}

// Column names come from the model, so they are checked here and double-quoted in all SQL; the
// check keeps quoting trivial (no quote can appear inside) and names usable from pandas and R.
void validate_columns(const std::string& table, const std::vector<std::string>& names) {
  std::vector<std::string> seen;
  for (const auto& name : names) {
    if (!is_identifier(name)) {
      std::string message = "column name '" + name + "' for table ";
      message += table;
      message +=
          " is not an identifier (letters, digits and _, not starting with a digit, at most 64 "
          "characters)";
      throw StoreError(message, StoreError::internal_error);
    }
    const std::string folded = lower(name);  // SQLite column names ignore case
    if (folded.rfind("sqlite_", 0) == 0 ||
        std::find(kFixedColumns.begin(), kFixedColumns.end(), folded) != kFixedColumns.end()) {
      std::string message = "column name '" + name + "' for table ";
      message += table + " is reserved by the results store";
      throw StoreError(message, StoreError::internal_error);
    }
    if (std::find(seen.begin(), seen.end(), folded) != seen.end()) {
      std::string message = "column name '" + name + "' appears twice in table ";
      message += table;
      throw StoreError(message, StoreError::internal_error);
    }
    seen.push_back(folded);
  }
}

void validate_schema(const Schema& schema) {
  std::vector<std::string> run_columns = schema.parameters;
  run_columns.insert(run_columns.end(), schema.outcomes.begin(), schema.outcomes.end());
  validate_columns("runs", run_columns);
  validate_columns("series", schema.series_metrics);
  validate_columns("region_series", schema.region_metrics);
}

using sqlite::quote_identifier;

std::string real_columns(const std::vector<std::string>& names) {
  std::string sql;
  for (const auto& name : names) sql += ", " + quote_identifier(name) + " REAL";
  return sql;
}

std::string column_list(const std::vector<std::string>& names) {
  std::string sql;
  for (const auto& name : names) sql += ", " + quote_identifier(name);
  return sql;
}

nlohmann::json schema_to_json(const Schema& schema) {
  return {{"parameters", schema.parameters},
          {"outcomes", schema.outcomes},
          {"series_metrics", schema.series_metrics},
          {"region_metrics", schema.region_metrics}};
}

Schema schema_from_json(const nlohmann::json& json) {
  Schema schema;
  json.at("parameters").get_to(schema.parameters);
  json.at("outcomes").get_to(schema.outcomes);
  json.at("series_metrics").get_to(schema.series_metrics);
  json.at("region_metrics").get_to(schema.region_metrics);
  return schema;
}

std::string join(const std::vector<std::string>& names) {
  std::string text = "[";
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  return text + "]";
}

std::string schema_difference(const Schema& stored, const Schema& wanted) {
  std::string text;
  const auto compare = [&](const char* what, const std::vector<std::string>& a,
                           const std::vector<std::string>& b) {
    if (a != b) text += std::string("\n  ") + what + ": stored " + join(a) + ", now " + join(b);
  };
  compare("parameters", stored.parameters, wanted.parameters);
  compare("outcomes", stored.outcomes, wanted.outcomes);
  compare("series metrics", stored.series_metrics, wanted.series_metrics);
  compare("region metrics", stored.region_metrics, wanted.region_metrics);
  return text;
}

std::optional<std::string> manifest_value(Database& db, const std::string& key) {
  Statement query(db, "SELECT value FROM manifest WHERE key = ?");
  query.bind(1, std::string_view(key));
  if (!query.step()) return std::nullopt;
  return query.column_text(0);
}

std::int64_t count_rows(Database& db, const std::string& table) {
  if (!db.has_table(table)) return 0;
  Statement query(db, "SELECT count(*) FROM " + table);
  query.step();
  return query.column_int64(0);
}

std::string remedy(const std::filesystem::path& path) {
  return "pass a new output directory (-o DIR), or replace its results with --overwrite (`run`, "
         "`compare`), or delete " +
         path.parent_path().string() + " to start over";
}

// What open() found in an existing file; decided before anything is written, so that a refusal
// leaves the file exactly as it was.
struct Existing {
  bool schema_changed = false;  // true only when no runs are stored (else refused)
};

// A fingerprint's value as a message shows it.
std::string fingerprint_text(const nlohmann::json& value) {
  if (value.is_null()) return "none";
  return value.is_string() ? value.get<std::string>() : value.dump();
}

Existing inspect_existing(Database& db, const Schema& schema, const std::string& scenario_name,
                          const nlohmann::json& fingerprint) {
  Existing existing;
  const std::filesystem::path& path = db.path();
  if (!db.has_table("manifest")) {
    Statement any_table(db, "SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1");
    if (any_table.step()) {
      throw StoreError(path.string() +
                           " is an SQLite database but not a policysim results "
                           "database; " +
                           remedy(path),
                       StoreError::cannot_create_output);
    }
    return existing;  // an empty file: created fresh
  }
  const auto format = manifest_value(db, kKeyFormat);
  if (!format) {
    throw StoreError(path.string() +
                         " is not a policysim results database (no store_format in "
                         "its manifest); " +
                         remedy(path),
                     StoreError::cannot_create_output);
  }
  if (*format != kStoreFormat) {
    throw StoreError(path.string() + " was written in results format " + *format +
                         ", this policysim writes format " + kStoreFormat + "; " + remedy(path),
                     StoreError::cannot_create_output);
  }
  const std::int64_t stored_runs = count_rows(db, "runs");
  const std::string stored_name = manifest_value(db, kKeyScenarioName).value_or("?");
  if (stored_runs > 0) {
    const auto stored_text = manifest_value(db, kKeyFingerprint);
    if (!stored_text) {
      throw StoreError(path.string() + " holds " + std::to_string(stored_runs) +
                           " runs but no fingerprint of the inputs that made them (an older "
                           "policysim wrote it), so they cannot be checked against this "
                           "command's; " +
                           remedy(path),
                       StoreError::cannot_create_output);
    }
    const auto stored = nlohmann::json::parse(*stored_text, nullptr, false);
    if (stored != fingerprint) {
      const std::string now_name =
          stored_name == scenario_name ? "" : " (this command's: '" + scenario_name + "')";
      throw StoreError(path.string() + " holds " + std::to_string(stored_runs) +
                           " runs of scenario '" + stored_name + "'" + now_name +
                           " made from other inputs than this command's:" +
                           fingerprint_difference(stored, fingerprint) +
                           "\nReusing them would mix results of different inputs: " + remedy(path),
                       StoreError::cannot_create_output);
    }
  }
  Schema stored_schema;
  try {
    stored_schema =
        schema_from_json(nlohmann::json::parse(manifest_value(db, kKeySchema).value_or("null")));
  } catch (const nlohmann::json::exception& error) {
    throw StoreError(path.string() + " has an unreadable store_schema in its manifest (" +
                         error.what() + "); " + remedy(path),
                     StoreError::cannot_create_output);
  }
  if (stored_schema != schema) {
    if (stored_runs > 0) {
      throw StoreError(path.string() + " holds " + std::to_string(stored_runs) +
                           " runs written with different columns:" +
                           schema_difference(stored_schema, schema) + "\n" + remedy(path),
                       StoreError::cannot_create_output);
    }
    existing.schema_changed = true;
  }
  return existing;
}

// Refuses a damaged file before anything is written to it: appending runs to a file with corrupt
// pages can only spread the damage. integrity_check reads every page and also checks each index
// against its table (resume finds stored runs through the index on (arm, replicate)); it costs
// little more than quick_check, which skips the indexes, since both read the whole file.
void check_integrity(Database& db) {
  const std::filesystem::path& path = db.path();
  const auto refuse = [&](const std::string& what) {
    throw StoreError(path.string() + " is damaged (" + what +
                         "), so no runs are added to it. Its runs cannot be trusted: write to a "
                         "new directory with -o DIR, or delete " +
                         (path.has_parent_path() ? path.parent_path() : ".").string() +
                         " to start over",
                     StoreError::cannot_create_output);
  };
  std::string problems;
  try {
    Statement check(db, "PRAGMA integrity_check(5)");
    while (check.step()) {
      const std::string line = check.column_text(0);
      if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
    }
  } catch (const StoreError& error) {
    const std::string message = error.what();
    // A file that is not SQLite at all already has its own message.
    if (message.find("is not an SQLite database") != std::string::npos) throw;
    refuse(message);
  }
  if (!problems.empty()) refuse("SQLite's integrity_check: " + problems);
}

void create_tables(Database& db, const Schema& schema) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS manifest(key TEXT PRIMARY KEY, value TEXT);"
      "CREATE TABLE IF NOT EXISTS regions(region INTEGER PRIMARY KEY, code TEXT NOT NULL, "
      "name TEXT, district TEXT);");
  // seed is TEXT: the unsigned decimal survives every reader (R reads big integers as doubles,
  // and a signed two's-complement value could not be passed back to --seed).
  db.exec(
      "CREATE TABLE IF NOT EXISTS runs(run_id INTEGER PRIMARY KEY, arm TEXT NOT NULL, "
      "replicate INTEGER NOT NULL, seed TEXT NOT NULL, status TEXT NOT NULL, "
      "wall_seconds REAL" +
      real_columns(schema.parameters) + real_columns(schema.outcomes) +
      ", UNIQUE(arm, replicate))");
  // The per-tick tables are clustered on their key (WITHOUT ROWID): rows of a run sit together
  // and arrive in key order, so inserts append and reads of one run are one range scan.
  db.exec(
      "CREATE TABLE IF NOT EXISTS series(run_id INTEGER NOT NULL REFERENCES runs(run_id), "
      "tick INTEGER NOT NULL, quarter TEXT NOT NULL" +
      real_columns(schema.series_metrics) + ", PRIMARY KEY(run_id, tick)) WITHOUT ROWID");
  db.exec(
      "CREATE TABLE IF NOT EXISTS region_series(run_id INTEGER NOT NULL "
      "REFERENCES runs(run_id), tick INTEGER NOT NULL, quarter TEXT NOT NULL, "
      "region INTEGER NOT NULL" +
      real_columns(schema.region_metrics) + ", PRIMARY KEY(run_id, tick, region)) WITHOUT ROWID");
  // A run's events are one row (a JSON array of [tick, quarter, kind, region, detail]), read
  // through the view `events`, one row per event: a run can have many (NGOs closing), and a row
  // each with its index entry made them most of the cost of writing a run stored without series
  // (bench/RESULTS.md, "The results writer, third round").
  db.exec(
      "CREATE TABLE IF NOT EXISTS run_events(run_id INTEGER PRIMARY KEY REFERENCES runs(run_id), "
      "events TEXT NOT NULL);"
      "CREATE VIEW IF NOT EXISTS events AS SELECT e.run_id AS run_id, "
      "CAST(j.key AS INTEGER) AS event, json_extract(j.value, '$[0]') AS tick, "
      "json_extract(j.value, '$[1]') AS quarter, json_extract(j.value, '$[2]') AS kind, "
      "json_extract(j.value, '$[3]') AS region, json_extract(j.value, '$[4]') AS detail "
      "FROM run_events e, json_each(e.events) j;");
}

// Writes text at `at` as a JSON string (quotes, backslashes and control characters escaped), in
// at most 6 bytes a character and 2 for the quotes; returns the end.
char* put_json_string(char* at, std::string_view text) {
  *at++ = '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      *at++ = '\\';
      *at++ = c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      constexpr char kHex[] = "0123456789abcdef";
      at = std::copy_n("\\u00", 4, at);
      *at++ = kHex[(c >> 4) & 0xf];
      *at++ = kHex[c & 0xf];
    } else {
      *at++ = c;
    }
  }
  *at++ = '"';
  return at;
}

// A run's events as stored in run_events.events: [[tick, quarter, kind, region, detail], ...],
// region null for a national event. Written by hand into `buffer` (kept from run to run, and
// sized once for the longest the text could be), not through nlohmann::json, whose tree of
// values cost more than the rest of writing a run (bench/RESULTS.md); returns the text.
std::string_view write_events_json(const std::vector<Event>& events,
                                   const std::vector<std::string>& quarters, std::string& buffer) {
  // An event's punctuation, two integers and three strings' quotes take at most 48 bytes.
  std::size_t bound = 2;
  for (const Event& event : events) {
    bound += 48 + 6 * (quarters[static_cast<std::size_t>(event.tick)].size() + event.kind.size() +
                       event.detail.size());
  }
  if (buffer.size() < bound) buffer.resize(bound);
  char* const first = buffer.data();
  char* at = first;
  const auto put_integer = [&at](std::int64_t value) {
    at = std::to_chars(at, at + 20, value).ptr;
  };
  *at++ = '[';
  for (const Event& event : events) {
    if (at != first + 1) *at++ = ',';
    *at++ = '[';
    put_integer(event.tick);
    *at++ = ',';
    at = put_json_string(at, quarters[static_cast<std::size_t>(event.tick)]);
    *at++ = ',';
    at = put_json_string(at, event.kind);
    *at++ = ',';
    if (event.region < 0) {
      at = std::copy_n("null", 4, at);
    } else {
      put_integer(event.region);
    }
    *at++ = ',';
    at = put_json_string(at, event.detail);
    *at++ = ']';
  }
  *at++ = ']';
  return {first, static_cast<std::size_t>(at - first)};
}

void upsert_manifest(Statement& upsert, const std::string& key, const std::string& value) {
  upsert.bind(1, std::string_view(key));
  upsert.bind(2, std::string_view(value));
  upsert.run();
}

// Strings are stored as they are (no JSON quotes), so that `SELECT value ... WHERE key='host'`
// reads naturally; anything else as compact JSON.
std::string manifest_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string run_name(const std::string& arm, int replicate) {
  return "run (arm '" + arm + "', replicate " + std::to_string(replicate) + ")";
}

}  // namespace

nlohmann::json read_manifest(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw StoreError("no results database at " + path.string() +
                         " (give a directory written by `policysim run`, or its results.sqlite)",
                     StoreError::missing_input);
  }
  Database db(path, Database::Mode::read_only);
  const auto text = db.has_table("manifest") ? manifest_value(db, kKeyManifestJson) : std::nullopt;
  if (!text) {
    throw StoreError(path.string() + " is not a policysim results database (it has no manifest)",
                     StoreError::missing_input);
  }
  return nlohmann::json::parse(*text);
}

std::string fingerprint_difference(const nlohmann::json& stored, const nlohmann::json& now) {
  const auto line = [](const std::string& part, const nlohmann::json& a, const nlohmann::json& b) {
    return "\n  " + part + ": " + fingerprint_text(a) + " there, " + fingerprint_text(b) + " now";
  };
  if (!stored.is_object() || !now.is_object()) return line("fingerprint", stored, now);
  std::string text;
  for (const auto& [part, value] : stored.items()) {
    const auto it = now.find(part);
    const nlohmann::json other = it == now.end() ? nlohmann::json() : *it;
    if (value != other) text += line(part, value, other);
  }
  for (const auto& [part, value] : now.items()) {
    if (!stored.contains(part)) text += line(part, nullptr, value);
  }
  return text;
}

bool never_written(const std::filesystem::path& path) {
  Database db(path, Database::Mode::read_only);
  if (!db.has_table("manifest")) {
    // Killed before ResultsDatabase::open committed its tables: nothing in the file.
    Statement tables(db, "SELECT count(*) FROM sqlite_master");
    tables.step();
    return tables.column_int64(0) == 0;
  }
  // The tables committed, with the store's own keys, but not the experiment's manifest.
  return manifest_value(db, kKeyFormat) && !manifest_value(db, kKeyManifestJson) &&
         count_rows(db, "runs") == 0;
}

StoredInputs read_stored_inputs(const std::filesystem::path& path) {
  StoredInputs inputs;
  inputs.manifest = read_manifest(path);  // refuses what is not a results database (66)
  Database db(path, Database::Mode::read_only);
  try {
    inputs.schema =
        schema_from_json(nlohmann::json::parse(manifest_value(db, kKeySchema).value_or("null")));
    inputs.fingerprint =
        nlohmann::json::parse(manifest_value(db, kKeyFingerprint).value_or("null"));
  } catch (const nlohmann::json::exception& error) {
    throw StoreError(path.string() + " has an unreadable schema or fingerprint in its manifest (" +
                         error.what() + ")",
                     StoreError::missing_input);
  }
  inputs.scenario_name = manifest_value(db, kKeyScenarioName).value_or("");
  return inputs;
}

std::string seed_to_text(std::uint64_t seed) { return std::to_string(seed); }

std::uint64_t seed_from_text(const std::string& text) {
  std::uint64_t seed = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, seed);
  if (ec != std::errc() || ptr != end || text.empty()) {
    throw StoreError("stored seed '" + text + "' is not an unsigned 64-bit integer",
                     StoreError::internal_error);
  }
  return seed;
}

namespace {

// The columns of a run's row in `runs` that both StoredRun and RunRecord hold, and the reading of
// them from `query`, its column `first` on.
std::string run_head_columns(const Schema& schema) {
  return "arm, replicate, seed, status, wall_seconds" + column_list(schema.parameters) +
         column_list(schema.outcomes);
}

template <typename Run>
void read_run_head(const Statement& query, int first, const Schema& schema, Run& run) {
  int column = first;
  run.arm = query.column_text(column++);
  run.replicate = static_cast<int>(query.column_int64(column++));
  run.seed = seed_from_text(query.column_text(column++));
  run.status = query.column_text(column++);
  run.wall_seconds = query.column_double(column++);
  for (std::size_t i = 0; i < schema.parameters.size(); ++i) {
    run.parameters.push_back(query.column_double(column++));
  }
  for (std::size_t i = 0; i < schema.outcomes.size(); ++i) {
    run.outcomes.push_back(query.column_double(column++));
  }
}

}  // namespace

// Series rows per multi-row INSERT: a run's quarters go in a few statements.
constexpr std::size_t kSeriesBatchRows = 16;

// Finished runs are committed in groups: each commit writes to the log the pages it changed, the
// partly filled last page of each table and index among them, again and again until they fill,
// and now and then a checkpoint with an fsync copies them into the file (bench/RESULTS.md, "The
// results writer, fourth round"). A group is committed
// once it holds kGroupRuns runs or runs that took kGroupSeconds to compute (so a crash loses at
// most that much work besides the runs in flight, and a long run is committed at once), and
// whenever anything else is written or the database is flushed or closed.
constexpr std::size_t kGroupRuns = 128;
constexpr double kGroupSeconds = 1.0;

struct ResultsDatabase::Impl {
  Impl(FolderLock folder_lock, Database database, Schema schema_in, std::string name,
       nlohmann::json fingerprint_in)
      : lock(std::move(folder_lock)),
        db(std::move(database)),
        schema(std::move(schema_in)),
        scenario_name(std::move(name)),
        fingerprint(std::move(fingerprint_in)),
        insert_run(
            db, "INSERT INTO runs(arm, replicate, seed, status, wall_seconds" +
                    column_list(schema.parameters) + column_list(schema.outcomes) + ") VALUES (" +
                    placeholders(5 + schema.parameters.size() + schema.outcomes.size()) + ")"),
        insert_series(
            db,
            "INSERT INTO series(run_id, tick, quarter" + column_list(schema.series_metrics) + ")",
            3 + schema.series_metrics.size(), kSeriesBatchRows),
        insert_region_series(db,
                             "INSERT INTO region_series(run_id, tick, quarter, region" +
                                 column_list(schema.region_metrics) + ")",
                             4 + schema.region_metrics.size(), 1),
        insert_events(db, "INSERT INTO run_events(run_id, events) VALUES (?, ?)"),
        find_run(db, "SELECT run_id FROM runs WHERE arm = ? AND replicate = ?"),
        upsert_manifest(db,
                        "INSERT INTO manifest(key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value") {
    set_region_count(static_cast<std::size_t>(count_rows(db, "regions")));
  }
  // Closing commits the open group (flush() is the way to hear of a failure).
  ~Impl() {
    try {
      commit_group();
    } catch (...) {
    }
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // Opens a group of runs if none is open.
  void open_group() {
    if (!group) group.emplace(db);
  }
  // Commits the open group, if any. On failure its runs are rolled back and the error says so.
  void commit_group() {
    if (!group) return;
    try {
      group->commit();
    } catch (const StoreError& error) {
      throw with_lost_runs(error, roll_back_group());
    }
    group.reset();
    group_runs = 0;
    group_seconds = 0.0;
  }
  // Rolls back the open group (after a run could not be written or the group not committed: the
  // disk is full, say) and returns how many finished runs it held.
  std::size_t roll_back_group() {
    const std::size_t runs = group_runs;
    group.reset();
    insert_target_value.reset();  // its table may have been created in the group
    group_runs = 0;
    group_seconds = 0.0;
    return runs;
  }
  static StoreError with_lost_runs(const StoreError& error, std::size_t runs) {
    return StoreError(error.what() + std::string("; finished runs of the last group not stored: ") +
                          std::to_string(runs) + " (running the same command again runs them)",
                      error.exit_code());
  }
  // Counts a run into the open group and commits the group when it is due.
  void add_to_group(const RunRecord& run) {
    ++group_runs;
    if (run.wall_seconds > 0.0) group_seconds += run.wall_seconds;  // NaN adds nothing
    if (group_runs >= kGroupRuns || group_seconds >= kGroupSeconds) commit_group();
  }

  // Inserts the rows of a validated run: its runs row, series, region series and events.
  void insert_rows(const RunRecord& run) {
    const std::size_t ticks = run.quarters.size();
    const std::size_t series_width = schema.series_metrics.size();
    const std::size_t region_width = schema.region_metrics.size();
    const std::size_t regions = region_count;
    int column = 1;
    insert_run.bind(column++, std::string_view(run.arm));
    insert_run.bind(column++, run.replicate);
    insert_run.bind(column++, std::string_view(seed_to_text(run.seed)));
    insert_run.bind(column++, std::string_view(run.status));
    insert_run.bind(column++, run.wall_seconds);
    for (double value : run.parameters) insert_run.bind(column++, value);
    for (double value : run.outcomes) insert_run.bind(column++, value);
    insert_run.run();
    const std::int64_t run_id = db.last_insert_rowid();

    insert_series.insert(run.series.empty() ? 0 : ticks,
                         [&](Statement& insert, int first, std::size_t tick) {
                           insert.bind(first, run_id);
                           insert.bind(first + 1, static_cast<std::int64_t>(tick));
                           insert.bind(first + 2, std::string_view(run.quarters[tick]));
                           const double* values = run.series.data() + tick * series_width;
                           for (std::size_t m = 0; m < series_width; ++m) {
                             insert.bind(first + 3 + static_cast<int>(m), values[m]);
                           }
                         });

    if (!run.region_series.empty()) {
      for (std::size_t tick = 0; tick < ticks; ++tick) {
        insert_region_series.insert(regions, [&](Statement& insert, int first, std::size_t region) {
          insert.bind(first, run_id);
          insert.bind(first + 1, static_cast<std::int64_t>(tick));
          insert.bind(first + 2, std::string_view(run.quarters[tick]));
          insert.bind(first + 3, static_cast<std::int64_t>(region));
          const double* values =
              run.region_series.data() + (tick * regions + region) * region_width;
          for (std::size_t m = 0; m < region_width; ++m) {
            insert.bind(first + 4 + static_cast<int>(m), values[m]);
          }
        });
      }
    }

    if (!run.events.empty()) {
      insert_events.bind(1, run_id);
      insert_events.bind(2, write_events_json(run.events, run.quarters, events_buffer));
      insert_events.run();
    }

    if (!run.target_values.empty() && !insert_target_value) {
      // Made with the first run that has target values: other experiments have no such table
      // until they judge their targets at the end.
      db.exec(kCreateTargetValues);
      insert_target_value.emplace(db,
                                  "INSERT INTO target_values(name, run_id, value) "
                                  "VALUES (?, ?, ?)");
    }
    for (const TargetValue& target : run.target_values) {
      insert_target_value->bind(1, std::string_view(target.name));
      insert_target_value->bind(2, run_id);
      insert_target_value->bind(3, target.value);  // NaN goes in as NULL
      insert_target_value->run();
    }
  }

  // Region series go in as one multi-row INSERT per tick where the parameter limit allows.
  void set_region_count(std::size_t count) {
    region_count = count;
    insert_region_series = RowInserter(db, insert_region_series, count);
  }

  std::optional<std::int64_t> run_id(const std::string& arm, int replicate) {
    find_run.bind(1, std::string_view(arm));
    find_run.bind(2, replicate);
    std::optional<std::int64_t> id;
    if (find_run.step()) id = find_run.column_int64(0);
    find_run.reset();
    return id;
  }

  void check_manifest_key(const std::string& key, const nlohmann::json& value) const {
    if (key == kKeyManifestJson || key == kKeyFormat || key == kKeySchema) {
      throw StoreError("manifest key '" + key + "' is reserved by the results store",
                       StoreError::internal_error);
    }
    if (key == kKeyFingerprint && value != fingerprint) {
      throw StoreError("manifest fingerprint " + fingerprint_text(value) +
                           " differs from the one this database was opened with (" +
                           fingerprint_text(fingerprint) + ")",
                       StoreError::internal_error);
    }
  }

  // The quoted column of `outcome`; StoreError for a name that is not an outcome.
  std::string outcome_column(const std::string& outcome) const;

  nlohmann::json read_manifest_json() {
    const auto text = manifest_value(db, kKeyManifestJson);
    return text ? nlohmann::json::parse(*text) : nlohmann::json::object();
  }

  FolderLock lock;  // declared first, so released after the connection is closed
  Database db;
  Schema schema;
  std::string scenario_name;
  nlohmann::json fingerprint;
  // One connection, one writer: every use of db and the statements holds this lock.
  mutable std::mutex mutex;
  std::size_t region_count = 0;
  Statement insert_run;
  RowInserter insert_series;
  RowInserter insert_region_series;
  Statement insert_events;
  std::string events_buffer;  // where a run's events are written as JSON, kept from run to run
  Statement find_run;
  Statement upsert_manifest;
  std::optional<Statement> insert_target_value;  // prepared once the table exists
  std::optional<Transaction> group;              // the open group of runs, if any
  std::size_t group_runs = 0;
  double group_seconds = 0.0;  // compute time of the group's runs
};

ResultsDatabase::ResultsDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultsDatabase::~ResultsDatabase() = default;
ResultsDatabase::ResultsDatabase(ResultsDatabase&&) noexcept = default;
ResultsDatabase& ResultsDatabase::operator=(ResultsDatabase&&) noexcept = default;

ResultsDatabase ResultsDatabase::open(const std::filesystem::path& path, const Schema& schema,
                                      const std::string& scenario_name,
                                      const nlohmann::json& fingerprint) {
  validate_schema(schema);
  const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
  std::error_code error;
  if (std::filesystem::exists(folder, error) && !std::filesystem::is_directory(folder, error)) {
    throw StoreError("the output directory " + folder.string() +
                         " is a file, not a directory; give a directory with -o DIR",
                     StoreError::cannot_create_output);
  }
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw StoreError("cannot create directory " + folder.string() + ": " + error.message() +
                         "; give another directory with -o DIR",
                     StoreError::cannot_create_output);
  }
  // Taken before the file is even opened: from here on this process is its only writer.
  FolderLock lock = FolderLock::acquire(folder);
  const bool existed = std::filesystem::file_size(path, error) > 0 && !error;
  Database db(path, Database::Mode::read_write_create);
  if (sqlite3_db_readonly(db.handle(), "main") == 1) {
    throw StoreError(path.string() +
                         " is read-only for you, so no runs can be added to it; write the "
                         "results elsewhere with -o DIR (or make it writable)",
                     StoreError::cannot_create_output);
  }
  if (existed) check_integrity(db);
  const Existing existing = inspect_existing(db, schema, scenario_name, fingerprint);

  // Only now, with the file accepted, is anything written.
  // A new file gets 16 KiB pages: a run's rows (its event list, say) go to the log in a quarter
  // of the frames and system calls of 4 KiB pages; larger pages do worse within the small page
  // cache below (bench/RESULTS.md, "The results writer, third round").
  if (!existed) db.exec("PRAGMA page_size = 16384");
  db.exec("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL keeps every commit atomic (a crash loses at most the last commits, never
  // part of one) without an fsync per run.
  db.exec("PRAGMA synchronous = NORMAL");
  // Runs are appended, so writing touches few pages, and reads stream: a small page cache keeps
  // the writer's memory from growing with the file (SQLite's default is 2 MiB).
  db.exec("PRAGMA cache_size = -512");
  {
    Transaction transaction(db);
    if (existing.schema_changed) {
      // No runs are stored, so the per-run tables are empty and can take the new columns (the
      // events' layout does not depend on the schema).
      db.exec(
          "DROP TABLE IF EXISTS region_series; "
          "DROP TABLE IF EXISTS series; DROP TABLE IF EXISTS runs; "
          "DROP TABLE IF EXISTS column_meanings;");
    }
    create_tables(db, schema);
    Statement upsert(db,
                     "INSERT INTO manifest(key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    upsert_manifest(upsert, kKeyFormat, kStoreFormat);
    upsert_manifest(upsert, kKeySchema, schema_to_json(schema).dump());
    upsert_manifest(upsert, kKeyScenarioName, scenario_name);
    upsert_manifest(upsert, kKeyFingerprint, fingerprint.dump());
    transaction.commit();
  }
  return ResultsDatabase(
      std::make_unique<Impl>(std::move(lock), std::move(db), schema, scenario_name, fingerprint));
}

void ResultsDatabase::write_manifest(const nlohmann::json& manifest) {
  if (!manifest.is_object()) {
    throw StoreError("the manifest must be a JSON object", StoreError::internal_error);
  }
  for (const auto& [key, value] : manifest.items()) impl_->check_manifest_key(key, value);
  std::lock_guard lock(impl_->mutex);
  impl_->commit_group();
  Transaction transaction(impl_->db);
  for (const auto& [key, value] : manifest.items()) {
    upsert_manifest(impl_->upsert_manifest, key, manifest_text(value));
  }
  upsert_manifest(impl_->upsert_manifest, kKeyManifestJson, manifest.dump());
  transaction.commit();
}

void ResultsDatabase::set_manifest(const std::string& key, const nlohmann::json& value) {
  impl_->check_manifest_key(key, value);
  std::lock_guard lock(impl_->mutex);
  impl_->commit_group();
  Transaction transaction(impl_->db);
  nlohmann::json whole = impl_->read_manifest_json();
  whole[key] = value;
  upsert_manifest(impl_->upsert_manifest, key, manifest_text(value));
  upsert_manifest(impl_->upsert_manifest, kKeyManifestJson, whole.dump());
  transaction.commit();
}

nlohmann::json ResultsDatabase::manifest() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->read_manifest_json();
}

void ResultsDatabase::describe_columns(const std::vector<ColumnMeaning>& meanings) {
  const Schema& schema = impl_->schema;
  const auto holds = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  // The role of each meaning's column, found in the schema.
  std::vector<const char*> roles;
  for (const ColumnMeaning& meaning : meanings) {
    const char* role = nullptr;
    if (meaning.table == "runs" && holds(schema.parameters, meaning.column)) role = "parameter";
    if (meaning.table == "runs" && holds(schema.outcomes, meaning.column)) role = "outcome";
    if ((meaning.table == "series" && holds(schema.series_metrics, meaning.column)) ||
        (meaning.table == "region_series" && holds(schema.region_metrics, meaning.column))) {
      role = "metric";
    }
    if (role == nullptr) {
      throw StoreError("describe_columns: " + meaning.table + "." + meaning.column +
                           " is not a column of the schema",
                       StoreError::internal_error);
    }
    roles.push_back(role);
  }
  std::lock_guard lock(impl_->mutex);
  impl_->commit_group();
  Database& db = impl_->db;
  Transaction transaction(db);
  db.exec(
      "CREATE TABLE IF NOT EXISTS column_meanings(table_name TEXT NOT NULL, "
      "column_name TEXT NOT NULL, role TEXT NOT NULL, unit TEXT NOT NULL, "
      "description TEXT NOT NULL, PRIMARY KEY(table_name, column_name));"
      "DELETE FROM column_meanings;");
  Statement insert(db,
                   "INSERT INTO column_meanings(table_name, column_name, role, unit, description) "
                   "VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < meanings.size(); ++i) {
    insert.bind(1, std::string_view(meanings[i].table));
    insert.bind(2, std::string_view(meanings[i].column));
    insert.bind(3, std::string_view(roles[i]));
    insert.bind(4, std::string_view(meanings[i].unit));
    insert.bind(5, std::string_view(meanings[i].description));
    insert.run();
  }
  transaction.commit();
}

std::vector<ColumnMeaning> ResultsDatabase::column_meanings() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<ColumnMeaning> meanings;
  if (!impl_->db.has_table("column_meanings")) return meanings;
  Statement query(impl_->db,
                  "SELECT table_name, column_name, unit, description FROM column_meanings "
                  "ORDER BY table_name, column_name");
  while (query.step()) {
    meanings.push_back(
        {query.column_text(0), query.column_text(1), query.column_text(2), query.column_text(3)});
  }
  return meanings;
}

void ResultsDatabase::write_regions(const std::vector<std::string>& codes,
                                    const std::vector<std::string>& names,
                                    const std::vector<std::string>& districts) {
  if (names.size() != codes.size() || districts.size() != codes.size()) {
    throw StoreError("write_regions: " + std::to_string(codes.size()) + " codes, " +
                         std::to_string(names.size()) + " names and " +
                         std::to_string(districts.size()) + " districts; expected equal counts",
                     StoreError::internal_error);
  }
  std::lock_guard lock(impl_->mutex);
  impl_->commit_group();
  Database& db = impl_->db;
  if (impl_->region_count > 0) {
    // A resumed experiment must describe the same regions as the runs already stored.
    Statement query(db, "SELECT code, name, district FROM regions ORDER BY region");
    std::size_t index = 0;
    bool same = impl_->region_count == codes.size();
    while (same && query.step()) {
      same = query.column_text(0) == codes[index] && query.column_text(1) == names[index] &&
             query.column_text(2) == districts[index];
      ++index;
    }
    if (!same) {
      throw StoreError(db.path().string() + " already holds a different list of regions",
                       StoreError::internal_error);
    }
    return;
  }
  Transaction transaction(db);
  Statement insert(db, "INSERT INTO regions(region, code, name, district) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < codes.size(); ++i) {
    insert.bind(1, static_cast<std::int64_t>(i));
    insert.bind(2, std::string_view(codes[i]));
    insert.bind(3, std::string_view(names[i]));
    insert.bind(4, std::string_view(districts[i]));
    insert.run();
  }
  transaction.commit();
  impl_->set_region_count(codes.size());
}

std::size_t ResultsDatabase::region_count() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->region_count;
}

void ResultsDatabase::write_run(const RunRecord& run) {
  const Schema& schema = impl_->schema;
  const std::string name = run_name(run.arm, run.replicate);
  const auto size_error = [&](const std::string& what, std::size_t got, std::size_t expected) {
    return StoreError(name + ": " + what + " has " + std::to_string(got) + " values, expected " +
                          std::to_string(expected),
                      StoreError::internal_error);
  };
  if (run.parameters.size() != schema.parameters.size()) {
    throw size_error("parameters", run.parameters.size(), schema.parameters.size());
  }
  if (run.outcomes.size() != schema.outcomes.size()) {
    throw size_error("outcomes", run.outcomes.size(), schema.outcomes.size());
  }
  const std::size_t ticks = run.quarters.size();
  const std::size_t series_width = schema.series_metrics.size();
  const std::size_t region_width = schema.region_metrics.size();
  // No series at all is a run stored without them (a sweep stores outcomes unless asked).
  if (!run.series.empty() && run.series.size() != ticks * series_width) {
    throw size_error("series (ticks × series metrics)", run.series.size(), ticks * series_width);
  }
  for (const Event& event : run.events) {
    if (event.tick < 0 || static_cast<std::size_t>(event.tick) >= ticks || event.region < -1) {
      throw StoreError(name + ": event '" + event.kind + "' has tick " +
                           std::to_string(event.tick) + " and region " +
                           std::to_string(event.region) + "; expected a tick in [0, " +
                           std::to_string(ticks) + ") and a region >= 0 or -1 for none",
                       StoreError::internal_error);
    }
  }

  std::lock_guard lock(impl_->mutex);
  const std::size_t regions = impl_->region_count;
  if (!run.region_series.empty()) {
    if (regions == 0) {
      throw StoreError(name + ": region series given before write_regions",
                       StoreError::internal_error);
    }
    if (run.region_series.size() != ticks * regions * region_width) {
      throw size_error("region series (ticks × regions × region metrics)", run.region_series.size(),
                       ticks * regions * region_width);
    }
  }
  for (const Event& event : run.events) {
    if (regions > 0 && event.region >= static_cast<std::int64_t>(regions)) {
      throw StoreError(name + ": event '" + event.kind + "' names region " +
                           std::to_string(event.region) + " of " + std::to_string(regions),
                       StoreError::internal_error);
    }
  }
  if (impl_->run_id(run.arm, run.replicate)) {
    throw StoreError(name + " is already stored in " + impl_->db.path().string(),
                     StoreError::internal_error);
  }

  impl_->open_group();
  try {
    impl_->insert_rows(run);
  } catch (const StoreError& error) {
    throw Impl::with_lost_runs(error, impl_->roll_back_group());
  } catch (...) {
    impl_->roll_back_group();  // never commit part of a run
    throw;
  }
  impl_->add_to_group(run);
}

void ResultsDatabase::flush() {
  std::lock_guard lock(impl_->mutex);
  impl_->commit_group();
}

bool ResultsDatabase::has_run(const std::string& arm, int replicate) const {
  std::lock_guard lock(impl_->mutex);
  return impl_->run_id(arm, replicate).has_value();
}

std::vector<CompletedRun> ResultsDatabase::completed_runs() const {
  std::lock_guard lock(impl_->mutex);
  Statement query(impl_->db,
                  "SELECT arm, replicate, seed, status FROM runs ORDER BY arm, replicate");
  std::vector<CompletedRun> result;
  while (query.step()) {
    result.push_back({query.column_text(0), static_cast<int>(query.column_int64(1)),
                      seed_from_text(query.column_text(2)), query.column_text(3)});
  }
  return result;
}

std::size_t ResultsDatabase::run_count() const {
  std::lock_guard lock(impl_->mutex);
  return static_cast<std::size_t>(count_rows(impl_->db, "runs"));
}

std::vector<StoredRun> ResultsDatabase::runs() const {
  std::lock_guard lock(impl_->mutex);
  const Schema& schema = impl_->schema;
  Statement query(impl_->db, "SELECT run_id, " + run_head_columns(schema) +
                                 " FROM runs ORDER BY arm, replicate");
  std::vector<StoredRun> result;
  while (query.step()) {
    StoredRun run;
    run.run_id = query.column_int64(0);
    read_run_head(query, 1, schema, run);
    result.push_back(std::move(run));
  }
  return result;
}

void ResultsDatabase::visit_runs(int replicates,
                                 const std::function<void(const StoredRun&)>& visit) const {
  std::lock_guard lock(impl_->mutex);
  const Schema& schema = impl_->schema;
  Statement query(impl_->db, "SELECT run_id, " + run_head_columns(schema) +
                                 " FROM runs WHERE replicate < ? ORDER BY arm, replicate");
  query.bind(1, replicates);
  StoredRun run;
  while (query.step()) {
    run.parameters.clear();
    run.outcomes.clear();
    run.run_id = query.column_int64(0);
    read_run_head(query, 1, schema, run);
    visit(run);
  }
}

namespace {

// The runs of replicates [0, ?1) that have results: a failed run's status starts "failed".
constexpr const char* kFinishedOk = "replicate < ?1 AND substr(status, 1, 6) <> 'failed'";

}  // namespace

std::string ResultsDatabase::Impl::outcome_column(const std::string& outcome) const {
  const auto& known = schema.outcomes;
  if (std::find(known.begin(), known.end(), outcome) == known.end()) {
    throw StoreError("'" + outcome + "' is not an outcome; the outcomes are " + join(known),
                     StoreError::internal_error);
  }
  return quote_identifier(outcome);
}

ResultsDatabase::RunCounts ResultsDatabase::count_runs(int replicates) const {
  std::lock_guard lock(impl_->mutex);
  Statement query(impl_->db, std::string("SELECT count(*), count(*) FILTER (WHERE ") + kFinishedOk +
                                 ") FROM runs WHERE replicate < ?1");
  query.bind(1, replicates);
  query.step();
  const auto all = static_cast<std::size_t>(query.column_int64(0));
  const auto ok = static_cast<std::size_t>(query.column_int64(1));
  return {ok, all - ok};
}

std::size_t ResultsDatabase::count_outcome_values(const std::string& outcome,
                                                  int replicates) const {
  std::lock_guard lock(impl_->mutex);
  Statement query(impl_->db, "SELECT count(" + impl_->outcome_column(outcome) +
                                 ") FROM runs WHERE " + kFinishedOk);
  query.bind(1, replicates);
  query.step();
  return static_cast<std::size_t>(query.column_int64(0));
}

void ResultsDatabase::visit_outcome_values(const std::string& outcome, int replicates,
                                           const std::function<void(double)>& visit) const {
  std::lock_guard lock(impl_->mutex);
  const std::string column = impl_->outcome_column(outcome);
  Statement query(impl_->db, "SELECT " + column + " FROM runs WHERE " + kFinishedOk + " AND " +
                                 column + " IS NOT NULL ORDER BY arm, replicate");
  query.bind(1, replicates);
  while (query.step()) visit(query.column_double(0));
}

void ResultsDatabase::visit_arm_means(
    const std::string& outcome, int replicates,
    const std::function<void(const std::string& arm, double mean)>& visit) const {
  std::lock_guard lock(impl_->mutex);
  const std::string column = impl_->outcome_column(outcome);
  Statement query(impl_->db, "SELECT arm, " + column + " FROM runs WHERE " + kFinishedOk + " AND " +
                                 column + " IS NOT NULL ORDER BY arm, replicate");
  query.bind(1, replicates);
  std::string arm;
  double sum = 0.0;
  int count = 0;
  while (query.step()) {
    std::string next = query.column_text(0);
    if (count > 0 && next != arm) {
      visit(arm, sum / count);
      sum = 0.0;
      count = 0;
    }
    arm = std::move(next);
    sum += query.column_double(1);
    ++count;
  }
  if (count > 0) visit(arm, sum / count);
}

std::vector<double> ResultsDatabase::outcome_order_statistics(const std::string& outcome,
                                                              int replicates, std::size_t first,
                                                              std::size_t count,
                                                              bool from_largest) const {
  std::lock_guard lock(impl_->mutex);
  const std::string column = impl_->outcome_column(outcome);
  // With a LIMIT, SQLite's sort keeps only the first LIMIT + OFFSET rows.
  Statement query(impl_->db, "SELECT " + column + " FROM runs WHERE " + kFinishedOk + " AND " +
                                 column + " IS NOT NULL ORDER BY " + column +
                                 (from_largest ? " DESC" : "") + " LIMIT ?2 OFFSET ?3");
  query.bind(1, replicates);
  query.bind(2, static_cast<std::int64_t>(count));
  query.bind(3, static_cast<std::int64_t>(first));
  std::vector<double> values;
  while (query.step()) values.push_back(query.column_double(0));
  return values;
}

void ResultsDatabase::visit_target_counts(
    const std::string& name, double low, double high, int replicates,
    const std::optional<OutcomeCondition>& given,
    const std::function<void(const TargetCount&)>& visit) const {
  std::lock_guard lock(impl_->mutex);
  const bool has_values = impl_->db.has_table("target_values");
  std::string where = std::string(" WHERE ") + kFinishedOk;
  if (given) {
    const auto& outcomes = impl_->schema.outcomes;
    if (std::find(outcomes.begin(), outcomes.end(), given->column) == outcomes.end()) {
      throw StoreError(
          "'" + given->column + "' is not an outcome; the outcomes are " + join(outcomes),
          StoreError::internal_error);
    }
    where += " AND r." + quote_identifier(given->column) + " BETWEEN ?5 AND ?6";
  }
  // Grouped in the order of the runs' (arm, replicate) key, so that SQLite streams the groups;
  // a NULL value is known (counted by t.run_id) and outside the range.
  Statement query(impl_->db, has_values
                                 ? "SELECT r.arm, count(*), count(t.run_id), count(*) FILTER "
                                   "(WHERE t.value BETWEEN ?3 AND ?4) FROM runs r LEFT JOIN "
                                   "target_values t ON t.name = ?2 AND t.run_id = r.run_id" +
                                       where + " GROUP BY r.arm ORDER BY r.arm"
                                 : "SELECT r.arm, count(*), 0, 0 FROM runs r" + where +
                                       " GROUP BY r.arm ORDER BY r.arm");
  query.bind(1, replicates);
  if (has_values) {
    query.bind(2, std::string_view(name));
    query.bind(3, low);
    query.bind(4, high);
  }
  if (given) {
    query.bind(5, given->low);
    query.bind(6, given->high);
  }
  TargetCount count;
  while (query.step()) {
    count.arm = query.column_text(0);
    count.runs = static_cast<std::size_t>(query.column_int64(1));
    count.known = static_cast<std::size_t>(query.column_int64(2));
    count.in_range = static_cast<std::size_t>(query.column_int64(3));
    visit(count);
  }
}

void ResultsDatabase::visit_target_values(
    const std::string& name, const RunSelection& runs, const std::optional<OutcomeCondition>& given,
    const std::function<void(const std::string& arm, const std::vector<double>& values)>& visit)
    const {
  std::lock_guard lock(impl_->mutex);
  const bool has_values = impl_->db.has_table("target_values");
  std::string where = std::string(" WHERE ") + kFinishedOk + " AND replicate >= ?3";
  if (!runs.last_arm.empty()) where += " AND r.arm BETWEEN ?4 AND ?5";
  if (given) {
    where += " AND r." + impl_->outcome_column(given->column) + " BETWEEN ?6 AND ?7";
  }
  Statement query(impl_->db, has_values ? "SELECT r.arm, t.value FROM runs r LEFT JOIN "
                                          "target_values t ON t.name = ?2 AND t.run_id = "
                                          "r.run_id" +
                                              where + " ORDER BY r.arm, r.replicate"
                                        : "SELECT r.arm, NULL FROM runs r" + where +
                                              " ORDER BY r.arm, r.replicate");
  query.bind(1, runs.end_replicate);
  if (has_values) query.bind(2, std::string_view(name));
  query.bind(3, runs.first_replicate);
  if (!runs.last_arm.empty()) {
    query.bind(4, std::string_view(runs.first_arm));
    query.bind(5, std::string_view(runs.last_arm));
  }
  if (given) {
    query.bind(6, given->low);
    query.bind(7, given->high);
  }
  std::string arm;
  std::vector<double> values;
  while (query.step()) {
    std::string next = query.column_text(0);
    if (!values.empty() && next != arm) {
      visit(arm, values);
      values.clear();
    }
    arm = std::move(next);
    values.push_back(query.is_null(1) ? std::numeric_limits<double>::quiet_NaN()
                                      : query.column_double(1));
  }
  if (!values.empty()) visit(arm, values);
}

std::vector<RunSeries> ResultsDatabase::series_values(
    const std::vector<std::string>& metrics) const {
  const auto& known = impl_->schema.series_metrics;
  std::string columns;
  for (const std::string& metric : metrics) {
    if (std::find(known.begin(), known.end(), metric) == known.end()) {
      throw StoreError("'" + metric + "' is not a series metric; the metrics are " + join(known),
                       StoreError::internal_error);
    }
    columns += ", s." + quote_identifier(metric);
  }
  std::lock_guard lock(impl_->mutex);
  Statement query(impl_->db, "SELECT r.run_id, r.arm, r.replicate" + columns +
                                 " FROM runs r JOIN series s ON s.run_id = r.run_id"
                                 " ORDER BY r.arm, r.replicate, s.tick");
  std::vector<RunSeries> result;
  std::int64_t current = -1;
  while (query.step()) {
    const std::int64_t run_id = query.column_int64(0);
    if (run_id != current) {
      // Runs of an experiment have the same length: room for the last run's ticks at once.
      const std::size_t ticks =
          result.empty() || metrics.empty() ? 0 : result.back().values[0].size();
      result.push_back({query.column_text(1), static_cast<int>(query.column_int64(2)),
                        std::vector<std::vector<double>>(metrics.size())});
      for (auto& series : result.back().values) series.reserve(ticks);
      current = run_id;
    }
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      result.back().values[m].push_back(query.column_double(static_cast<int>(3 + m)));
    }
  }
  return result;
}

RunRecord ResultsDatabase::read_run(const std::string& arm, int replicate) const {
  std::lock_guard lock(impl_->mutex);
  const Schema& schema = impl_->schema;
  Database& db = impl_->db;
  const auto id = impl_->run_id(arm, replicate);
  if (!id) {
    throw StoreError(run_name(arm, replicate) + " is not stored in " + db.path().string(),
                     StoreError::internal_error);
  }
  RunRecord run;
  Statement head(db, "SELECT " + run_head_columns(schema) + " FROM runs WHERE run_id = ?");
  head.bind(1, *id);
  head.step();
  read_run_head(head, 0, schema, run);

  Statement series(db, "SELECT quarter" + column_list(schema.series_metrics) +
                           " FROM series WHERE run_id = ? ORDER BY tick");
  series.bind(1, *id);
  while (series.step()) {
    run.quarters.push_back(series.column_text(0));
    for (std::size_t m = 0; m < schema.series_metrics.size(); ++m) {
      run.series.push_back(series.column_double(static_cast<int>(1 + m)));
    }
  }

  if (!schema.region_metrics.empty()) {
    Statement regional(db, "SELECT tick" + column_list(schema.region_metrics) +
                               " FROM region_series WHERE run_id = ? ORDER BY tick, region");
    regional.bind(1, *id);
    while (regional.step()) {
      for (std::size_t m = 0; m < schema.region_metrics.size(); ++m) {
        run.region_series.push_back(regional.column_double(static_cast<int>(1 + m)));
      }
    }
  }

  Statement events(db,
                   "SELECT tick, kind, region, detail FROM events WHERE run_id = ? ORDER BY event");
  events.bind(1, *id);
  while (events.step()) {
    run.events.push_back({static_cast<int>(events.column_int64(0)), events.column_text(1),
                          events.is_null(2) ? -1 : events.column_int64(2), events.column_text(3)});
  }
  return run;
}

const Schema& ResultsDatabase::schema() const { return impl_->schema; }

const std::filesystem::path& ResultsDatabase::path() const { return impl_->db.path(); }

}  // namespace policysim::store
