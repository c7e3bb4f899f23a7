// Comparing the engine's state with the reference's (see state_comparison.hpp).

#include "state_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace policysim::oracle {
namespace {

bool close(double x, double y) {
  if (x == y) return true;
  return std::abs(x - y) <= kRelativeTolerance * std::max(std::abs(x), std::abs(y));
}

// Collects the differences, describing the first `limit`.
class Differences {
 public:
  explicit Differences(std::size_t limit) : limit_(limit) {}

  template <class T>
  void check(const std::string& field, const T& engine, const T& reference, long agent = -1,
             long reform = -1) {
    bool same = false;
    if constexpr (std::is_floating_point_v<T>) {
      same = close(engine, reference);
    } else {
      same = engine == reference;
    }
    if (same) return;
    ++count_;
    if (found_.size() >= limit_) return;
    std::ostringstream text;
    text.precision(17);
    text << field;
    if (agent >= 0) text << '[' << agent << ']';
    if (reform >= 0) text << '[' << reform << ']';
    text << ": engine " << +engine << " vs reference " << +reference;
    found_.push_back(text.str());
  }

  template <class T>
  void check_all(const std::string& field, const std::vector<T>& engine,
                 const std::vector<T>& reference) {
    if (engine.size() != reference.size()) {
      check(field + ".size", engine.size(), reference.size());
      return;
    }
    for (std::size_t i = 0; i < engine.size(); ++i) {
      check(field, engine[i], reference[i], static_cast<long>(i));
    }
  }

  template <class T, std::size_t N>
  void check_all(const std::string& field, const std::array<T, N>& engine,
                 const std::array<T, N>& reference, long agent = -1) {
    for (std::size_t k = 0; k < N; ++k) {
      check(field, engine[k], reference[k], agent, static_cast<long>(k));
    }
  }

  std::vector<std::string> result() const {
    std::vector<std::string> out = found_;
    if (count_ > found_.size()) {
      out.push_back("... " + std::to_string(count_ - found_.size()) + " more");
    }
    return out;
  }

 private:
  std::size_t limit_, count_ = 0;
  std::vector<std::string> found_;
};

}  // namespace

std::vector<std::string> differences(const ReferenceState& engine, const ReferenceState& reference,
                                     std::size_t limit) {
  Differences d(limit);
  if (engine.implementation.size() != reference.implementation.size()) {
    d.check("implementation.size", engine.implementation.size(), reference.implementation.size());
  } else {
    for (std::size_t r = 0; r < engine.implementation.size(); ++r) {
      d.check_all("a", engine.implementation[r], reference.implementation[r], static_cast<long>(r));
    }
  }
  d.check_all("c", engine.capacity, reference.capacity);
  d.check_all("cJ", engine.judicial_capacity, reference.judicial_capacity);
  d.check_all("aJ", engine.judicial_use, reference.judicial_use);
  d.check_all("rho", engine.resistance, reference.resistance);
  d.check_all("s", engine.support, reference.support);
  d.check_all("m_cases", engine.mean_cases, reference.mean_cases);
  d.check_all("cases", engine.cases, reference.cases);
  d.check_all("convictions", engine.convictions, reference.convictions);
  d.check_all("obstructing", engine.obstructing, reference.obstructing);
  if (engine.emulation_memory.size() != reference.emulation_memory.size()) {
    d.check("emulation_memory.size", engine.emulation_memory.size(),
            reference.emulation_memory.size());
  } else {
    for (std::size_t i = 0; i < engine.emulation_memory.size(); ++i) {
      const auto& [region, memory] = engine.emulation_memory[i];
      d.check("emulation_memory.region", region, reference.emulation_memory[i].first);
      d.check_all("e", memory, reference.emulation_memory[i].second, region);
    }
  }
  d.check_all("ever_toured", engine.ever_toured, reference.ever_toured);

  d.check_all("R", engine.resources, reference.resources);
  d.check_all("f", engine.foreign_share, reference.foreign_share);
  d.check_all("g", engine.legitimacy, reference.legitimacy);
  d.check_all("tie", engine.tie, reference.tie);
  d.check_all("alive", engine.alive, reference.alive);
  d.check_all("quarters_below_minimum", engine.quarters_below_minimum,
              reference.quarters_below_minimum);
  d.check_all("W_ngo", engine.tie_weight, reference.tie_weight);

  d.check("P", engine.stance, reference.stance);
  d.check("lambda", engine.law_content, reference.law_content);
  d.check_all("Law", engine.law_in_force, reference.law_in_force);
  d.check_all("D", engine.directive, reference.directive);
  d.check("U", engine.unit_level, reference.unit_level);
  d.check("Z1", engine.ngo_law, reference.ngo_law);
  d.check("Z2", engine.foreign_agents_law, reference.foreign_agents_law);
  d.check("clock_law", engine.clock_law, reference.clock_law);
  d.check("clock_unit", engine.clock_unit, reference.clock_unit);
  d.check("clock_restrictive", engine.clock_restrictive, reference.clock_restrictive);
  d.check_all("cascade", engine.cascade, reference.cascade);

  d.check_all("b", engine.budget, reference.budget);
  d.check_all("phi", engine.foreignness, reference.foreignness);
  d.check_all("cut_for_resistance", engine.cut_for_resistance, reference.cut_for_resistance);
  d.check_all("exited", engine.exited, reference.exited);
  return d.result();
}

std::vector<std::string> differences(const RunDraws& engine, const RunDraws& reference,
                                     std::size_t limit) {
  Differences d(limit);
  d.check_all("eta", engine.eta, reference.eta);
  d.check_all("theta", engine.theta, reference.theta);
  d.check_all("risk_aversion", engine.risk_aversion, reference.risk_aversion);
  d.check_all("Theta", engine.event_threshold, reference.event_threshold);
  d.check_all("income_base", engine.ngo_income_base, reference.ngo_income_base);
  return d.result();
}

}  // namespace policysim::oracle
