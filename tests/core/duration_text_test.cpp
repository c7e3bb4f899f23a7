#include "sim/core/duration_text.hpp"

#include <catch2/catch.hpp>

using policysim::core::duration_text;

TEST_CASE("durations read in milliseconds, seconds, minutes, hours or days", "[core][duration]") {
  CHECK(duration_text(0.0) == "under 0.001 ms");
  CHECK(duration_text(2.03454e-07) == "under 0.001 ms");
  CHECK(duration_text(0.000177777) == "0.178 ms");
  CHECK(duration_text(0.0123) == "12.3 ms");
  CHECK(duration_text(0.5) == "500 ms");
  CHECK(duration_text(1.0) == "1 s");
  CHECK(duration_text(12.34) == "12.3 s");
  // 125 s = 2 min 5 s; 59.96 s rounds to a minute rather than "60 s".
  CHECK(duration_text(125.0) == "2 min 5 s");
  CHECK(duration_text(59.96) == "1 min 0 s");
  // 12000 s = 200 min = 3 h 20 min; 187200 s = 52 h = 2 d 4 h.
  CHECK(duration_text(12000.0) == "3 h 20 min");
  CHECK(duration_text(187200.0) == "2 d 4 h");
}
