#include "sim/core/progress.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using policysim::core::Progress;

TEST_CASE("progress writes plain lines when stderr is not a terminal", "[core][progress]") {
  std::ostringstream out;
  {
    Progress progress("runs", 4, out, false, std::chrono::milliseconds(0));
    progress.advance();
    progress.advance(3);
    CHECK(progress.done() == 4);
  }
  const std::string text = out.str();
  CHECK(text.find("runs 1/4 (25%)") != std::string::npos);
  CHECK(text.find("runs 4/4 (100%)") != std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("progress redraws a bar in place on a terminal", "[core][progress]") {
  std::ostringstream out;
  Progress progress("runs", 2, out, true, std::chrono::milliseconds(0));
  progress.advance();
  progress.finish();
  const std::string text = out.str();
  CHECK(text.find("\r[###############               ] runs 1/2") != std::string::npos);
  CHECK(text.back() == '\n');
}

TEST_CASE("progress lines are rate-limited", "[core][progress]") {
  std::ostringstream out;
  Progress progress("runs", 1000, out, false, std::chrono::hours(1));
  for (int i = 0; i < 1000; ++i) progress.advance();
  progress.finish();
  // Only the final line: the interval never elapsed.
  const std::string text = out.str();
  CHECK(text.starts_with("runs 1000/1000 (100%) "));
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
  CHECK(text.back() == '\n');
}
