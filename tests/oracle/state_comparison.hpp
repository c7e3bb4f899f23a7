#pragma once
// Field-by-field comparison of two ReferenceStates: levels to a relative tolerance, counts and
// flags exactly. Each difference is named (field, agent, reform) so that a failure says where the
// engine and the reference part.

#include <string>
#include <vector>

#include "reference_state.hpp"

namespace policysim::oracle {

/// Relative tolerance on real-valued state: the two computations add the same terms in
/// different orders (a serial loop against the engine's blocks and trees), which moves only the
/// last bits; a departure from a formula moves far more.
inline constexpr double kRelativeTolerance = 1e-12;

/// The differences between the engine's state and the reference's, at most `limit` of them
/// described, each as "field[agent]: engine vs reference".
std::vector<std::string> differences(const ReferenceState& engine, const ReferenceState& reference,
                                     std::size_t limit = 12);
/// The same for the per-run draws.
std::vector<std::string> differences(const RunDraws& engine, const RunDraws& reference,
                                     std::size_t limit = 12);

}  // namespace policysim::oracle
