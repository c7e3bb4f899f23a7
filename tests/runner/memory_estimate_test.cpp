#include "sim/runner/memory_estimate.hpp"

#include <catch2/catch.hpp>

#include "sim/runner/usage_error.hpp"

using namespace policysim::runner;
using Catch::Matchers::Contains;

TEST_CASE("the memory estimate adds the country, the models and the runs' regional series",
          "[runner][memory]") {
  // 10^6 regions, 8 neighbours: 150 + 32 bytes a region for the country, 350 + 32 a model;
  // 4 quarters of 10 regional metrics are 320 bytes a region and run.
  const MemoryEstimate one = estimate_memory(1000000, 8.0, 4, 1, 100, 1, false);
  CHECK(one.country_bytes == 182000000);
  CHECK(one.model_bytes == 382000000);
  CHECK(one.models == 1);
  CHECK(one.region_series_bytes == 0);
  CHECK(one.total_bytes() == 564000000);

  // Two threads and three arms: a model for each thread and arm; two runs at a time. In all
  // 182 + 6 x 382 + 2 x 320 MB.
  const MemoryEstimate arms = estimate_memory(1000000, 8.0, 4, 3, 300, 2, true);
  CHECK(arms.models == 6);
  CHECK(arms.runs_at_once == 2);
  CHECK(arms.region_series_bytes == 320000000);
  CHECK(arms.total_bytes() == 182000000 + 6 * 382000000ULL + 2 * 320000000ULL);

  // Never more models or runs at a time than runs: three runs on eight threads.
  const MemoryEstimate few = estimate_memory(1000000, 8.0, 4, 3, 3, 8, true);
  CHECK(few.models == 3);
  CHECK(few.runs_at_once == 3);
}

TEST_CASE("work larger than the memory is refused with what takes it and what to change",
          "[runner][memory]") {
  const MemoryEstimate estimate = estimate_memory(1000000, 8.0, 4, 2, 20, 2, true);
  CHECK_NOTHROW(require_memory(estimate, estimate.total_bytes()));
  CHECK_THROWS_AS(require_memory(estimate, estimate.total_bytes() - 1), UsageError);
  CHECK_THROWS_WITH(
      require_memory(estimate, std::size_t{1} << 30),
      Contains("needs about 2.2 GiB of memory, more than the 1.0 GiB") &&
          Contains("the 1000000 regions take about 174 MiB") &&
          Contains("each of the 4 models (one for each worker thread and arm) about "
                   "365 MiB") &&
          Contains("each of the 2 runs at a time keeps its regional series") &&
          Contains("Use fewer threads (-j), fewer arms, fewer regions, no --regions"));
  const MemoryEstimate single = estimate_memory(1000000, 8.0, 4, 1, 1, 1, false);
  CHECK_THROWS_WITH(require_memory(single, 1000),
                    Contains("and the model about 365 MiB. Use fewer threads"));
}

TEST_CASE("byte counts read as MiB or GiB", "[runner][memory]") {
  CHECK(format_bytes(0) == "0 MiB");
  CHECK(format_bytes(1) == "1 MiB");
  CHECK(format_bytes(512 * 1048576ULL) == "512 MiB");
  CHECK(format_bytes(3 * 1073741824ULL / 2) == "1.5 GiB");
}

TEST_CASE("this machine's memory limit and available memory can be read", "[runner][memory]") {
  const auto limit = memory_limit_bytes();
  const auto available = memory_available_bytes();
  REQUIRE(limit);
  REQUIRE(available);
  CHECK(*limit >= (std::size_t{64} << 20));
  CHECK(*available > 0);
}
