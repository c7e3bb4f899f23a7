#include "sim/store/folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include <nlohmann/json.hpp>

#include "sim/core/process_info.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::store {
namespace {

std::string read_all(int fd) {
  std::string text;
  std::array<char, 4096> buffer{};
  off_t offset = 0;
  for (;;) {
    const ssize_t got = pread(fd, buffer.data(), buffer.size(), offset);
    if (got <= 0) break;
    text.append(buffer.data(), static_cast<std::size_t>(got));
    offset += got;
  }
  return text;
}

}  // namespace

std::string describe_lock_holder(const std::string& text) {
  const auto holder = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!holder.is_object()) return "a process that has not yet said who it is";
  const auto field = [&](const char* key) {
    const auto it = holder.find(key);
    if (it == holder.end()) return std::string("?");
    return it->is_string() ? it->get<std::string>() : it->dump();
  };
  return "pid " + field("pid") + " on " + field("host") + " since " + field("started_at") + ": " +
         field("command");
}

FolderLock FolderLock::acquire(const std::filesystem::path& folder) {
  const std::filesystem::path path = folder / kLockFileName;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int error = errno;
    const bool read_only = error == EACCES || error == EROFS || error == EPERM;
    throw StoreError(
        "cannot write to " + folder.string() + " (" + std::strerror(error) + " creating its " +
            kLockFileName + ")" +
            (read_only ? ": the folder is read-only for you; write the results elsewhere with "
                         "-o DIR"
                       : "; write the results elsewhere with -o DIR"),
        StoreError::cannot_create_output);
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    const std::string holder = read_all(fd);
    ::close(fd);
    if (error == EWOULDBLOCK) {
      throw StoreError(folder.string() + " is in use by another policysim process (" +
                           describe_lock_holder(holder) +
                           "). One process writes to a results folder at a time: wait for it to "
                           "finish, or write to another directory with -o DIR",
                       StoreError::cannot_create_output);
    }
    throw StoreError("cannot lock " + path.string() + ": " + std::strerror(error),
                     StoreError::cannot_create_output);
  }
  // Who holds it, for the next process to be told. The lock itself does not depend on this text,
  // so a failure to write it (a full disk) is not an error.
  const nlohmann::json holder = {{"pid", static_cast<long>(getpid())},
                                 {"host", core::host_name()},
                                 {"command", core::command_line()},
                                 {"started_at", core::utc_now()}};
  const std::string text = holder.dump() + "\n";
  if (ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const ssize_t written = pwrite(fd, text.data(), text.size(), 0);
  }
  return FolderLock(fd, path);
}

FolderLock::~FolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
}

FolderLock::FolderLock(FolderLock&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

}  // namespace policysim::store
