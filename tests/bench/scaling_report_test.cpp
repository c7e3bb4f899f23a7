#include "sim/bench/scaling_report.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/model/phases/phases.hpp"

using namespace policysim::bench;

TEST_CASE("the scaling table gives each tick's phases and their speed-up over 1 thread",
          "[bench]") {
  // Two thread counts of one tick workload, every phase twice as fast at 2 threads except the
  // schedule, which does not change; an ensemble row has no phases.
  nlohmann::json one_thread, two_threads;
  for (const auto& phase : policysim::model::tick_phases()) {
    const bool schedule = std::string(phase.name) == "schedule";
    one_thread[phase.name] = 4.0;
    two_threads[phase.name] = schedule ? 4.0 : 2.0;
  }
  std::vector<ScalingRow> rows(3);
  rows[0].workload = "ensemble";
  rows[0].size = "200 runs";
  rows[0].threads = 1;
  rows[1].workload = rows[2].workload = "tick";
  rows[1].size = rows[2].size = "1e5 regions";
  rows[1].threads = 1;
  rows[2].threads = 2;
  rows[1].detail["phase_ms"] = one_thread;
  rows[2].detail["phase_ms"] = two_threads;
  const std::string text = scaling_table(rows);
  const auto phases_at = text.find("phases of a tick");
  REQUIRE(phases_at != std::string::npos);
  const std::string phases = text.substr(phases_at);
  CHECK(phases.find("200 runs") == std::string::npos);
  CHECK(phases.find("regions 4.000  ") != std::string::npos);  // 1 thread: no speed-up
  CHECK(phases.find("regions 2.000 (2.00x)") != std::string::npos);
  CHECK(phases.find("schedule 4.000 (1.00x)") != std::string::npos);
}

TEST_CASE(
    "the scaling table gives the ensemble's share of time spent writing, and the workers "
    "one writer keeps up with",
    "[bench]") {
  std::vector<ScalingRow> rows(3);
  rows[0].workload = rows[1].workload = "ensemble";
  rows[0].size = rows[1].size = "200 runs";
  rows[0].threads = 1;
  rows[1].threads = 2;
  rows[0].detail["write_share"] = 0.075;  // 1 / 0.075 = 13.3 workers
  rows[1].detail["write_share"] = 0.125;  // waits for the writer raise the share
  rows[2].workload = "tick";
  rows[2].size = "1e5 regions";
  rows[2].threads = 1;
  const std::string text = scaling_table(rows);
  const auto writer_at = text.find("results writer");
  REQUIRE(writer_at != std::string::npos);
  const std::string writer = text.substr(writer_at);
  CHECK(writer.find("200 runs                 1   7.5 %  "
                    "(one writer keeps up with about 13 workers)") != std::string::npos);
  CHECK(writer.find("200 runs                 2   12.5 %\n") != std::string::npos);
  CHECK(writer.find("1e5 regions") == std::string::npos);

  // With the CPU time, workers kept up with come from it: waits and the close's disk writes
  // are not the writer's work.
  rows[0].detail["write_cpu_share"] = 0.0125;  // 1 / 0.0125 = 80 workers
  const std::string with_cpu = scaling_table(rows);
  CHECK(with_cpu.find("200 runs                 1   7.5 % (CPU time: 1.25 %)  "
                      "(one writer keeps up with about 80 workers)\n") != std::string::npos);
}

TEST_CASE("the scaling table gives the writer alone's share and the workers it keeps up with",
          "[bench]") {
  std::vector<ScalingRow> rows(1);
  rows[0].workload = "writer";
  rows[0].size = "500 runs, outcomes";
  rows[0].threads = 1;
  rows[0].detail["write_cpu_share"] = 0.0125;  // 1 / 0.0125 = 80 workers
  const std::string text = scaling_table(rows);
  const auto writer_at = text.find("results writer");
  REQUIRE(writer_at != std::string::npos);
  CHECK(text.substr(writer_at).find("writer alone                 1.25 % of a run's CPU time, "
                                    "written back to back  (one writer keeps up with about 80 "
                                    "workers)\n") != std::string::npos);
}
