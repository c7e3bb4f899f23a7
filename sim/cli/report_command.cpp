// `policysim report RESULTS`: the HTML report, written by the Python package in analysis/. The
// options are passed through to `python3 -m analysis.report`, which checks them against the
// database.

#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/path_checks.hpp"
#include "sim/cli/results_database.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/build_info.hpp"

extern char** environ;

namespace policysim::cli {
namespace {

// The analysis package lives in the source tree; POLICYSIM_HOME points elsewhere if it moved.
std::filesystem::path project_root() {
  if (const char* home = std::getenv("POLICYSIM_HOME")) return home;
  return POLICYSIM_SOURCE_DIR;
}

// What `policysim report` hands to the analysis package; empty strings are left out.
struct ReportOptions {
  std::filesystem::path results;
  std::string output;
  std::string figures_dir;
  std::string arms;
  std::string reference;
  std::optional<int> map_year;
  bool fixed_scales = false;
};

std::vector<std::string> python_arguments(const ReportOptions& options) {
  std::vector<std::string> args = {"/usr/bin/python3", "-m", "analysis.report",
                                   options.results.string()};
  const auto add = [&args](const char* flag, const std::string& value) {
    if (!value.empty()) args.insert(args.end(), {flag, value});
  };
  add("-o", options.output);
  add("--figures", options.figures_dir);
  add("--arms", options.arms);
  add("--reference", options.reference);
  if (options.map_year) add("--map-year", std::to_string(*options.map_year));
  if (options.fixed_scales) args.emplace_back("--fixed-scales");
  return args;
}

int run_python_report(const ReportOptions& options) {
  const auto root = project_root();
  if (!std::filesystem::is_directory(root / "analysis")) {
    std::cerr << "policysim: the analysis package is not at " << (root / "analysis").string()
              << "; set POLICYSIM_HOME to the policysim source directory\n";
    return core::kMissingInput;
  }
  // Debian's python3 carries pandas and matplotlib; another python3 on PATH may not.
  std::vector<std::string> args = python_arguments(options);
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const std::string existing = std::getenv("PYTHONPATH") ? std::getenv("PYTHONPATH") : "";
  setenv("PYTHONPATH", (root.string() + (existing.empty() ? "" : ":" + existing)).c_str(), 1);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "policysim: cannot start /usr/bin/python3; run scripts/install-deps.sh\n";
    return core::kMissingInput;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return core::kOk;
  return WIFEXITED(status) ? WEXITSTATUS(status) : core::kInternal;
}

}  // namespace

void add_report_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "report", "Write the HTML report (figures, summary, targets) of a results database");
  auto options = std::make_shared<ReportOptions>();
  // Checked when the command runs, not by CLI11: a missing database is missing input (66).
  command->add_option("results", options->results, "Results directory or results.sqlite")
      ->required();
  command
      ->add_option("-o,--out", options->output,
                   "Report file (default: report.html beside the results)")
      ->check(non_empty_path());
  command
      ->add_option("--figures", options->figures_dir,
                   "Also save every figure as PNG (300 dpi) and SVG in this folder")
      ->check(non_empty_path());
  command->add_option("--map-year", options->map_year,
                      "Year whose last quarter the maps show (default: the run's last quarter)");
  command->add_option("--arms", options->arms, "Comma-separated arms to map (default: all)");
  command->add_option("--reference", options->reference,
                      "Arm the difference maps subtract (default: the comparisons' reference)");
  command->add_flag("--fixed-scales", options->fixed_scales,
                    "Levels on 0-1 (adoption on 0-100 %) instead of scales fitted to the data");
  command->callback([&action, options] {
    action = [options] {
      const auto database = find_results_database(options->results, std::cerr);
      if (!database) return static_cast<int>(core::kMissingInput);
      auto found = *options;
      found.results = *database;
      return run_python_report(found);
    };
  });
}

}  // namespace policysim::cli
