#include "sim/store/region_snapshot.hpp"

#include <limits>

#include "sim/store/sqlite_db.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::store {

std::vector<RegionSnapshot> read_region_snapshots(const std::filesystem::path& database, int tick,
                                                  const std::vector<std::string>& metrics,
                                                  std::size_t regions, int replicates) {
  sqlite::Database db(database, sqlite::Database::Mode::read_only);
  std::vector<RegionSnapshot> snapshots;
  if (!db.has_table("region_series")) return snapshots;
  std::string sql = "SELECT r.arm, r.replicate, s.region";
  for (const auto& metric : metrics) sql.append(", s.\"").append(metric).append("\"");
  sql +=
      " FROM region_series s JOIN runs r ON r.run_id = s.run_id WHERE s.tick = ? AND "
      "r.status = 'ok' AND r.replicate >= 0 AND r.replicate < ? ORDER BY r.arm, r.replicate, "
      "s.region";
  auto select = db.prepare(sql);
  select.bind(1, tick);
  select.bind(2, replicates);
  const std::size_t width = metrics.size();
  while (select.step()) {
    const std::string arm = select.column_text(0);
    const int replicate = static_cast<int>(select.column_int64(1));
    if (snapshots.empty() || snapshots.back().arm != arm ||
        snapshots.back().replicate != replicate) {
      snapshots.push_back(
          {arm, replicate,
           std::vector<double>(regions * width, std::numeric_limits<double>::quiet_NaN())});
    }
    const std::int64_t region = select.column_int64(2);
    if (region < 0 || static_cast<std::size_t>(region) >= regions) {
      throw StoreError(database.string() + ": region_series names region " +
                           std::to_string(region) + ", outside the " + std::to_string(regions) +
                           " regions of the run",
                       StoreError::internal_error);
    }
    for (std::size_t m = 0; m < width; ++m) {
      snapshots.back().values[static_cast<std::size_t>(region) * width + m] =
          select.column_double(static_cast<int>(3 + m));
    }
  }
  return snapshots;
}

}  // namespace policysim::store
