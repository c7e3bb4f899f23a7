#include "sim/core/hashing.hpp"

#include <catch2/catch.hpp>

using namespace policysim::core;

TEST_CASE("SplitMix64 gives the reference generator's first outputs", "[core][hashing]") {
  // The generator seeded with 0 (Vigna's splitmix64.c): its state after n steps is n times the
  // golden gamma, and its first two outputs are these.
  CHECK(splitmix64(0) == 0xE220A8397B1DCDAFULL);
  CHECK(splitmix64(0x9E3779B97F4A7C15ULL) == 0x6E789E6AA1B965F4ULL);
}

TEST_CASE("FNV-1a matches its published test vectors", "[core][hashing]") {
  // Test vectors of the FNV reference (Fowler, Noll, Vo; draft-eastlake-fnv).
  CHECK(fnv1a_32("") == 0x811C9DC5u);
  CHECK(fnv1a_32("a") == 0xE40C292Cu);
  CHECK(fnv1a_32("foobar") == 0xBF9CF968u);
  CHECK(fnv1a_64("") == 0xCBF29CE484222325ULL);
  CHECK(fnv1a_64("a") == 0xAF63DC4C8601EC8CULL);
  CHECK(fnv1a_64("foobar") == 0x85944171F73967E8ULL);
  // Continuing from a hash is hashing the concatenation.
  CHECK(fnv1a_64("bar", fnv1a_64("foo")) == fnv1a_64("foobar"));
}
