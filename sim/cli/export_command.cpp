// `policysim export RESULTS`: every table of a results database as CSV.

#include <filesystem>
#include <iostream>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/store/csv_export.hpp"

namespace policysim::cli {
namespace {

struct ExportOptions {
  std::filesystem::path results;
  std::filesystem::path out_dir;
  bool gzip = false;
  bool overwrite = false;
};

int export_results(const ExportOptions& options) {
  // Accept the experiment directory as well as the database file itself.
  auto database = options.results;
  if (std::filesystem::is_directory(database)) database /= "results.sqlite";
  if (!std::filesystem::is_regular_file(database)) {
    std::cerr << "policysim: no results database at " << database.string()
              << " (give a directory written by `policysim run`, or its results.sqlite)\n";
    return kMissingInput;
  }
  const auto out_dir = options.out_dir.empty() ? database.parent_path() / "csv" : options.out_dir;
  const auto files = store::export_csv(database, out_dir, options.gzip, options.overwrite);
  for (const auto& file : files) std::cout << file.string() << '\n';
  return kOk;
}

}  // namespace

void add_export_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand("export", "Write the tables of a results database as CSV");
  auto options = std::make_shared<ExportOptions>();
  command->add_option("results", options->results, "Results directory or results.sqlite")
      ->required();
  command->add_option("-o,--out", options->out_dir,
                      "Directory for the CSV files (default: csv/ "
                      "beside the database)");
  command->add_flag("--gzip", options->gzip, "Write .csv.gz");
  command->add_flag("--overwrite", options->overwrite, "Replace CSV files that exist");
  command->callback(
      [&action, options] { action = [options] { return export_results(*options); }; });
}

}  // namespace policysim::cli
