#include "sim/runner/control_group.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace policysim::runner {
namespace {

// cgroup v1 writes "no limit" as the largest page-aligned signed 64-bit number; anything from
// 2^62 on is no limit that a machine could reach.
constexpr std::size_t kNoLimitFrom = std::size_t{1} << 62;

// A group's limit in bytes; nothing for "max", a file that is not there, or no real limit.
std::optional<std::size_t> limit_in_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::size_t limit = 0;
  if (in >> limit && limit < kNoLimitFrom) return limit;
  return std::nullopt;
}

// The smallest limit in `file_name` of the group `group` (a path like "/a/b" under
// `hierarchy`) and of its ancestors up to the hierarchy's root.
std::optional<std::size_t> smallest_limit_up_from(const std::filesystem::path& hierarchy,
                                                  const std::string& group, const char* file_name) {
  std::optional<std::size_t> smallest;
  std::filesystem::path relative = std::filesystem::path(group).relative_path();
  while (true) {
    if (const auto limit = limit_in_file(hierarchy / relative / file_name)) {
      smallest = smallest ? std::min(*smallest, *limit) : limit;
    }
    if (relative.empty()) break;
    relative = relative.parent_path();
  }
  return smallest;
}

// Whether the comma-separated controller list names the memory controller.
bool names_memory(const std::string& controllers) {
  std::istringstream list(controllers);
  std::string controller;
  while (std::getline(list, controller, ',')) {
    if (controller == "memory") return true;
  }
  return false;
}

}  // namespace

std::optional<std::size_t> control_group_memory_limit(const std::filesystem::path& cgroup_root,
                                                      const std::string& proc_self_cgroup) {
  std::optional<std::size_t> smallest;
  const auto take = [&smallest](std::optional<std::size_t> limit) {
    if (limit) smallest = smallest ? std::min(*smallest, *limit) : limit;
  };
  std::istringstream lines(proc_self_cgroup);
  std::string line;
  while (std::getline(lines, line)) {
    // hierarchy-id:controllers:path, where the path may itself hold colons.
    const auto first = line.find(':');
    const auto second = first == std::string::npos ? first : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    const std::string id = line.substr(0, first);
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const std::string group = line.substr(second + 1);
    if (id == "0" && controllers.empty()) {
      take(smallest_limit_up_from(cgroup_root, group, "memory.max"));
    } else if (names_memory(controllers)) {
      take(smallest_limit_up_from(cgroup_root / "memory", group, "memory.limit_in_bytes"));
    }
  }
  return smallest;
}

std::optional<std::size_t> own_control_group_memory_limit() {
  std::ifstream file("/proc/self/cgroup");
  std::ostringstream text;
  text << file.rdbuf();
  // Without /proc, the root groups' limits are still worth reading.
  const std::string groups = file ? text.str() : "0::/\n1:memory:/\n";
  return control_group_memory_limit("/sys/fs/cgroup", groups);
}

}  // namespace policysim::runner
