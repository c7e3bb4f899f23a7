// `policysim export RESULTS`: the tables of a results database as CSV, all or those named.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/path_checks.hpp"
#include "sim/cli/results_database.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/store/csv_export.hpp"
#include "sim/store/sqlite_db.hpp"

namespace policysim::cli {
namespace {

struct ExportOptions {
  std::filesystem::path results;
  std::filesystem::path out_dir;
  bool gzip = false;
  bool overwrite = false;
  std::vector<std::string> tables;  ///< empty: every table
};

/// Accepts a table that export writes; otherwise names the closest one and all of them.
CLI::Validator export_table() {
  return CLI::Validator(
      [](const std::string& name) -> std::string {
        const auto names = store::export_table_names();
        if (std::find(names.begin(), names.end(), name) != names.end()) return {};
        return scenario::unknown_name_message("table", name, names, "tables");
      },
      "TABLE");
}

// What an export of an unfinished database must say, or "": the manifest's `complete` is false
// from the moment `run` or `compare` starts its runs until it has written their targets or
// comparisons, so a command that was interrupted, killed or is still running left it false.
std::string unfinished_note(const std::filesystem::path& database) {
  store::sqlite::Database db(database, store::sqlite::Database::Mode::read_only);
  if (!db.has_table("manifest")) return {};
  const auto manifest_value = [&db](const char* key) {
    store::sqlite::Statement query(db, "SELECT value FROM manifest WHERE key = ?");
    query.bind(1, key);
    return query.step() ? query.column_text(0) : std::string();
  };
  if (manifest_value("complete") != "false") return {};
  const std::string signal = manifest_value("interrupted_by");
  const std::string how =
      signal.empty() ? "was not finished (its command was stopped, or is "
                       "still running)"
                     : "was interrupted by " + signal + " at " + manifest_value("interrupted_at");
  return "policysim: note: " + database.string() + " " + how +
         " before all its runs were stored: the runs it holds are exported, but its targets and "
         "comparisons are not yet computed (targets.csv, comparisons.csv are empty or from an "
         "earlier command). To finish it, rerun the same `policysim run` or `policysim compare` "
         "command, then export again.";
}

int export_results(const ExportOptions& options) {
  const auto found = find_results_database(options.results, std::cerr);
  if (!found) return core::kMissingInput;
  const auto& database = *found;
  const auto out_dir = options.out_dir.empty() ? database.parent_path() / "csv" : options.out_dir;
  const auto files =
      store::export_csv(database, out_dir, options.gzip, options.overwrite, options.tables);
  for (const auto& file : files) std::cout << file.string() << '\n';
  if (const std::string note = unfinished_note(database); !note.empty()) std::cerr << note << '\n';
  return core::kOk;
}

}  // namespace

void add_export_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand("export", "Write the tables of a results database as CSV");
  auto options = std::make_shared<ExportOptions>();
  command->add_option("results", options->results, "Results directory or results.sqlite")
      ->required();
  command
      ->add_option("-o,--out", options->out_dir,
                   "Directory for the CSV files (default: csv/ beside the database)")
      ->check(non_empty_path());
  command->add_flag("--gzip", options->gzip, "Write .csv.gz");
  command->add_flag("--overwrite", options->overwrite, "Replace CSV files that exist");
  command
      ->add_option("--tables", options->tables,
                   "Comma-separated tables to write (default: all): " +
                       scenario::join_names(store::export_table_names()))
      ->delimiter(',')
      ->check(export_table());
  command->callback(
      [&action, options] { action = [options] { return export_results(*options); }; });
}

}  // namespace policysim::cli
