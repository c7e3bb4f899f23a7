#pragma once
// The results database named on a command line (`export`, `report`): the folder written by
// `policysim run`, or the results.sqlite inside it.

#include <filesystem>
#include <optional>
#include <ostream>

namespace policysim::cli {

/// The database file for `given`; when there is none, says so on `err` (naming the path and what
/// to give instead) and returns nothing, for the caller to exit with core::kMissingInput.
std::optional<std::filesystem::path> find_results_database(const std::filesystem::path& given,
                                                           std::ostream& err);

}  // namespace policysim::cli
