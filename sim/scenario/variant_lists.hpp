#pragma once
// How a variant (a file with `extends:`) changes the donors, interventions and targets it inherits:
// `<list>_remove` (names, or `all`), `<list>_replace` (items whose names exist) and `<list>_add`
// (items with new names), applied in that order to the base's list, so the resolved scenario is a
// plain list again. A bare `donors:` or `interventions:` still replaces the inherited list, with a
// warning when that drops inherited items.

#include <array>
#include <string>
#include <string_view>

#include "sim/scenario/scenario_error.hpp"
#include "sim/scenario/yaml_reader.hpp"

namespace policysim::scenario::detail {

/// The top-level keys that change an inherited list; valid only in a variant.
inline constexpr std::array<std::string_view, 9> kVariantListKeys = {
    "donors_remove",        "donors_replace",        "donors_add",
    "interventions_remove", "interventions_replace", "interventions_add",
    "targets_remove",       "targets_replace",       "targets_add"};

/// True for a key of kVariantListKeys.
bool is_variant_list_key(std::string_view key);

/// Applies the variant `child`'s `donors`/`interventions`/`targets` keys and their `_remove`,
/// `_replace` and
/// `_add` keys to `merged` (the base's resolved tree, read from `base_file`). Problems are
/// recorded at the child's marks; a removed donor that inherited interventions still use is one.
void apply_variant_lists(YamlNode& merged, const YamlNode& child, const std::string& base_file,
                         Diagnostics& diagnostics);

}  // namespace policysim::scenario::detail
