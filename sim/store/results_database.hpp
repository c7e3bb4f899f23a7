#pragma once
// The results database of one experiment (results/<name>/results.sqlite): tidy tables joined on
// run_id. Finished runs are committed in small groups of whole runs, so that a run is either all
// there or absent and an interrupted experiment resumes where it stopped. The tables are
// described in docs/results.md.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace policysim::store {

/// Column names chosen by the model; each must be an identifier ([A-Za-z_][A-Za-z0-9_]*).
struct Schema {
  std::vector<std::string> parameters;      ///< varied parameters: REAL columns of `runs`
  std::vector<std::string> outcomes;        ///< summary outcomes: REAL columns of `runs`
  std::vector<std::string> series_metrics;  ///< national metrics per tick: columns of `series`
  std::vector<std::string> region_metrics;  ///< regional metrics per tick: `region_series`

  friend bool operator==(const Schema&, const Schema&) = default;
};

/// What a model column holds, for the file's readers: table `column_meanings`.
struct ColumnMeaning {
  std::string table;        ///< "runs", "series" or "region_series"
  std::string column;       ///< a column of the Schema in that table
  std::string unit;         ///< the unit of its values; empty where none applies
  std::string description;  ///< what the values are, as a short phrase

  friend bool operator==(const ColumnMeaning&, const ColumnMeaning&) = default;
};

/// Something that happened in a run at one tick (a law passed, an NGO closed, ...).
struct Event {
  int tick = 0;              ///< 0-based tick; its quarter is taken from RunRecord::quarters
  std::string kind;          ///< short machine-readable kind, e.g. "law_passed"
  std::int64_t region = -1;  ///< 0-based region index, or -1 for a national event
  std::string detail;        ///< free text

  friend bool operator==(const Event&, const Event&) = default;
};

/// A run's value of one stylised-fact target, stored with the run in `target_values` (a sweep
/// judges each run as it finishes, so that its targets are known of every run it stored).
struct TargetValue {
  std::string name;  ///< the target's name
  double value = 0;  ///< the target's statistic in the run; NaN (stored as NULL) where undefined

  friend bool operator==(const TargetValue&, const TargetValue&) = default;
};

/// Everything one run produced. NaN in any double is stored as NULL and read back as NaN.
struct RunRecord {
  std::string arm;                         ///< experiment arm, e.g. "baseline"
  int replicate = 0;                       ///< replicate number within the arm
  std::uint64_t seed = 0;                  ///< the run's RNG seed
  std::string status;                      ///< "ok", or why the run failed
  double wall_seconds = 0;                 ///< wall-clock time of the run
  std::vector<double> parameters;          ///< one per Schema::parameters
  std::vector<double> outcomes;            ///< one per Schema::outcomes
  std::vector<std::string> quarters;       ///< one per tick, e.g. "1997Q1"
  std::vector<double> series;              ///< tick-major: ticks × series_metrics, or empty
  std::vector<double> region_series;       ///< ticks × regions × region_metrics, or empty
  std::vector<Event> events;               ///< in the order they happened
  std::vector<TargetValue> target_values;  ///< stored in `target_values`; empty for none
};

/// A stored run, as resume needs it.
struct CompletedRun {
  std::string arm;         ///< experiment arm
  int replicate = 0;       ///< replicate number
  std::uint64_t seed = 0;  ///< the seed it ran with
  std::string status;      ///< "ok", or why it failed
};

/// One row of `runs`, as a summary needs it.
struct StoredRun {
  std::int64_t run_id = 0;         ///< key joining every table
  std::string arm;                 ///< experiment arm
  int replicate = 0;               ///< replicate number
  std::uint64_t seed = 0;          ///< the seed it ran with
  std::string status;              ///< "ok", or why it failed
  double wall_seconds = 0;         ///< wall-clock time of the run
  std::vector<double> parameters;  ///< one per Schema::parameters (NaN where NULL)
  std::vector<double> outcomes;    ///< one per Schema::outcomes (NaN where NULL)
};

/// One metric's time series in one run.
struct RunSeries {
  std::string arm;                          ///< experiment arm
  int replicate = 0;                        ///< replicate number
  std::vector<std::vector<double>> values;  ///< per metric asked for, one per tick (NaN: NULL)
};

