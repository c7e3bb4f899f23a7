#pragma once
// What each random draw is for. Every draw of a run is a pure function of (seed, tick, agent,
// purpose, draw number), so a draw for one purpose never shifts the draws for another.

#include <cstdint>

namespace policysim::model {

/// The purpose word of the Philox counter.
enum class Purpose : std::uint32_t {
  adoption = 0,    ///< adoption draws per region and tick: draw number k for reform k
  cases,           ///< Poisson cases per region and tick
  convictions,     ///< Binomial convictions per region and tick
  eta_init,        ///< baseline nationalism, once per run and region
  theta_init,      ///< adoption threshold, once per run and region
  risk_aversion,   ///< obstruction risk aversion, once per run and region
  random_targets,  ///< targets "n at random", once per run; agent = the intervention's name hash
  tie_pattern,     ///< possible NGO ties, once per run; tick = name hash, agent = target position
  event_clock,     ///< event-clock thresholds, once per run and event
  ngo_income,      ///< each NGO's own base income, once per run; agent = the NGO's index
};

/// The purpose word as the counter wants it.
constexpr std::uint32_t word(Purpose purpose) { return static_cast<std::uint32_t>(purpose); }

/// The random stream id the model draws from (runners keep common random numbers across arms by
/// giving every arm the same seed).
inline constexpr std::uint32_t kModelStream = 0;

}  // namespace policysim::model
