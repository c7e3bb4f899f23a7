#include "sim/scenario/yaml_reader.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "temp_file.hpp"

using policysim::scenario::load_scenario;
using policysim::scenario::read_yaml_file;
using policysim::scenario::ScenarioError;
using policysim::scenario::testing::write_temp;

namespace {

/// Loads `path` as a scenario, requires a ScenarioError naming it, and returns it. Hostile inputs
/// are bounded by the reader's limits (bytes, depth, nodes), which the tests below reach.
ScenarioError expect_error(const std::filesystem::path& path) {
  try {
    load_scenario(path);
  } catch (const ScenarioError& e) {
    CHECK(e.file() == path.string());
    return e;
  }
  FAIL("expected a ScenarioError");
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("a file holding only a comma ends quickly in a clear error", "[scenario][yaml]") {
  const auto e = expect_error(write_temp(","));
  CHECK(e.line() == 1);
  CHECK(e.column() == 1);
  CHECK_THAT(e.message(), Catch::Contains("map"));
}

TEST_CASE("an empty file is an error asking for a map", "[scenario][yaml]") {
  const auto e = expect_error(write_temp(""));
  CHECK(e.line() == 1);
  CHECK_THAT(e.message(), Catch::Contains("holds no YAML map"));
  const auto comments = expect_error(write_temp("# only a comment\n"));
  CHECK_THAT(comments.message(), Catch::Contains("holds no YAML map"));
}

TEST_CASE("a thousand-deep nesting ends quickly in a clear error", "[scenario][yaml]") {
  const std::string flow = "a: " + std::string(1000, '[') + std::string(1000, ']') + "\n";
  const auto e = expect_error(write_temp(flow));
  CHECK_THAT(e.message(), Catch::Contains("nesting"));
  CHECK(e.line() == 1);

  std::string block;
  for (int depth = 0; depth < 1000; ++depth)
    block += std::string(2 * static_cast<std::size_t>(depth), ' ') + "k:\n";
  const auto deep_block = expect_error(write_temp(block));
  CHECK_THAT(deep_block.message(), Catch::Contains("nesting"));
  CHECK(deep_block.line() > 1);
}

TEST_CASE("a binary file is rejected before parsing", "[scenario][yaml]") {
  std::string bytes = "name: x\n";
  bytes += '\0';
  bytes += "\x01\xff\xfe binary";
  const auto e = expect_error(write_temp(bytes, "binary.yaml"));
  CHECK(e.line() == 2);
  CHECK(e.column() == 1);
  CHECK_THAT(e.message(), Catch::Contains("not a UTF-8 text file"));

  const auto latin1 = expect_error(write_temp("name: caf\xe9\n"));
  CHECK(latin1.line() == 1);
  CHECK(latin1.column() == 10);
}

TEST_CASE("a YAML syntax error names its line and column", "[scenario][yaml]") {
  // The list opened on line 2 is still open where the file ends: line 3, column 1.
  const auto e = expect_error(write_temp("name: x\nstart: [1997Q1\n"));
  CHECK(e.line() == 3);
  CHECK(e.column() == 1);
  CHECK_THAT(e.message(), Catch::Contains("YAML syntax error: end of sequence flow not found"));
}

TEST_CASE("a quote left open at the end of the file is an error where it opens",
          "[scenario][yaml]") {
  // Without the check, the open quote swallows `start:` and `end:` and the errors name those.
  for (const char* text : {"name: \"x\nstart: 2000Q1\nend: 2001Q4\n",
                           "name: x\nstart: 2000Q1\nend: 2001Q4\ndescription: 'it''s\n"}) {
    const auto e = expect_error(write_temp(text));
    CHECK(e.line() == (text[6] == '"' ? 1 : 4));
    CHECK(e.column() == (text[6] == '"' ? 7 : 14));
    CHECK_THAT(e.message(), Catch::Contains("this quote is never closed"));
  }
  // Closed quotes with an escaped quote inside are fine.
  const auto tree = read_yaml_file(write_temp("a: \"x \\\" y\"\nb: 'it''s'\n"));
  CHECK(tree.entries.at(0).value.text == "x \" y");
  CHECK(tree.entries.at(1).value.text == "it's");
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
  CHECK_THAT(expect_error(write_temp("- a\n- b\n")).message(), Catch::Contains("not a list"));
  CHECK_THAT(expect_error(write_temp("just words\n")).message(),
             Catch::Contains("top level must be a map"));
}

TEST_CASE("a missing file is missing input naming it", "[scenario][yaml]") {
  CHECK_THROWS_AS(load_scenario("/nonexistent/policysim/none.yaml"),
                  policysim::scenario::MissingInputError);
  CHECK_THROWS_WITH(
      load_scenario("/nonexistent/policysim/none.yaml"),
      Catch::Contains("/nonexistent/policysim/none.yaml") && Catch::Contains("no such file"));
  const auto folder = write_temp("name: t\n").parent_path();
  CHECK_THROWS_AS(load_scenario(folder), policysim::scenario::MissingInputError);
  CHECK_THROWS_WITH(load_scenario(folder), Catch::Contains("not a regular file"));
}

TEST_CASE("a file over the size limit is refused before parsing, with its size and the limit",
          "[scenario][yaml]") {
  const policysim::scenario::YamlLimits limits;
  REQUIRE(limits.max_bytes == 4u << 20);
  // Valid YAML all through, so only the size can be what is refused.
  std::string text = "name: t\n";
  while (text.size() <= limits.max_bytes) text += "# padding padding padding padding padding\n";
  const auto path = write_temp(text);
  const auto e = expect_error(path);
  CHECK(e.line() == 0);
  CHECK_THAT(e.message(), Catch::Contains("the file is 4.0 MiB (" + std::to_string(text.size()) +
                                          " bytes); a scenario file may be at most 4.0 MiB "
                                          "(4194304 bytes)"));
  // The same text one byte under the limit is read (and fails only for what it lacks).
  text.resize(limits.max_bytes - 1);
  text.back() = '\n';
  CHECK_THAT(expect_error(write_temp(text)).message(), Catch::Contains("missing required key"));
}

TEST_CASE("a file whose size is not known in advance is read only up to the limit",
          "[scenario][yaml]") {
  // Files in /proc report a size of 0 whatever they hold; /proc/self/maps holds more than 100
  // bytes (one line per mapping). A small limit stands in for the real one.
  policysim::scenario::YamlLimits limits;
  limits.max_bytes = 100;
  try {
    read_yaml_file("/proc/self/maps", limits);
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    CHECK_THAT(e.message(), Catch::Contains("the file is more than 0.0 MiB (100 bytes)"));
  }
}

TEST_CASE("a syntax error on a line indented with a tab says so", "[scenario][yaml]") {
  const auto tab = expect_error(write_temp("name: x\ndonors:\n\t- {name: a}\n"));
  CHECK(tab.line() == 3);
  CHECK_THAT(tab.message(), Catch::Contains("indented with a tab: YAML indents with spaces only"));
  // A syntax error on a line indented with spaces gets no such hint.
  const auto spaces = expect_error(write_temp("name: x\n  start: 2000Q1\n"));
  CHECK_THAT(spaces.message(), !Catch::Contains("tab"));
}
