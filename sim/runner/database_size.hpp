#pragma once
// How large a results database will grow, said before the runs start: with --regions, every run
// stores a row per region and quarter, which for hundreds of runs is hundreds of megabytes.

#include <cstddef>
#include <string>

namespace policysim::runner {

/// What the results database will hold.
struct DatabaseShape {
  std::size_t runs = 0;
  std::size_t ticks = 0;
  std::size_t regions = 0;
  bool region_series = false;
};

/// An upper bound on the bytes of one stored row of `integers` small integers (below 32768),
/// `text_bytes` bytes of text and `reals` doubles: SQLite's record header (one byte, plus one per
/// column), its cell (pointer and size, four bytes), two bytes per integer and eight per double
/// (SQLite stores a whole-valued double in fewer, so real rows are often smaller).
std::size_t row_bytes_bound(std::size_t integers, std::size_t text_bytes, std::size_t reals);

/// An upper bound on the bytes the runs add to the database: their `runs` rows, their national
/// `series` (one row per quarter) and, with region series, one row per quarter and region.
std::size_t database_bytes_bound(const DatabaseShape& shape);

/// "database: up to about 162 MiB (runs x quarters x regions = 400 x 64 x 83 rows of region
/// series)", or without the part in parentheses when region series are not stored.
std::string database_size_line(const DatabaseShape& shape);

}  // namespace policysim::runner
