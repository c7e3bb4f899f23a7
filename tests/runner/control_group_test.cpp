#include "sim/runner/control_group.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "sim/core/temporary_folder.hpp"

using namespace policysim::runner;
using TempDir = policysim::core::TemporaryFolder;

namespace {

constexpr std::size_t kMiB = 1048576;

// Writes `text` to root/relative, making its folders.
void write(const std::filesystem::path& root, const std::string& relative,
           const std::string& text) {
  const auto file = root / relative;
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text << '\n';
}

}  // namespace

TEST_CASE("cgroup v2: the smallest memory.max from the process's group up to the root",
          "[runner][memory]") {
  const TempDir root("cgroup-v2");
  // The root has no memory.max (as on a real root); a slice allows 2 GiB, the job's group
  // 400 MiB, and the process sits one level further down, in a group with no limit of its own.
  write(root.path(), "user.slice/memory.max", std::to_string(2048 * kMiB));
  write(root.path(), "user.slice/job/memory.max", std::to_string(400 * kMiB));
  write(root.path(), "user.slice/job/step/memory.max", "max");
  CHECK(control_group_memory_limit(root.path(), "0::/user.slice/job/step\n") == 400 * kMiB);
  // A sibling that is not an ancestor does not count.
  write(root.path(), "user.slice/other/memory.max", std::to_string(100 * kMiB));
  CHECK(control_group_memory_limit(root.path(), "0::/user.slice/job/step\n") == 400 * kMiB);
  // Higher up, the slice's 2 GiB is the limit; at the root, nothing is.
  CHECK(control_group_memory_limit(root.path(), "0::/user.slice\n") == 2048 * kMiB);
  CHECK_FALSE(control_group_memory_limit(root.path(), "0::/\n"));
  // A parent smaller than its child wins: the kernel enforces both.
  write(root.path(), "user.slice/job/memory.max", std::to_string(4096 * kMiB));
  CHECK(control_group_memory_limit(root.path(), "0::/user.slice/job/step\n") == 2048 * kMiB);
}

TEST_CASE("cgroup v1: memory.limit_in_bytes in the memory hierarchy, other controllers ignored",
          "[runner][memory]") {
  const TempDir root("cgroup-v1");
  // v1's "no limit" is 2^63 rounded down to a page, 9223372036854771712.
  write(root.path(), "memory/memory.limit_in_bytes", "9223372036854771712");
  write(root.path(), "memory/batch/memory.limit_in_bytes", "9223372036854771712");
  write(root.path(), "memory/batch/run7/memory.limit_in_bytes", std::to_string(400 * kMiB));
  // A file of the same name in another controller's hierarchy means nothing.
  write(root.path(), "cpu/batch/run7/memory.limit_in_bytes", std::to_string(kMiB));
  const std::string groups =
      "9:name=systemd:/\n"
      "4:memory:/batch/run7\n"
      "1:cpu:/batch/run7\n"
      "0::/\n";
  CHECK(control_group_memory_limit(root.path(), groups) == 400 * kMiB);
  // Controllers mounted together ("cpu,memory") still name the memory hierarchy.
  CHECK(control_group_memory_limit(root.path(), "4:cpu,memory:/batch/run7\n") == 400 * kMiB);
  CHECK_FALSE(control_group_memory_limit(root.path(), "4:memory:/batch\n"));
}

TEST_CASE("a group named in /proc/self/cgroup but not mounted falls back to the root's limit",
          "[runner][memory]") {
  // In a container without its own cgroup namespace the path names the host's group, and the
  // container's group is mounted as the root.
  const TempDir root("cgroup-namespace");
  write(root.path(), "memory.max", std::to_string(512 * kMiB));
  CHECK(control_group_memory_limit(root.path(), "0::/docker/0123abcd\n") == 512 * kMiB);
  // Nothing to read at all: no limit.
  CHECK_FALSE(control_group_memory_limit(root.path() / "absent", "0::/docker/0123abcd\n"));
  CHECK_FALSE(control_group_memory_limit(root.path(), ""));
}