/// The results database of one experiment. All members are safe to call from many threads.
class ResultsDatabase {
 public:
  /// Creates `path` (and its directory) or opens it for writing. Takes the folder's lock first
  /// (FolderLock: one writer per folder, held until destruction) and checks an existing file's
  /// integrity before anything is written. Refuses (StoreError, the file left untouched) a
  /// damaged or read-only file, a database holding runs made with another `fingerprint` (a
  /// JSON object of named parts: whatever changes a run's results; the message lists the parts
  /// that differ), or written with another schema.
  static ResultsDatabase open(const std::filesystem::path& path, const Schema& schema,
                              const std::string& scenario_name, const nlohmann::json& fingerprint);

  ~ResultsDatabase();
  ResultsDatabase(ResultsDatabase&&) noexcept;
  ResultsDatabase& operator=(ResultsDatabase&&) noexcept;

  /// Stores each member of the JSON object under its key (strings as is, others as JSON) and
  /// the whole object under `manifest_json`.
  void write_manifest(const nlohmann::json& manifest);
  /// Sets one manifest key (e.g. the end time), keeping `manifest_json` in step.
  void set_manifest(const std::string& key, const nlohmann::json& value);
  /// The manifest as last written (`manifest_json`), or an empty object.
  nlohmann::json manifest() const;

  /// Replaces the table `column_meanings` (table_name, column_name, role, unit, description;
  /// role: parameter, outcome or metric) by `meanings`, each of which must name a column of the
  /// schema (StoreError otherwise). Rewritten on every open, so that it says what this
  /// version of the model means by its columns.
  void describe_columns(const std::vector<ColumnMeaning>& meanings);
  /// The table `column_meanings`, in table and column order; empty when it was never written.
  std::vector<ColumnMeaning> column_meanings() const;

  /// Writes the region table (index = position); on resume, checks it is unchanged.
  void write_regions(const std::vector<std::string>& codes, const std::vector<std::string>& names,
                     const std::vector<std::string>& districts);
  /// Number of regions written, 0 before write_regions.
  std::size_t region_count() const;

  /// Writes a run with its series, region series and events. Runs are committed in groups (up
  /// to 128 runs, or runs whose wall_seconds add up to one second; a longer run at once): a
  /// process killed before a commit loses the open group, never part of a run, and other
  /// connections see a run once it is committed. A run that cannot be written (or a commit that
  /// fails) rolls the open group back; the StoreError says how many runs that was.
  void write_run(const RunRecord& run);
  /// Commits the runs written so far. Writing anything else, and closing, commit them too; a
  /// failure to commit is reported here (or by the write that commits), never only at closing.
  void flush();
  /// Whether (arm, replicate) is stored.
  bool has_run(const std::string& arm, int replicate) const;
  /// Every stored run, ordered by (arm, replicate).
  std::vector<CompletedRun> completed_runs() const;
  /// Number of stored runs.
  std::size_t run_count() const;

