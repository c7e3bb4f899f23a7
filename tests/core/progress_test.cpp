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

TEST_CASE("a progress line says how long the rest takes at the pace so far", "[core][progress]") {
  using policysim::core::progress_line;
  // 40 of 100 in 12 s: 60 more at 0.3 s each is 18 s.
  CHECK(progress_line("runs", 40, 100, 12.0, false) == "runs 40/100 (40%) 12.0 s, about 18 s left");
  // 1 of 4 in 100 s: 3 more take 300 s = 5 min.
  CHECK(progress_line("runs", 1, 4, 100.0, false) ==
        "runs 1/4 (25%) 100.0 s, about 5 min 0 s left");
  // Nothing done yet, all done, or the final line: no time left is claimed.
  CHECK(progress_line("runs", 0, 4, 3.0, false) == "runs 0/4 (0%) 3.0 s");
  CHECK(progress_line("runs", 4, 4, 3.0, false) == "runs 4/4 (100%) 3.0 s");
  CHECK(progress_line("runs", 3, 4, 3.0, true) == "runs 3/4 (75%) 3.0 s");
}

TEST_CASE("progress with nothing to do says so instead of 0/0 (100%)", "[core][progress]") {
  std::ostringstream out;
  { Progress progress("runs", 0, out, false, std::chrono::milliseconds(0)); }
  CHECK(out.str() == "runs: none to do\n");
}
