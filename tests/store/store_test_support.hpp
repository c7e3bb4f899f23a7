#pragma once
// Shared fixtures of the store tests: a self-removing temporary folder and sample runs.

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "sim/core/temporary_folder.hpp"
#include "sim/store/results_database.hpp"

namespace policysim::store::testing {

/// Each store test's own folder, removed when the test ends.
struct TempDir : core::TemporaryFolder {
  TempDir() : core::TemporaryFolder("store") {}
};

inline constexpr double kMissingValue = std::numeric_limits<double>::quiet_NaN();

/// A schema with a SQL keyword among its names, to show that quoting works.
inline Schema sample_schema() {
  return Schema{{"beta_resist", "order"},
                {"year_law_passed", "final_share"},
                {"share_reformed", "ngo_count", "exposure"},
                {"adopted", "pressure"}};
}

inline const std::vector<std::string> kRegionCodes = {"MOW", "SPE", "TA"};

/// Writes the three sample regions.
inline void write_sample_regions(ResultsDatabase& db) {
  db.write_regions(kRegionCodes, {"Moscow", "Saint Petersburg", "Tatarstan"},
                   {"Central", "Northwestern", "Volga"});
}

/// A run whose every value is distinct and awkward (fractions without short decimal forms, NaN).
inline RunRecord sample_run(const std::string& arm, int replicate, std::uint64_t seed,
                            std::size_t ticks = 8, std::size_t regions = 3) {
  const Schema schema = sample_schema();
  RunRecord run;
  run.arm = arm;
  run.replicate = replicate;
  run.seed = seed;
  run.status = "ok";
  run.wall_seconds = 0.125 + replicate / 3.0;
  run.parameters = {0.1 * replicate + 1.0 / 7.0, -2.5e-300};
  run.outcomes = {kMissingValue, 1.0 / 3.0 + replicate};  // NaN: the law never passed
  const int first_year = 1997;
  for (std::size_t tick = 0; tick < ticks; ++tick) {
    run.quarters.push_back(std::to_string(first_year + static_cast<int>(tick / 4)) + "Q" +
                           std::to_string(tick % 4 + 1));
    for (std::size_t m = 0; m < schema.series_metrics.size(); ++m) {
      run.series.push_back(tick == 2 && m == 1 ? kMissingValue
                                               : std::sqrt(2.0) * static_cast<double>(tick) +
                                                     static_cast<double>(m) / 9.0 + replicate);
    }
    for (std::size_t r = 0; r < regions; ++r) {
      for (std::size_t m = 0; m < schema.region_metrics.size(); ++m) {
        run.region_series.push_back(r == 1 && m == 0 && tick < 3
                                        ? kMissingValue
                                        : static_cast<double>(tick * 100 + r * 10 + m) / 7.0);
      }
    }
  }
  run.events = {{1, "law_passed", 2, "article 127.1, \"trafficking\"\nsecond line"},
                {3, "ngo_closed", -1, ""},
                {3, "donor_exit", 0, "funding, cut"}};
  return run;
}

/// Equal as stored values: NaN equals NaN, everything else bit for bit.
inline bool same_value(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

inline bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_value(a[i], b[i])) return false;
  }
  return true;
}

/// The whole content of a file.
inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace policysim::store::testing
