#include "sim/scenario/yaml_reader.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using policysim::scenario::load_scenario;
using policysim::scenario::read_yaml_file;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::write_temp;

namespace {

#ifdef POLICYSIM_SANITIZED
constexpr double kErrorBudgetSeconds = 20.0;  // the sanitizers slow parsing about twentyfold
#else
constexpr double kErrorBudgetSeconds = 1.0;
#endif

/// Loads `path` as a scenario, requires a ScenarioError within a second, and returns it.
ScenarioError expect_fast_error(const std::filesystem::path& path) {
  const auto start = std::chrono::steady_clock::now();
  try {
    load_scenario(path);
  } catch (const ScenarioError& e) {
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < kErrorBudgetSeconds);
    CHECK(e.file() == path.string());
    return e;
  }
  FAIL("expected a ScenarioError");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a file holding only a comma ends quickly in a clear error", "[scenario][yaml]") {
  const auto e = expect_fast_error(write_temp(","));
  CHECK(e.line() == 1);
  CHECK(e.column() == 1);
  CHECK_THAT(e.message(), Catch::Contains("map"));
}

TEST_CASE("an empty file is an error asking for a map", "[scenario][yaml]") {
  const auto e = expect_fast_error(write_temp(""));
  CHECK(e.line() == 1);
  CHECK_THAT(e.message(), Catch::Contains("holds no YAML map"));
  const auto comments = expect_fast_error(write_temp("# only a comment\n"));
  CHECK_THAT(comments.message(), Catch::Contains("holds no YAML map"));
}

TEST_CASE("a thousand-deep nesting ends quickly in a clear error", "[scenario][yaml]") {
  const std::string flow = "a: " + std::string(1000, '[') + std::string(1000, ']') + "\n";
  const auto e = expect_fast_error(write_temp(flow));
  CHECK_THAT(e.message(), Catch::Contains("nesting"));
  CHECK(e.line() == 1);

  std::string block;
  for (int depth = 0; depth < 1000; ++depth) block += std::string(2 * depth, ' ') + "k:\n";
  const auto deep_block = expect_fast_error(write_temp(block));
  CHECK_THAT(deep_block.message(), Catch::Contains("nesting"));
  CHECK(deep_block.line() > 1);
}

TEST_CASE("a binary file is rejected before parsing", "[scenario][yaml]") {
  std::string bytes = "name: x\n";
  bytes += '\0';
  bytes += "\x01\xff\xfe binary";
  const auto e = expect_fast_error(write_temp(bytes, "binary.yaml"));
  CHECK(e.line() == 2);
  CHECK(e.column() == 1);
  CHECK_THAT(e.message(), Catch::Contains("not a UTF-8 text file"));

  const auto latin1 = expect_fast_error(write_temp("name: caf\xe9\n"));
  CHECK(latin1.line() == 1);
  CHECK(latin1.column() == 10);
}

TEST_CASE("a YAML syntax error names its line and column", "[scenario][yaml]") {
  const auto e = expect_fast_error(write_temp("name: x\nstart: [1997Q1\n"));
  CHECK(e.line() >= 2);
  CHECK(e.column() >= 1);
  CHECK_THAT(e.message(), Catch::Contains("YAML syntax error"));
}

TEST_CASE("a duplicate key is an error at its second appearance", "[scenario][yaml]") {
  try {
    read_yaml_file(write_temp("name: a\nseed: 1\nname: b\n"));
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    CHECK(e.line() == 3);
    CHECK(e.column() == 1);
    CHECK_THAT(e.message(), Catch::Contains("duplicate key `name` (first given at line 1)"));
  }
}

TEST_CASE("a root that is a list or a scalar is an error", "[scenario][yaml]") {
  CHECK_THAT(expect_fast_error(write_temp("- a\n- b\n")).message(), Catch::Contains("not a list"));
  CHECK_THAT(expect_fast_error(write_temp("just words\n")).message(),
             Catch::Contains("top level must be a map"));
}

TEST_CASE("a missing file is a ScenarioError naming it", "[scenario][yaml]") {
  CHECK_THROWS_WITH(
      load_scenario("/nonexistent/policysim/none.yaml"),
      Catch::Contains("/nonexistent/policysim/none.yaml") && Catch::Contains("no such file"));
}

TEST_CASE("aliases that expand past the node limit are rejected", "[scenario][yaml]") {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string previous = "a";
  for (char c = 'b'; c <= 'h'; ++c) {
    const std::string name(1, c);
    text += name + ": &" + name + " [*" + previous + ", *" + previous + ", *" + previous + ", *" +
            previous + ", *" + previous + ", *" + previous + ", *" + previous + ", *" + previous +
            ", *" + previous + ", *" + previous + "]\n";
    previous = name;
  }
  const auto e = expect_fast_error(write_temp(text));
  CHECK_THAT(e.message(), Catch::Contains("nodes"));
}
