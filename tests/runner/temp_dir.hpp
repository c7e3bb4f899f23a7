#pragma once
// A fresh folder for one test's output databases, removed again when the test ends.

#include <unistd.h>

#include <filesystem>
#include <string>

namespace policysim::runner::testing {

/// An empty folder under the system's temporary directory, named after the test and this
/// process (ctest runs each test case in its own process).
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name)
      : path(std::filesystem::temp_directory_path() /
             ("policysim-runner-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

}  // namespace policysim::runner::testing
