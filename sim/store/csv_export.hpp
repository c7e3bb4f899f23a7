#pragma once
// `policysim export`: the tables of a results database as CSV files, for those who want files.

#include <filesystem>
#include <vector>

namespace policysim::store {

/// Writes every table of `database` to `out_dir`/<table>.csv (or .csv.gz when `gzip`): a header
/// row, RFC 4180 quoting, NULL as an empty field, doubles in shortest round-trip form. Refuses
/// (StoreError, nothing written) when a target file exists, unless `overwrite`. Returns the
/// files written.
std::vector<std::filesystem::path> export_csv(const std::filesystem::path& database,
                                              const std::filesystem::path& out_dir, bool gzip,
                                              bool overwrite = false);

}  // namespace policysim::store
