#pragma once
// `policysim reproduce`: what a results database was made by, read from its manifest alone, to
// make its runs again into another folder.

#include <filesystem>
#include <variant>

#include "sim/runner/comparison.hpp"
#include "sim/runner/experiment.hpp"

namespace policysim::runner {

/// The command that wrote a database, with the options that make the same runs again: those of
/// `policysim run`, or those of `policysim compare` (its arms, reference, replicates per arm and
/// bootstrap resamples).
using RemakeOptions = std::variant<ExperimentOptions, CompareOptions>;

/// The options that make the runs of the database `results` (a folder or its results.sqlite)
/// again into `out_dir`, from its manifest alone: its resolved scenario and data files are
/// written to `out_dir`/inputs/, and its seed, replications and per-region switch are taken. A
/// comparison made adaptively is remade at the replicates per arm its table was computed from.
/// Throws StoreError when the manifest cannot do it (written by an older policysim, or by
/// `policysim sweep`, whose points it does not remake).
RemakeOptions options_from_manifest(const std::filesystem::path& results,
                                    const std::filesystem::path& out_dir);

}  // namespace policysim::runner
