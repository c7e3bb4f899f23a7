#pragma once
// One writer per results folder. The lock is an flock(2) on a lock file in the folder, so the
// kernel releases it when the holder exits, however it exits (a crash or SIGKILL too): there is
// never a stale lock to clear by hand. The file also records who holds it, so that a second
// writer can be told whom it waits for.

#include <filesystem>
#include <string>

namespace policysim::store {

/// The name of the lock file inside a results folder.
inline constexpr const char* kLockFileName = "policysim.lock";

/// An exclusive lock on a results folder, held until destruction.
class FolderLock {
 public:
  /// Takes the lock of `folder` (which must exist) at once or throws StoreError (73): naming
  /// the holder when another process has it, saying so when the folder is read-only.
  static FolderLock acquire(const std::filesystem::path& folder);

  ~FolderLock();
  FolderLock(FolderLock&& other) noexcept;
  FolderLock& operator=(FolderLock&& other) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  /// The lock file.
  const std::filesystem::path& path() const { return path_; }

 private:
  FolderLock(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

/// What the lock file's text says of its holder, as one line ("pid 12 on host h since T:
/// policysim run ..."); `text` is the file's content.
std::string describe_lock_holder(const std::string& text);

}  // namespace policysim::store
