#include "sim/runner/memory_estimate.hpp"

#include <catch2/catch.hpp>

#include "sim/runner/usage_error.hpp"

using namespace policysim::runner;
using Catch::Matchers::Contains;

namespace {

// The NGOs of the default count at 10^6 regions, about two a region.
const ModelContents kTwoNgosARegion{.ngos = 2e6};

// An intervention with `instrument` on targets of `kind` (`count` of them for random ones, the
// first region for a list).
policysim::model::Intervention intervention(policysim::model::Instrument instrument,
                                            policysim::model::TargetedRegions::Kind kind,
                                            std::uint32_t count = 0) {
  policysim::model::Intervention result;
  result.instrument = instrument;
  result.targets.kind = kind;
  result.targets.count = count;
  if (kind == policysim::model::TargetedRegions::Kind::regions) result.targets.regions = {0};
  return result;
}

}  // namespace

TEST_CASE("the memory estimate adds the country, the models and the runs' regional series",
          "[runner][memory]") {
  // 10^6 regions, 8 neighbours: 150 + 32 bytes a region for the country, 256 + 32 a model and
  // 46 an NGO; 4 quarters of 10 regional metrics are 320 bytes a region and run; the summary
  // keeps 1100 bytes of each of the 100 runs.
  const MemoryEstimate one = estimate_memory(1000000, 8.0, kTwoNgosARegion, 4, 1, 100, 0, 1, false);
  CHECK(one.country_bytes == 182000000);
  CHECK(one.model_bytes == 288000000 + 92000000);
  CHECK(one.models == 1);
  CHECK(one.region_series_bytes == 0);
  CHECK(one.runs == 100);
  CHECK(one.total_bytes() == 562000000 + 110000);

  // Two threads and three arms: a model for each thread and arm; two runs at a time. In all
  // 182 + 6 x 380 + 2 x 320 MB, and 300 kept runs of 1100 bytes.
  const MemoryEstimate arms = estimate_memory(1000000, 8.0, kTwoNgosARegion, 4, 3, 300, 0, 2, true);
  CHECK(arms.models == 6);
  CHECK(arms.runs_at_once == 2);
  CHECK(arms.region_series_bytes == 320000000);
  CHECK(arms.total_bytes() == 182000000 + 6 * 380000000ULL + 2 * 320000000ULL + 330000);

  // Never more models or runs at a time than runs: three runs on eight threads.
  const MemoryEstimate few = estimate_memory(1000000, 8.0, kTwoNgosARegion, 4, 3, 3, 0, 8, true);
  CHECK(few.models == 3);
  CHECK(few.runs_at_once == 3);

  // Targets cost 8 bytes and NGO-tie links 52 each in every model.
  const MemoryEstimate ties = estimate_memory(
      1000000, 8.0, {.ngos = 2e6, .targets = 1e6, .tie_links = 4e6}, 4, 1, 1, 0, 1, false);
  CHECK(ties.model_bytes == 380000000 + 8000000 + 208000000);
}

TEST_CASE("a model's NGOs, targets and NGO-tie links follow its parameters and interventions",
          "[runner][memory]") {
  using policysim::model::Instrument;
  using Kind = policysim::model::TargetedRegions::Kind;
  policysim::model::Config config;
  // By default 1 + round(2 x) NGOs, x = 1 or 0.4: at most 3 a region.
  const policysim::model::Config* const one[] = {&config};
  ModelContents contents = model_contents(one, 1000, 10);
  CHECK(contents.ngos == 3000);
  CHECK(contents.targets == 0);
  CHECK(contents.tie_links == 0);

  // 40 more a region, two named ones; four links to other targets (the default) for each target
  // of a conference or an exchange, none for training; a district at its mean size, 100.
  config.params.ngo_count_base = 41;
  config.named_ngos.resize(2);
  config.interventions = {
      intervention(Instrument::conference, Kind::all),
      intervention(Instrument::exchange, Kind::random, 20),
      intervention(Instrument::exchange, Kind::district),
      intervention(Instrument::training, Kind::all),
      intervention(Instrument::conference, Kind::regions),
  };
  contents = model_contents(one, 1000, 10);
  CHECK(contents.ngos == 43 * 1000 + 2);
  CHECK(contents.targets == 1000 + 20 + 100 + 1000 + 1);
  CHECK(contents.tie_links == 4 * (1000 + 20 + 100));  // one target has no other to link to
  // Without the district count a district may be the whole country.
  CHECK(model_contents(one, 1000, 0).targets == 1000 + 20 + 1000 + 1000 + 1);

  // No default NGOs: the named ones alone. Of several arms, the most of each.
  policysim::model::Config named = config;
  named.default_ngos = false;
  named.params.ngo_links_per_target = 30;
  named.interventions = {intervention(Instrument::national_assembly, Kind::all)};
  const policysim::model::Config* const both[] = {&config, &named};
  const policysim::model::Config* const only_named[] = {&named};
  CHECK(model_contents(only_named, 1000, 10).ngos == 2);
  contents = model_contents(both, 1000, 10);
  CHECK(contents.ngos == 43 * 1000 + 2);
  CHECK(contents.targets == 1000 + 20 + 100 + 1000 + 1);
  CHECK(contents.tie_links == 30 * 1000);
}

