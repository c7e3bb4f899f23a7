// `policysim merge OUT SHARD...`: the shards of a sweep (`sweep --shard i/N`), each a results
// folder, joined into one.

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/path_checks.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/store/results_merge.hpp"

namespace policysim::cli {
namespace {

/// A results folder's database, or the database file itself.
std::filesystem::path database_of(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error) ? path / "results.sqlite" : path;
}

}  // namespace

void add_merge_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "merge", "Join the results of a sweep's shards (sweep --shard i/N) into one folder");
  auto out = std::make_shared<std::filesystem::path>();
  auto shards = std::make_shared<std::vector<std::filesystem::path>>();
  command->add_option("out", *out, "The folder to merge into (created if absent)")
      ->required()
      ->check(non_empty_path())
      ->check(CLI::Validator(
          [](const std::string& path) -> std::string {
            std::error_code error;
            if (!std::filesystem::is_regular_file(path, error)) return {};
            return path + " is a file: OUT is the folder to merge into (its results.sqlite is " +
                   "written there); name a folder, new or a results folder";
          },
          "FOLDER"));
  command->add_option("shards", *shards, "The shards' results folders (or their results.sqlite)")
      ->required();
  command->callback([&action, out, shards] {
    action = [out, shards]() -> int {
      std::vector<std::filesystem::path> databases;
      for (const auto& shard : *shards) databases.push_back(database_of(shard));
      const auto target = *out / "results.sqlite";
      const auto count = store::merge_results(target, databases);
      std::cout << "merged " << shards->size() << (shards->size() == 1 ? " shard" : " shards")
                << " into " << target.string() << ": " << count.runs_added << " runs added, "
                << count.runs_present << " already there\n";
      if (count.sweep) {
        std::cout << "run the same `policysim sweep FILE` with -o " << out->string()
                  << " to summarise them (it reuses every run and runs any that are missing)\n";
      }
      return core::kOk;
    };
  });
}

}  // namespace policysim::cli
