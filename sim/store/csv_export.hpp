#pragma once
// `policysim export`: the tables of a results database as CSV files, for those who want files.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace policysim::store {

/// The tables export_csv writes, in the order it writes them.
std::vector<std::string> export_table_names();

/// Writes every table of `database` to `out_dir`/<table>.csv (or .csv.gz when `gzip`): a header
/// row, RFC 4180 quoting, NULL as an empty field, doubles in shortest round-trip form. Refuses
/// (StoreError, nothing written) when a target file exists, unless `overwrite`. `only`, when not
/// empty, names the tables to write (names from export_table_names(); one the database lacks is
/// a StoreError, missing input). Returns the files written.
std::vector<std::filesystem::path> export_csv(const std::filesystem::path& database,
                                              const std::filesystem::path& out_dir, bool gzip,
                                              bool overwrite = false,
                                              std::span<const std::string> only = {});

}  // namespace policysim::store
