#include "sim/core/quarter.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using policysim::core::Quarter;

TEST_CASE("quarters parse and print as YYYYQn", "[core][quarter]") {
  const Quarter q = Quarter::parse("2003Q4");
  CHECK(q.year() == 2003);
  CHECK(q.quarter() == 4);
  CHECK(q.str() == "2003Q4");
  CHECK(Quarter::parse("1997q1") == Quarter(1997, 1));
}

TEST_CASE("bad quarter strings are rejected with the expected form", "[core][quarter]") {
  for (const char* bad : {"", "2003", "2003Q0", "2003Q5", "2003-Q1", "03Q1", "2003Q12", " 2003Q1",
                          "abcdQ1", "-997Q1", "2003X1"}) {
    INFO(bad);
    CHECK_FALSE(Quarter::try_parse(bad));
    CHECK_THROWS_WITH(Quarter::parse(bad), Catch::Contains("expected YYYYQn"));
  }
  CHECK_THROWS_AS(Quarter(2003, 5), std::invalid_argument);
}

TEST_CASE("quarter arithmetic crosses year boundaries", "[core][quarter]") {
  CHECK(Quarter(2002, 4) + 1 == Quarter(2003, 1));
  CHECK(Quarter(2003, 1) - 1 == Quarter(2002, 4));
  CHECK(Quarter(2003, 1) - Quarter(2002, 4) == 1);
  CHECK(Quarter(1997, 1) + 63 == Quarter(2012, 4));
  CHECK(Quarter(2000, 2) < Quarter(2000, 3));
}

TEST_CASE("the baseline window 1997Q1..2012Q4 has 64 ticks", "[core][quarter]") {
  CHECK(policysim::core::ticks_inclusive(Quarter(1997, 1), Quarter(2012, 4)) == 64);
  CHECK(policysim::core::ticks_inclusive(Quarter(2003, 4), Quarter(2003, 4)) == 1);
}
