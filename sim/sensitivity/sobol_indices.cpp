#include "sim/sensitivity/sobol_indices.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>

#include "sim/sensitivity/design_draws.hpp"
#include "sim/sensitivity/saltelli_design.hpp"

namespace policysim::sensitivity {
namespace {

struct Estimates {
  std::vector<double> first_order, total;
};

/// The estimators over the base samples `samples` (repeats allowed), or nothing when their
/// f_A and f_B are all equal.
std::optional<Estimates> estimate(std::size_t factors, std::span<const double> outputs,
                                  std::span<const std::size_t> samples) {
  const auto a = [&](std::size_t j) { return outputs[saltelli_row_a(factors, j)]; };
  const auto b = [&](std::size_t j) { return outputs[saltelli_row_b(factors, j)]; };
  const auto ab = [&](std::size_t j, std::size_t i) {
    return outputs[saltelli_row_ab(factors, j, i)];
  };
  const auto n = static_cast<double>(samples.size());
  double sum = 0;
  for (const std::size_t j : samples) sum += a(j) + b(j);
  const double mean = sum / (2 * n);
  double squares = 0;
  for (const std::size_t j : samples) {
    squares += (a(j) - mean) * (a(j) - mean) + (b(j) - mean) * (b(j) - mean);
  }
  const double variance = squares / (2 * n);
  if (!(variance > 0)) return std::nullopt;
  Estimates estimates{std::vector<double>(factors), std::vector<double>(factors)};
  for (std::size_t i = 0; i < factors; ++i) {
    double first_sum = 0;
    double total_sum = 0;
    for (const std::size_t j : samples) {
      // (b - mean)(ab - a): the centring cancels inside the difference.
      first_sum += (b(j) - mean) * (ab(j, i) - a(j));
      total_sum += (a(j) - ab(j, i)) * (a(j) - ab(j, i));
    }
    estimates.first_order[i] = first_sum / n / variance;
    estimates.total[i] = total_sum / (2 * n) / variance;
  }
  return estimates;
}

std::string row_role(std::size_t factors, std::size_t row) {
  const std::size_t base = row / saltelli_block_rows(factors);
  const std::size_t within = row % saltelli_block_rows(factors);
  const std::string role = within == 0   ? "A"
                           : within == 1 ? "B"
                                         : "AB^(" + std::to_string(within - 2) + ")";
  return "base sample " + std::to_string(base) + ", row " + role;
}

std::size_t checked_base_samples(std::size_t factors, std::span<const double> outputs,
                                 std::size_t bootstrap_resamples) {
  if (factors == 0) throw std::invalid_argument("Sobol' indices: no factors");
  const std::size_t block = saltelli_block_rows(factors);
  if (outputs.size() % block != 0 || outputs.size() / block < 2) {
    throw std::invalid_argument(
        "Sobol' indices: " + std::to_string(outputs.size()) + " outputs for " +
        std::to_string(factors) + " factors is not a Saltelli design of at least 2 base samples (" +
        std::to_string(block) + " rows each); give one output per row of the design");
  }
  for (std::size_t row = 0; row < outputs.size(); ++row) {
    if (!std::isfinite(outputs[row])) {
      throw std::invalid_argument("Sobol' indices: the output of row " + std::to_string(row) +
                                  " (" + row_role(factors, row) + ") is " +
                                  std::to_string(outputs[row]) +
                                  "; every row of the design needs a finite output");
    }
  }
  if (bootstrap_resamples == 0 || bootstrap_resamples > kMaxDesignRows) {
    throw std::invalid_argument("Sobol' indices: " + std::to_string(bootstrap_resamples) +
                                " bootstrap resamples; ask for 1 to " +
                                std::to_string(kMaxDesignRows) + " (1000 is usual)");
  }
  return outputs.size() / block;
}

}  // namespace

SobolIndices sobol_indices(std::size_t factors, std::span<const double> outputs,
                           std::size_t bootstrap_resamples, std::uint64_t seed) {
  const std::size_t base_samples = checked_base_samples(factors, outputs, bootstrap_resamples);
  std::vector<std::size_t> all(base_samples);
  std::iota(all.begin(), all.end(), std::size_t{0});
  const std::optional<Estimates> full = estimate(factors, outputs, all);
  if (!full) {
    throw std::domain_error(
        "Sobol' indices: the output is the same at every point of the design, so no factor "
        "explains any of its variance and the indices are undefined");
  }

  // Each resample is a pure function of (seed, resample number): any split over threads gives
  // the same replicates.
  const core::RandomStream stream = design_stream(seed);
  std::vector<std::optional<Estimates>> resampled(bootstrap_resamples);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, bootstrap_resamples),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      std::vector<std::size_t> samples(base_samples);
                      for (std::size_t r = range.begin(); r != range.end(); ++r) {
                        auto draws = stream.sequence(static_cast<std::uint32_t>(r), 0,
                                                     word(DesignPurpose::bootstrap_sample));
                        for (std::size_t& j : samples) {
                          j = uniform_index(draws.uniform(), base_samples);
                        }
                        resampled[r] = estimate(factors, outputs, samples);
                      }
                    });

  SobolIndices indices;
  std::vector<double> first_replicates, total_replicates;
  for (std::size_t i = 0; i < factors; ++i) {
    first_replicates.clear();
    total_replicates.clear();
    for (const auto& replicate : resampled) {
      if (!replicate) continue;
      first_replicates.push_back(replicate->first_order[i]);
      total_replicates.push_back(replicate->total[i]);
    }
    indices.first_order.push_back(percentile_interval(full->first_order[i], first_replicates));
    indices.total.push_back(percentile_interval(full->total[i], total_replicates));
  }
  return indices;
}

}  // namespace policysim::sensitivity
