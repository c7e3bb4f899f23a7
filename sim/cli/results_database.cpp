#include "sim/cli/results_database.hpp"

namespace policysim::cli {

std::optional<std::filesystem::path> find_results_database(const std::filesystem::path& given,
                                                           std::ostream& err) {
  std::error_code ec;
  auto database = given;
  if (std::filesystem::is_directory(database, ec)) database /= "results.sqlite";
  if (std::filesystem::is_regular_file(database, ec)) return database;
  err << "policysim: no results database at " << database.string()
      << (std::filesystem::exists(database, ec) ? " (not a regular file)" : " (no such file)")
      << "; give a folder written by `policysim run`, or its results.sqlite\n";
  return std::nullopt;
}

}  // namespace policysim::cli
