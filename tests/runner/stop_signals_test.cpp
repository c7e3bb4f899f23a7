#include "sim/runner/stop_signals.hpp"

#include <catch2/catch.hpp>

#include <csignal>

using namespace policysim::runner;

TEST_CASE("SIGINT, SIGTERM and SIGHUP ask to stop while the handlers live", "[runner][signals]") {
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
    CHECK(stop_signal() == 0);
    {
      const StopOnSignals stop_on_signals;
      CHECK(stop_signal() == 0);
      std::raise(signal);  // would end this test process without the handler
      CHECK(stop_signal() == signal);
    }
    CHECK(stop_signal() == 0);
  }
}

TEST_CASE("the first signal is the one kept", "[runner][signals]") {
  const StopOnSignals stop_on_signals;
  std::raise(SIGHUP);
  CHECK(stop_signal() == SIGHUP);
  // A second signal would end the process now (the default action); that is checked from the
  // outside, in tests/cli/signals.sh.
}

TEST_CASE("a signal ignored before the handlers are set stays ignored", "[runner][signals]") {
  const auto previous = std::signal(SIGHUP, SIG_IGN);
  {
    const StopOnSignals stop_on_signals;
    std::raise(SIGHUP);
    CHECK(stop_signal() == 0);
  }
  std::signal(SIGHUP, previous);
}

TEST_CASE("a stopped command exits 128 + the signal's number", "[runner][signals]") {
  CHECK(stopped_exit_code(SIGINT) == 130);
  CHECK(stopped_exit_code(SIGTERM) == 143);
  CHECK(stopped_exit_code(SIGHUP) == 129);
  CHECK(std::string(signal_name(SIGTERM)) == "SIGTERM");
}
