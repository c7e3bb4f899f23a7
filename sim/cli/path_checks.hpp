#pragma once
// Checks of path options. An empty path ("-o ''") would put the results in the current folder
// under a default name, which nobody asks for on purpose.

#include <CLI/CLI.hpp>

namespace policysim::cli {

/// A path that is not empty.
CLI::Validator non_empty_path();

}  // namespace policysim::cli