  /// The `runs` table, ordered by (arm, replicate).
  std::vector<StoredRun> runs() const;
  /// Calls `visit` with each row of `runs` of replicates [0, `replicates`), ordered by (arm,
  /// replicate), one row at a time: what a caller keeps is all that grows with the runs.
  /// `visit` must not use this database.
  void visit_runs(int replicates, const std::function<void(const StoredRun&)>& visit) const;
  /// The runs of replicates [0, `replicates`): with results, and stored as failed (status
  /// "failed...").
  struct RunCounts {
    std::size_t ok = 0;
    std::size_t failed = 0;
  };
  RunCounts count_runs(int replicates) const;
  /// Of the runs of replicates [0, `replicates`) that have results, those with a value (not
  /// NULL) of outcome `outcome`.
  std::size_t count_outcome_values(const std::string& outcome, int replicates) const;
  /// Calls `visit` with each of those values of `outcome`, ordered by (arm, replicate).
  void visit_outcome_values(const std::string& outcome, int replicates,
                            const std::function<void(double)>& visit) const;
  /// Calls `visit` with each arm's mean of those values of `outcome` (an arm without any is left
  /// out), in arm order, each the sum in replicate order over the count; reads one run at a time.
  /// `visit` must not use this database.
  void visit_arm_means(const std::string& outcome, int replicates,
                       const std::function<void(const std::string& arm, double mean)>& visit) const;
  /// Those values of `outcome` sorted ascending (descending `from_largest`), from position
  /// `first` on, at most `count`: order statistics holding only the first + count values nearest
  /// that end, not every value.
  std::vector<double> outcome_order_statistics(const std::string& outcome, int replicates,
                                               std::size_t first, std::size_t count,
                                               bool from_largest = false) const;
  /// Of each arm's runs of replicates [0, `replicates`) that have results, in arm order: how
  /// many, how many have a stored value of target `name` (a NULL, the statistic undefined in the
  /// run, included), and how many of those lie in [low, high]. Reads the database an arm at a time;
  /// what the caller keeps is all that grows with the arms.
  struct TargetCount {
    std::string arm;
    std::size_t runs = 0;
    std::size_t known = 0;
    std::size_t in_range = 0;
  };
  /// With `given`, only the runs whose outcome `given->column` lies in [given->low,
  /// given->high] count (a NULL outcome is outside).
  struct OutcomeCondition {
    std::string column;
    double low = 0.0, high = 0.0;
  };
  /// The runs a count reads: replicates [first_replicate, end_replicate) of the arms whose names
  /// lie in [first_arm, last_arm], or of every arm where last_arm is empty.
  struct RunSelection {
    int first_replicate = 0;
    int end_replicate = 0;
    std::string first_arm = {}, last_arm = {};
  };
  void visit_target_counts(const std::string& name, double low, double high, int replicates,
                           const std::optional<OutcomeCondition>& given,
                           const std::function<void(const TargetCount&)>& visit) const;
  /// The stored values of target `name` of each arm's runs in `runs` that have results (and meet
  /// `given`), arm by arm in arm order, each arm's in replicate order: NaN where the value is
  /// NULL (the statistic undefined in the run) or not stored. Holds one arm's values at a time.
  void visit_target_values(
      const std::string& name, const RunSelection& runs,
      const std::optional<OutcomeCondition>& given,
      const std::function<void(const std::string& arm, const std::vector<double>& values)>& visit)
      const;
  /// National metrics over ticks for every run, ordered by (arm, replicate), read in one pass
  /// over the series whatever their number. Throws StoreError for a name that is not a metric.
  std::vector<RunSeries> series_values(const std::vector<std::string>& metrics) const;
  /// Reads one run back whole; throws StoreError if it is not stored.
  RunRecord read_run(const std::string& arm, int replicate) const;

  /// The schema this database was opened with.
  const Schema& schema() const;
  /// The database file.
  const std::filesystem::path& path() const;

 private:
  struct Impl;
  explicit ResultsDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// The manifest (`manifest_json`) of the results database at `path`, opened read-only; throws
/// StoreError (66) when there is none there.
nlohmann::json read_manifest(const std::filesystem::path& path);

/// Whether the file at `path`, opened read-only, is a results database whose making was cut short
/// before it held anything: a file without tables, or one with the store's tables but no
/// manifest (written before any run) and no run, as a process killed while it opened a new
/// database leaves it. False for any other file, a SQLite database of other tables included.
bool never_written(const std::filesystem::path& path);

/// What a results database was written with: its schema, scenario name and fingerprint (the
/// inputs that resuming compares), and its manifest.
// clang-tidy 14 flags the implicit members of this plain aggregate of a Schema, a string and two
// JSON values, none of them declared noexcept:
// NOLINTNEXTLINE(bugprone-exception-escape)
struct StoredInputs {
  Schema schema;
  std::string scenario_name;
  nlohmann::json fingerprint;
  nlohmann::json manifest;
};

/// The inputs of the results database at `path`, opened read-only; StoreError (66) when there is
/// no policysim results database there.
StoredInputs read_stored_inputs(const std::filesystem::path& path);

/// One line per part of two fingerprints that differs ("\n  seed: 11 there, 12 now"), `stored`
/// being "there" and `now` "now".
std::string fingerprint_difference(const nlohmann::json& stored, const nlohmann::json& now);

/// The seed as stored in `runs.seed`: the unsigned decimal text, lossless in every reader.
std::string seed_to_text(std::uint64_t seed);
/// Parses `runs.seed` back; throws StoreError on anything but an unsigned 64-bit decimal.
std::uint64_t seed_from_text(const std::string& text);

}  // namespace policysim::store
