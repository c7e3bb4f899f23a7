#include "sim/scenario/map_reader.hpp"

#include <algorithm>

#include "sim/scenario/did_you_mean.hpp"

namespace policysim::scenario {

MapReader::MapReader(const YamlNode& node, Diagnostics& diagnostics, std::string context,
                     std::span<const std::string_view> valid_keys)
    : node_(&node),
      diagnostics_(&diagnostics),
      context_(std::move(context)),
      valid_keys_(valid_keys.begin(), valid_keys.end()) {
  if (!node.is_map()) {
    diagnostics.error(node.mark, "expected a map of `key: value` for `" + context_ + "`, got " +
                                     std::string(kind_name(node)) +
                                     "; valid keys: " + join_names(valid_keys_));
    return;
  }
  std::size_t unknown_keys = 0;
  for (const auto& [key, value] : node.entries) {
    if (std::find(valid_keys_.begin(), valid_keys_.end(), key.text) != valid_keys_.end()) continue;
    // Past the first kMaxReportedProblems in this map a problem is never shown (the earlier ones
    // come first), so it is only counted, without the cost of a suggestion.
    diagnostics.error(key.mark,
                      ++unknown_keys <= kMaxReportedProblems
                          ? unknown_name_message("key", key.text, valid_keys_, "keys", context_)
                          : "unknown key");
  }
}

const YamlNode* MapReader::get(std::string_view key) const {
  if (!node_->is_map()) return nullptr;
  for (const auto& [k, value] : node_->entries) {
    if (k.text == key) return &value;
  }
  return nullptr;
}

const YamlNode* MapReader::require(std::string_view key) const {
  const YamlNode* value = get(key);
  if (!value && node_->is_map()) {
    diagnostics_->error(node_->mark, "missing required key `" + std::string(key) + "` in `" +
                                         context_ + "`; add `" + std::string(key) + ": ...`");
  }
  return value;
}

}  // namespace policysim::scenario
