#include "sim/core/temporary_folder.hpp"

#include <unistd.h>

#include <atomic>
#include <system_error>

namespace policysim::core {

TemporaryFolder::TemporaryFolder(std::string_view label) {
  static std::atomic<int> counter{0};
  std::string name("policysim-");
  name.append(label).append("-").append(std::to_string(::getpid()));
  name.append("-").append(std::to_string(counter++));
  path_ = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace policysim::core
