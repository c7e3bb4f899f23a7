#pragma once
// The memory limit of this process's control group. A limit may be set on any group between the
// process's own and the root (a container, a systemd slice, a job scheduler's step), and the
// smallest of them is the one the kernel enforces, so every ancestor is read, in cgroup v2
// (`memory.max`) and v1 (`memory/…/memory.limit_in_bytes`) alike.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace policysim::runner {

/// The smallest memory limit on the path from the process's control groups up to the root, read
/// under `cgroup_root` (normally /sys/fs/cgroup), for the groups that `proc_self_cgroup` (the text
/// of /proc/self/cgroup: `0::/path` for v2, `N:memory:/path` for v1) names. Nothing when no group
/// has a limit ("max", a v1 limit near 2^63, or no file).
std::optional<std::size_t> control_group_memory_limit(const std::filesystem::path& cgroup_root,
                                                      const std::string& proc_self_cgroup);

/// control_group_memory_limit() of this process: /sys/fs/cgroup and /proc/self/cgroup.
std::optional<std::size_t> own_control_group_memory_limit();

}  // namespace policysim::runner
