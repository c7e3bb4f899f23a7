#pragma once
// The reference kernels measured next to each workload on the same data, so that the model's
// figures can be read as ratios on a shared, noisy machine: a sparse matrix times a 5-column
// dense matrix over the model's combined network (SpMM), and a STREAM triad.

#include <cstddef>
#include <vector>

#include <Eigen/Dense>

#include "sim/bench/network.hpp"
#include "sim/bench/timings.hpp"

namespace policysim::bench {

/// Reference kernels measured next to a workload.
struct ReferenceTimings {
  Timings spmm;   ///< Y = W X, W the combined network, X dense with 5 columns, parallel by rows
  Timings triad;  ///< a = b + s c over `triad_doubles` doubles per array, parallel
  std::size_t spmm_nonzeros = 0;
  std::size_t triad_doubles = 0;
  /// Bytes a triad moves (three arrays) per second, median.
  double triad_bytes_per_second() const;
};

/// The reference kernels, on buffers allocated once.
class ReferenceKernels {
 public:
  using Dense5 = Eigen::Matrix<double, Eigen::Dynamic, 5, Eigen::RowMajor>;

  ReferenceKernels(Network network, std::size_t triad_doubles);

  /// Seconds of one Y = W X, parallel over blocks of rows, averaged over `calls` calls.
  double spmm_seconds(int calls);
  /// Seconds of one STREAM triad a = b + s c, parallel.
  double triad_seconds();

  std::size_t nonzeros() const { return network_.edge_count(); }
  std::size_t triad_doubles() const { return a_.size(); }
  /// Keeps the results where the compiler cannot drop them, so that the kernels cannot be
  /// optimised away.
  void keep_results() const;

 private:
  Network network_;
  Dense5 x_, y_;
  std::vector<double> a_, b_, c_;
};

}  // namespace policysim::bench
