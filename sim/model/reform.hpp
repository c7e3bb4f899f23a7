#pragma once
// The four reforms of MODEL.md §2 and small helpers for per-reform arrays.

#include <array>
#include <cstddef>
#include <string_view>

namespace policysim::model {

/// A reform whose implementation level a[r,k] the model tracks.
enum class Reform : std::size_t { law = 0, victim = 1, multi = 2, unit = 3 };

inline constexpr std::size_t kReformCount = 4;
inline constexpr std::array<std::string_view, kReformCount> kReformNames = {"law", "victim",
                                                                            "multi", "unit"};

/// One value per reform, indexed by Reform.
using PerReform = std::array<double, kReformCount>;

constexpr std::size_t index(Reform k) { return static_cast<std::size_t>(k); }

/// A reform counts as adopted in a region when its implementation level is at least this.
inline constexpr double kAdoptedLevel = 0.5;

}  // namespace policysim::model
