#include "sim/core/streamed_sum.hpp"

#include <algorithm>
#include <stdexcept>

namespace policysim::core {

StreamedSum::StreamedSum(std::size_t count, std::size_t grain)
    : count_(count), grain_(std::max<std::size_t>(grain, 1)) {
  if (count_ > 0) descend(count_);
}

void StreamedSum::descend(std::size_t size) {
  // blocked_range splits [b, e) above one grain at b + (e - b) / 2: the left half has size / 2.
  while (size > grain_) {
    path_.push_back({size});
    size /= 2;
  }
  block_left_ = size;
  block_sum_ = 0.0;  // a block is one chain of additions from the identity
}

void StreamedSum::finish(double subtree_sum) {
  while (!path_.empty()) {
    Node& node = path_.back();
    if (!node.left_done) {
      node.left_done = true;
      node.left_sum = subtree_sum;
      descend(node.size - node.size / 2);
      return;
    }
    // The reduction adds the right half's sum to the left's.
    subtree_sum = node.left_sum + subtree_sum;
    path_.pop_back();
  }
  total_ = subtree_sum;
}

void StreamedSum::add(double value) {
  if (added_ == count_) throw std::logic_error("StreamedSum: more values than announced");
  ++added_;
  block_sum_ += value;
  if (--block_left_ == 0) finish(block_sum_);
}

}  // namespace policysim::core