TEST_CASE("every replication counts what the summary keeps of it, and each target's value",
          "[runner][memory]") {
  // A 2-region scenario, one model: the regions are a few hundred bytes, the 100000 runs with
  // two targets each keep 1100 + 2 x 110 bytes, 132 MB in all: more than a 100 MiB limit.
  const MemoryEstimate tiny = estimate_memory(2, 2.0, {.ngos = 6}, 4, 1, 100000, 2, 1, false);
  CHECK(tiny.runs == 100000);
  CHECK(tiny.run_bytes == 1320);
  CHECK(tiny.total_bytes() == 2 * (150 + 8) + 2 * (256 + 8) + 6 * 46 + 132000000ULL);
  CHECK_THROWS_WITH(require_memory(tiny, std::size_t{100} << 20),
                    Contains("the summary keeps about 126 MiB for the 100000 runs") &&
                        Contains("fewer replications (--reps)"));
  // A compare of 3 arms keeps each arm's runs: 3 x 1000 of them.
  const MemoryEstimate arms = estimate_memory(2, 2.0, {.ngos = 6}, 4, 3, 3000, 0, 4, false);
  CHECK(arms.runs == 3000);
  CHECK(arms.runs * arms.run_bytes == 3300000);
}

TEST_CASE("work larger than the memory is refused with what takes it and what to change",
          "[runner][memory]") {
  const MemoryEstimate estimate =
      estimate_memory(1000000, 8.0, kTwoNgosARegion, 4, 2, 20, 0, 2, true);
  CHECK_NOTHROW(require_memory(estimate, estimate.total_bytes()));
  CHECK_THROWS_AS(require_memory(estimate, estimate.total_bytes() - 1), UsageError);
  CHECK_THROWS_WITH(
      require_memory(estimate, std::size_t{1} << 30),
      Contains("needs about 2.2 GiB of memory, more than the 1.0 GiB") &&
          Contains("the 1000000 regions take about 174 MiB") &&
          Contains("each of the 4 models (one for each worker thread and arm) about "
                   "363 MiB") &&
          Contains("each of the 2 runs at a time keeps its regional series") &&
          Contains(
              "Use fewer threads (-j), fewer arms, fewer regions, fewer replications (--reps), "
              "no --regions"));
  const MemoryEstimate single =
      estimate_memory(1000000, 8.0, kTwoNgosARegion, 4, 1, 1, 0, 1, false);
  CHECK_THROWS_WITH(require_memory(single, 1000),
                    Contains("and the model about 363 MiB. Use fewer threads"));

  // NGOs and links that outweigh the regions are named, with the parameters that set them:
  // 288 MB for the regions, 460 + 8 + 208 MB for the rest.
  const MemoryEstimate many_ngos = estimate_memory(
      1000000, 8.0, {.ngos = 1e7, .targets = 1e6, .tie_links = 4e6}, 4, 1, 1, 0, 1, false);
  CHECK_THROWS_WITH(require_memory(many_ngos, 1000),
                    Contains("and the model about 920 MiB, 645 MiB of it for its 10000000 NGOs, "
                             "1000000 intervention targets and 4000000 NGO-tie links "
                             "(ngo_count_base, ngo_count_per_exposure, ngo_links_per_target)"));
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
