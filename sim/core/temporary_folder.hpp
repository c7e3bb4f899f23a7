#pragma once
// A folder that lives as long as the object that made it: for output nobody keeps (a benchmark's
// databases, a test's files).

#include <filesystem>
#include <string>
#include <string_view>

namespace policysim::core {

/// A fresh, empty folder under the system's temporary directory, removed with everything in it
/// when this object goes (a failure to remove it is ignored: it lies in the temporary directory).
class TemporaryFolder {
 public:
  /// Named policysim-<label>-<process id>-<n>, n counting the folders this process made, so that
  /// concurrent processes and several folders of one process never meet. A folder of that name
  /// left by an earlier process of the same id is emptied first.
  explicit TemporaryFolder(std::string_view label);
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// path() / name.
  std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace policysim::core
