#pragma once
// deterministic_sum (reduce.hpp) of values that arrive one at a time, from a query or a file, with
// the same bits and without holding them: the blocks and the tree of partial sums depend only on
// the number of values and the grain, so the tree can be walked as the values come.

#include <cstddef>
#include <vector>

#include "sim/core/reduce.hpp"

namespace policysim::core {

class StreamedSum {
 public:
  /// A sum of exactly `count` values, cut as deterministic_sum(values, grain) cuts them.
  explicit StreamedSum(std::size_t count, std::size_t grain = kDefaultGrain);
  /// Adds the next value; at most `count` of them.
  void add(double value);
  /// Whether all `count` values were added.
  bool complete() const { return added_ == count_; }
  /// The sum, with the bits of deterministic_sum over the values added; valid once complete.
  double sum() const { return total_; }

 private:
  // A node of the tree above the block being summed: its size, and its left half's sum once
  // that half is done.
  struct Node {
    std::size_t size = 0;
    bool left_done = false;
    double left_sum = 0.0;
  };
  // Goes down from a node of `size` values to its leftmost block.
  void descend(std::size_t size);
  // Adds a finished subtree's sum to the nodes above it.
  void finish(double subtree_sum);

  std::size_t count_, grain_, added_ = 0;
  std::vector<Node> path_;  // root first; depth about log2(count / grain)
  std::size_t block_left_ = 0;
  double block_sum_ = 0.0;
  double total_ = 0.0;
};

}  // namespace policysim::core
