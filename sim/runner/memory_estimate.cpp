#include "sim/runner/memory_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

#include "sim/model/agent_counts.hpp"
#include "sim/model/metrics.hpp"
#include "sim/runner/control_group.hpp"
#include "sim/runner/run_writer.hpp"
#include "sim/runner/usage_error.hpp"

namespace policysim::runner {
namespace {

// The costs of the memory check: bytes a region of the country and of each model (its neighbours
// and NGOs counted apart), a neighbour (an adjacency entry, half an undirected edge), an NGO, an
// NGO-tie link and a target (held twice while the lists are built), set from the peaks measured
// in bench/RESULTS.md ("Memory").
constexpr double kCountryBytesPerRegion = 150.0;
constexpr double kModelBytesPerRegion = 256.0;
constexpr double kBytesPerNeighbour = 4.0;
constexpr double kBytesPerNgo = 46.0;
constexpr double kBytesPerTieLink = 52.0;
constexpr double kBytesPerTarget = 8.0;
// What the summary keeps of every run once the runs are done (its row of `runs` read back with
// its outcomes, their copies for the summary's quantiles) and, per stylised-fact target, the
// run's statistic and its value row (bench/RESULTS.md, "Memory").
constexpr std::size_t kBytesPerKeptRun = 1100;
constexpr std::size_t kBytesPerKeptTargetValue = 110;

ModelContents contents_of(const model::Config& config, std::size_t regions, std::size_t districts) {
  const model::Params& p = config.params;
  ModelContents contents;
  if (config.default_ngos) {
    // Every region at the exposure that gives it more NGOs.
    const std::size_t most = std::max(model::default_ngo_count(p, p.exposure_high),
                                      model::default_ngo_count(p, p.exposure_low));
    contents.ngos = static_cast<double>(most) * static_cast<double>(regions);
  }
  contents.ngos += static_cast<double>(config.named_ngos.size());
  // A district at its mean size when the count of districts is known.
  const std::size_t district_regions =
      districts > 0 ? (regions + districts - 1) / districts : regions;
  for (const model::Intervention& intervention : config.interventions) {
    const std::size_t targets =
        model::most_targeted_regions(intervention.targets, regions, district_regions);
    contents.targets += static_cast<double>(targets);
    if (model::builds_ties(intervention.instrument)) {
      contents.tie_links += static_cast<double>(targets) *
                            static_cast<double>(model::tie_links_per_target(p, targets));
    }
  }
  return contents;
}

std::size_t bytes(double regions, double per_region) {
  return static_cast<std::size_t>(std::ceil(regions * per_region));
}

// A value of /proc/meminfo in bytes ("MemTotal:  24684092 kB").
std::optional<std::size_t> meminfo_bytes(const std::string& key) {
  std::ifstream file("/proc/meminfo");
  std::string line;
  while (std::getline(file, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::istringstream fields(line.substr(key.size() + 1));
    std::size_t kibibytes = 0;
    if (fields >> kibibytes) return kibibytes * 1024;
  }
  return std::nullopt;
}

}  // namespace

ModelContents model_contents(std::span<const model::Config* const> configs, std::size_t regions,
                             std::size_t districts) {
  ModelContents most;
  for (const model::Config* config : configs) {
    const ModelContents contents = contents_of(*config, regions, districts);
    most.ngos = std::max(most.ngos, contents.ngos);
    most.targets = std::max(most.targets, contents.targets);
    most.tie_links = std::max(most.tie_links, contents.tie_links);
  }
  return most;
}

MemoryEstimate estimate_memory(std::size_t regions, double mean_degree,
                               const ModelContents& contents, std::size_t ticks, std::size_t arms,
                               std::size_t jobs, std::size_t targets, int threads,
                               bool region_series) {
  MemoryEstimate estimate;
  estimate.regions = regions;
  const auto n = static_cast<double>(regions);
  const double neighbour_bytes = kBytesPerNeighbour * mean_degree;
  estimate.country_bytes = bytes(n, kCountryBytesPerRegion + neighbour_bytes);
  estimate.contents = contents;
  estimate.contents_bytes = bytes(contents.ngos, kBytesPerNgo) +
                            bytes(contents.targets, kBytesPerTarget) +
                            bytes(contents.tie_links, kBytesPerTieLink);
  estimate.model_bytes = bytes(n, kModelBytesPerRegion + neighbour_bytes) + estimate.contents_bytes;
  // A worker builds one Simulation per arm it runs, and there are never more than jobs.
  estimate.runs_at_once = std::min(static_cast<std::size_t>(std::max(threads, 1)), jobs);
  estimate.models = std::min(estimate.runs_at_once * arms, jobs);
  estimate.runs = jobs;
  estimate.run_bytes = kBytesPerKeptRun + targets * kBytesPerKeptTargetValue;
  if (region_series) {
    estimate.region_series_bytes =
        bytes(n, static_cast<double>(ticks * model::kRegionMetricNames.size() * sizeof(double)));
    // Each worker keeps a few finished runs, to write them in a batch.
    estimate.batched_bytes =
        batched_bytes_at_most(estimate.region_series_bytes, jobs, estimate.runs_at_once);
  }
  return estimate;
}

std::optional<std::size_t> memory_limit_bytes() {
  std::optional<std::size_t> limit = meminfo_bytes("MemTotal");
  if (const auto group = own_control_group_memory_limit()) {
    limit = limit ? std::min(*limit, *group) : group;
  }
  return limit;
}

std::optional<std::size_t> memory_available_bytes() { return meminfo_bytes("MemAvailable"); }

std::string memory_breakdown(const MemoryEstimate& estimate) {
  std::ostringstream text;
  text << "the " << estimate.regions << " regions take about "
       << format_bytes(estimate.country_bytes);
  if (estimate.models == 1) {
    text << ", and the model about ";
  } else {
    text << ", and each of the " << estimate.models
         << " models (one for each worker thread and arm) about ";
  }
  text << format_bytes(estimate.model_bytes);
  // Named only when they outweigh the regions: then they are what to change.
  if (2 * estimate.contents_bytes > estimate.model_bytes) {
    text << ", " << format_bytes(estimate.contents_bytes) << " of it for its "
         << static_cast<std::size_t>(estimate.contents.ngos) << " NGOs, "
         << static_cast<std::size_t>(estimate.contents.targets) << " intervention targets and "
         << static_cast<std::size_t>(estimate.contents.tie_links)
         << " NGO-tie links (ngo_count_base, ngo_count_per_exposure, ngo_links_per_target)";
  }
  if (estimate.region_series_bytes > 0) {
    if (estimate.runs_at_once == 1) {
      text << "; the run keeps its regional series (--regions), about ";
    } else {
      text << "; each of the " << estimate.runs_at_once
           << " runs at a time keeps its regional series (--regions), about ";
    }
    text << format_bytes(estimate.region_series_bytes);
    if (estimate.batched_bytes > 0) {
      text << ", and the finished runs kept to be written in batches up to "
           << format_bytes(estimate.batched_bytes);
    }
  }
  // Named only when they weigh, in share and in size: then --reps is what to change.
  const std::size_t kept_bytes = estimate.runs * estimate.run_bytes;
  if (10 * kept_bytes > estimate.total_bytes() && kept_bytes >= (std::size_t{16} << 20)) {
    text << "; the summary keeps about " << format_bytes(kept_bytes) << " for the " << estimate.runs
         << " runs";
  }
  return text.str();
}

void require_memory(const MemoryEstimate& estimate, std::size_t limit_bytes) {
  if (estimate.total_bytes() <= limit_bytes) return;
  std::string message =
      "this needs about " + format_bytes(estimate.total_bytes()) + " of memory, more than the " +
      format_bytes(limit_bytes) + " this machine has: " + memory_breakdown(estimate) +
      ". Use fewer threads (-j), fewer arms, fewer regions, fewer replications (--reps)";
  if (estimate.region_series_bytes > 0) message += ", no --regions";
  message += ", or a machine with more memory";
  throw UsageError(message);
}

void check_memory(const MemoryEstimate& estimate, std::ostream& log) {
  if (const auto limit = memory_limit_bytes()) require_memory(estimate, *limit);
  const auto available = memory_available_bytes();
  if (available && estimate.total_bytes() > *available) {
    log << "policysim: this needs about " << format_bytes(estimate.total_bytes())
        << " of memory and " << format_bytes(*available)
        << " is available now; it may be slow, or be stopped by the system\n";
  }
}

std::string format_bytes(std::size_t bytes) {
  const double value = static_cast<double>(bytes);
  char text[32];
  if (value >= 0x1p30) {
    std::snprintf(text, sizeof text, "%.1f GiB", value / 0x1p30);
  } else {
    std::snprintf(text, sizeof text, "%.0f MiB", std::ceil(value / 0x1p20));
  }
  return text;
}

}  // namespace policysim::runner
