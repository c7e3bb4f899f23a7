#pragma once
// `policysim merge OUT SHARD...`: the runs of several results databases of one experiment (the
// shards of a sweep, run apart with --shard i/N) joined into one. Only databases made from the
// same inputs (the same fingerprint: scenario, data, seed, design) are joined; a run already in
// OUT is never added again, so merging a shard twice adds nothing.

#include <cstddef>
#include <filesystem>
#include <vector>

#include "sim/store/results_database.hpp"

namespace policysim::store {

/// What a merge did.
struct MergeCount {
  std::size_t runs_added = 0;    ///< runs copied into OUT
  std::size_t runs_present = 0;  ///< runs of the shards that OUT held already
  bool sweep = false;            ///< OUT holds a sweep's design (the shards are a sweep's)
};

/// Copies into the results database `out` (created if absent, with the first shard's manifest)
/// every run of each of `shards` that it lacks, whole: its row of `runs`, its series, region
/// series and events, each shard in one transaction; and the shards' regions, `design` and
/// `column_meanings`. Takes OUT's folder lock. Throws StoreError: 66 for a shard that is not a
/// results database, 73 for a shard made from other inputs than the first (naming the parts that
/// differ), or an OUT holding runs of other inputs.
MergeCount merge_results(const std::filesystem::path& out,
                         const std::vector<std::filesystem::path>& shards);

/// The same copy into a results database this process has open (and so holds the lock of), for
/// the databases the ranks of an MPI sweep write: each shard must have been made from `out`'s
/// inputs (StoreError 73 otherwise, nothing copied); `out`'s manifest is left as it is.
MergeCount merge_into_open(ResultsDatabase& out, const std::vector<std::filesystem::path>& shards);

}  // namespace policysim::store
