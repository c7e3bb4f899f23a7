#include "sim/runner/manifest.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "sim/core/elementary.hpp"

namespace policysim::runner {

TEST_CASE("the build description names the elementary functions the model uses",
          "[runner][manifest]") {
  CHECK(build_description().at("elementary_functions") == core::kElementaryFunctions);
}

TEST_CASE("sha256_hex gives the FIPS 180-2 digest of \"abc\"", "[runner][manifest]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("the processor's model name is the first one /proc/cpuinfo lists, trimmed",
          "[runner][manifest]") {
  std::istringstream x86(
      "processor\t: 0\n"
      "vendor_id\t: GenuineIntel\n"
      "model\t\t: 143\n"
      "model name\t: Intel(R) Xeon(R) Processor  \n"
      "\n"
      "processor\t: 1\n"
      "model name\t: Another Processor\n");
  CHECK(cpu_model_from(x86) == "Intel(R) Xeon(R) Processor");

  // An empty value is passed over for the next one.
  std::istringstream empty_first("model name\t:\nmodel name\t: AMD EPYC 9B14\n");
  CHECK(cpu_model_from(empty_first) == "AMD EPYC 9B14");
}

TEST_CASE("a cpuinfo without a model name gives \"unknown\"", "[runner][manifest]") {
  // Laid out as on 64-bit ARM, whose cpuinfo names parts by number.
  std::istringstream arm("processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n");
  CHECK(cpu_model_from(arm) == "unknown");
  std::istringstream nothing("");
  CHECK(cpu_model_from(nothing) == "unknown");
}

}  // namespace policysim::runner
