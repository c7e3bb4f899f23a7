#pragma once
// Table lines shared by the bench/ executables and `policysim bench`.

#include <string>

#include "sim/bench/ensemble_benchmark.hpp"
#include "sim/bench/tick_benchmark.hpp"

namespace policysim::bench {

std::string ensemble_table_header();
std::string ensemble_table_row(const EnsembleResult& result);
std::string tick_table_header();
std::string tick_table_row(const TickResult& result);
/// "  phases (ms a tick): schedule 0.61  exposure 0.00  regions 165.2 ...".
std::string tick_phase_line(const TickResult& result);

}  // namespace policysim::bench
