#pragma once
// The machine-readable form of one benchmark result.

#include <nlohmann/json.hpp>

#include "sim/bench/ensemble_benchmark.hpp"
#include "sim/bench/tick_benchmark.hpp"
#include "sim/bench/writer_benchmark.hpp"

namespace policysim::bench {

nlohmann::json to_json(const EnsembleResult& result);
nlohmann::json to_json(const TickResult& result);
nlohmann::json to_json(const WriterResult& result);

}  // namespace policysim::bench
