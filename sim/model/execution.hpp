#pragma once
// One loop body, run serially or with tbb::parallel_for. Bodies write only their own index, so
// both give the same bits; tests compare them byte for byte.

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

namespace policysim::model {

/// Regions or NGOs per parallel task by default: small countries run as one task, with no overhead.
inline constexpr std::size_t kDefaultAgentGrain = 512;

/// How a run's phases over regions and NGOs execute (the same bits either way).
struct Execution {
  bool parallel = true;
  std::size_t grain = kDefaultAgentGrain;  ///< agents per parallel task
};

/// Calls body(begin, end) on consecutive ranges that cover [0, count): one range, or parallel
/// tasks of about `grain` indices when asked.
template <class Body>
void for_each_range(std::size_t count, bool parallel, std::size_t grain, const Body& body) {
  if (grain == 0) grain = 1;
  if (!parallel || count <= grain) {
    body(std::size_t{0}, count);
    return;
  }
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, count, grain),
      [&body](const tbb::blocked_range<std::size_t>& range) { body(range.begin(), range.end()); });
}

/// Calls body(i) for i in [0, count), in parallel tasks of about `grain` indices when asked.
template <class Body>
void for_each_index(std::size_t count, bool parallel, std::size_t grain, const Body& body) {
  for_each_range(count, parallel, grain, [&body](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i != end; ++i) body(i);
  });
}

}  // namespace policysim::model
