// `policysim report RESULTS`: the HTML report, written by the Python package in analysis/.

#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/path_checks.hpp"
#include "sim/runner/build_info.hpp"

extern char** environ;

namespace policysim::cli {
namespace {

// The analysis package lives in the source tree; POLICYSIM_HOME points elsewhere if it moved.
std::filesystem::path project_root() {
  if (const char* home = std::getenv("POLICYSIM_HOME")) return home;
  return POLICYSIM_SOURCE_DIR;
}

int run_python_report(const std::filesystem::path& results, const std::string& output) {
  const auto root = project_root();
  if (!std::filesystem::is_directory(root / "analysis")) {
    std::cerr << "policysim: the analysis package is not at " << (root / "analysis").string()
              << "; set POLICYSIM_HOME to the policysim source directory\n";
    return kMissingInput;
  }
  // Debian's python3 carries pandas and matplotlib; another python3 on PATH may not.
  std::vector<std::string> args = {"/usr/bin/python3", "-m", "analysis.report", results.string()};
  if (!output.empty()) args.insert(args.end(), {"-o", output});
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  const std::string existing = std::getenv("PYTHONPATH") ? std::getenv("PYTHONPATH") : "";
  setenv("PYTHONPATH", (root.string() + (existing.empty() ? "" : ":" + existing)).c_str(), 1);
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
    std::cerr << "policysim: cannot start /usr/bin/python3; run scripts/install-deps.sh\n";
    return kMissingInput;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return kOk;
  return WIFEXITED(status) ? WEXITSTATUS(status) : kInternal;
}

}  // namespace

void add_report_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "report", "Write the HTML report (figures, summary, targets) of a results database");
  auto results = std::make_shared<std::filesystem::path>();
  auto output = std::make_shared<std::string>();
  command->add_option("results", *results, "Results directory or results.sqlite")
      ->required()
      ->check(CLI::ExistingPath);
  command->add_option("-o,--out", *output, "Report file (default: report.html beside the results)")
      ->check(non_empty_path());
  command->callback([&action, results, output] {
    action = [results, output] { return run_python_report(*results, *output); };
  });
}

}  // namespace policysim::cli
