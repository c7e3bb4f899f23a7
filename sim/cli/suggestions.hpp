#pragma once
// Mistyped subcommands and options, named with the closest valid one. CLI11 (2.1) reports an
// unknown option only as "arguments were not expected" and an unknown subcommand as "a
// subcommand is required" (or, with --help after it, prints the main help and succeeds), so the
// words are found here and matched with scenario/did_you_mean, which the scenario reader uses.

#include <CLI/CLI.hpp>

#include <string>

namespace policysim::cli {

/// "unknown subcommand `rn`; did you mean `run`? valid subcommands: run, compare, ..." when the
/// first argument is neither an option nor one of `app`'s subcommands; "" otherwise.
std::string unknown_subcommand_message(const CLI::App& app, int argc, const char* const* argv);

/// After an ExtrasError: "unknown option `--rep` for `policysim run`; did you mean `--reps`?
/// valid options: ..." for each unknown option of the subcommand parsed; "" when no extra
/// argument looks like an option.
std::string unknown_option_message(CLI::App& app);

}  // namespace policysim::cli
