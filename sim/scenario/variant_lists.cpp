#include "sim/scenario/variant_lists.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::scenario::detail {
namespace {

/// A named list a variant may change, and how messages speak of its items.
struct NamedList {
  std::string_view key;    ///< "interventions"
  std::string_view thing;  ///< "intervention"
  std::string_view example;
  /// Whether a bare list that drops inherited items is worth a warning: not for targets, which
  /// a variant judged on other facts replaces on purpose (`targets: []`).
  bool warn_on_drop = true;
};

constexpr NamedList kLists[] = {
    {"donors", "donor", "[US implementers]"},
    {"interventions", "intervention", "[Task force tour, Legislation push]"},
    {"targets", "target", "[law passed in 2003-04]", false},
};

std::string key_of(const NamedList& list, std::string_view suffix) {
  return std::string(list.key) + std::string(suffix);
}

const YamlNode::Entry* find_entry(const YamlNode& map, std::string_view key) {
  auto it = std::find_if(map.entries.begin(), map.entries.end(),
                         [&](const YamlNode::Entry& e) { return e.key.text == key; });
  return it == map.entries.end() ? nullptr : &*it;
}

YamlNode::Entry* find_entry(YamlNode& map, std::string_view key) {
  auto it = std::find_if(map.entries.begin(), map.entries.end(),
                         [&](const YamlNode::Entry& e) { return e.key.text == key; });
  return it == map.entries.end() ? nullptr : &*it;
}

/// The scalar `key` of a map item, or "" (items without one are reported by the typed readers).
std::string field_text(const YamlNode& item, std::string_view key) {
  if (!item.is_map()) return {};
  const YamlNode::Entry* entry = find_entry(item, key);
  return entry && entry->value.is_scalar() ? entry->value.text : std::string();
}

std::vector<std::string> names_in(const YamlNode& list) {
  std::vector<std::string> names;
  for (const auto& item : list.items) {
    if (std::string name = field_text(item, "name"); !name.empty()) names.push_back(name);
  }
  return names;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// "a, b, c" for up to five names, then "and N more".
std::string some_names(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 5;
  if (names.size() <= kShown) return join_names(names);
  const std::vector<std::string> shown(names.begin(), names.begin() + kShown);
  return join_names(shown) + " and " + std::to_string(names.size() - kShown) + " more";
}

/// A removed donor and where the variant removed it.
struct Removal {
  std::string name;
  Mark mark;
};

class ListChanger {
 public:
  ListChanger(const NamedList& list, const std::string& base_file, Diagnostics& diagnostics)
      : list_(list), base_file_(base_file), diagnostics_(diagnostics) {}

  void remove(YamlNode& inherited, const YamlNode& node, std::vector<Removal>& removals) {
    const std::string key = key_of(list_, "_remove");
    const auto known = names_in(inherited);
    if (node.is_scalar() && node.text == "all") {
      for (const auto& name : known) removals.push_back({name, node.mark});
      inherited.items.clear();
      return;
    }
    if (!node.is_sequence()) {
      diagnostics_.error(node.mark, "expected a list of " + std::string(list_.thing) +
                                        " names or `all` for `" + key + "`, e.g. " +
                                        std::string(list_.example));
      return;
    }
    std::vector<std::string> removed;
    for (const auto& item : node.items) {
      auto name = read_string(item, diagnostics_, "an item of `" + key + "`");
      if (!name) continue;
      if (!contains(known, *name)) {
        diagnostics_.error(
            item.mark, unknown_name_message(list_.thing, *name, known, list_.key, key) + " (the " +
                           std::string(list_.key) + " inherited from " + base_file_ + ")");
        continue;
      }
      if (contains(removed, *name)) {
        diagnostics_.error(item.mark, std::string(list_.thing) + " `" + *name + "` is named " +
                                          "twice in `" + key + "`; name it once");
        continue;
      }
      removed.push_back(*name);
      removals.push_back({*name, item.mark});
    }
    std::erase_if(inherited.items, [&](const YamlNode& item) {
      return contains(removed, field_text(item, "name"));
    });
  }

  void replace(YamlNode& inherited, const YamlNode& node) {
    const std::string key = key_of(list_, "_replace");
    if (!is_list(node, key)) return;
    const auto known = names_in(inherited);
    std::vector<std::string> replaced;
    for (const auto& item : node.items) {
      const std::string name = field_text(item, "name");
      if (name.empty()) {
        diagnostics_.error(item.mark, "each item of `" + key + "` needs a `name`: the inherited " +
                                          std::string(list_.thing) + " it replaces");
        continue;
      }
      auto it = std::find_if(inherited.items.begin(), inherited.items.end(),
                             [&](const YamlNode& old) { return field_text(old, "name") == name; });
      if (it == inherited.items.end()) {
        diagnostics_.error(name_mark(item),
                           unknown_name_message(list_.thing, name, known, list_.key, key) +
                               " (the " + std::string(list_.key) + " inherited from " + base_file_ +
                               "); use `" + key_of(list_, "_add") + "` for a new " +
                               std::string(list_.thing));
        continue;
      }
      if (contains(replaced, name)) {
        std::string message(list_.thing);
        message += " `";
        message += name;
        message += "` is replaced twice in `";
        message += key;
        message += "`; keep one";
        diagnostics_.error(name_mark(item), message);
        continue;
      }
      replaced.push_back(name);
      *it = item;  // in place, so the order of the list (and of its donors' indices) is kept
    }
  }

  void add(YamlNode& inherited, const YamlNode& node) {
    const std::string key = key_of(list_, "_add");
    if (!is_list(node, key)) return;
    const auto known = names_in(inherited);
    for (const auto& item : node.items) {
      const std::string name = field_text(item, "name");
      if (!name.empty() && contains(known, name)) {
        diagnostics_.error(name_mark(item), std::string(list_.thing) + " `" + name +
                                                "` is already inherited from " + base_file_ +
                                                "; use `" + key_of(list_, "_replace") +
                                                "` to change it, or give the new one another name");
        continue;
      }
      inherited.items.push_back(item);
    }
  }

  /// A bare list replaces the inherited one; says so when that drops inherited items.
  void warn_if_dropping(const YamlNode::Entry& bare, const YamlNode* inherited) {
    if (!inherited || !inherited->is_sequence() || !bare.value.is_sequence()) return;
    const auto kept = names_in(bare.value);
    std::vector<std::string> dropped;
    for (const auto& name : names_in(*inherited)) {
      if (!contains(kept, name)) dropped.push_back(name);
    }
    if (dropped.empty()) return;
    const std::string key(list_.key);
    diagnostics_.warning(bare.key.mark,
                         "`" + key + "` replaces the " + std::to_string(inherited->items.size()) +
                             " " + key + " inherited from " + base_file_ + " and drops " +
                             std::to_string(dropped.size()) + " of them (" + some_names(dropped) +
                             "); to keep them and add yours, write `" + key_of(list_, "_add") +
                             ":` instead; to drop them on purpose, write `" +
                             key_of(list_, "_remove") + ": all` (or name them) before `" +
                             key_of(list_, "_add") + ":`");
  }

 private:
  bool is_list(const YamlNode& node, const std::string& key) {
    if (node.is_sequence()) return true;
    diagnostics_.error(node.mark, "expected a list for `" + key + "`, got " +
                                      std::string(kind_name(node)) +
                                      "; write items as `- {name: " + "..., ...}`");
    return false;
  }

  static Mark name_mark(const YamlNode& item) {
    const YamlNode::Entry* entry = find_entry(item, "name");
    return entry ? entry->value.mark : item.mark;
  }

  const NamedList& list_;
  const std::string& base_file_;
  Diagnostics& diagnostics_;
};

/// Interventions left in `merged` that still name a removed donor (not added back under the same
/// name): one error per such donor.
void check_removed_donors(const YamlNode& merged, const std::vector<Removal>& removals,
                          Diagnostics& diagnostics) {
  const YamlNode::Entry* interventions = find_entry(merged, "interventions");
  const YamlNode::Entry* donors = find_entry(merged, "donors");
  if (!interventions || !interventions->value.is_sequence()) return;
  const auto donor_names =
      donors && donors->value.is_sequence() ? names_in(donors->value) : std::vector<std::string>{};
  for (const auto& removal : removals) {
    if (contains(donor_names, removal.name)) continue;
    std::vector<std::string> users;
    for (const auto& item : interventions->value.items) {
      if (field_text(item, "donor") == removal.name) users.push_back(field_text(item, "name"));
    }
    if (users.empty()) continue;
    diagnostics.error(removal.mark, "donor `" + removal.name + "` is removed, but " +
                                        std::to_string(users.size()) +
                                        " interventions still name it (" + some_names(users) +
                                        "); remove them too with `interventions_remove`, or give "
                                        "them another donor with `interventions_replace`");
  }
}

}  // namespace

bool is_variant_list_key(std::string_view key) {
  return std::find(kVariantListKeys.begin(), kVariantListKeys.end(), key) != kVariantListKeys.end();
}

void apply_variant_lists(YamlNode& merged, const YamlNode& child, const std::string& base_file,
                         Diagnostics& diagnostics) {
  std::vector<Removal> removed_donors;
  for (const NamedList& list : kLists) {
    const YamlNode::Entry* bare = find_entry(child, list.key);
    const YamlNode::Entry* removals = find_entry(child, key_of(list, "_remove"));
    const YamlNode::Entry* replacements = find_entry(child, key_of(list, "_replace"));
    const YamlNode::Entry* additions = find_entry(child, key_of(list, "_add"));
    const YamlNode::Entry* first_change =
        removals ? removals : (replacements ? replacements : additions);
    ListChanger changer(list, base_file, diagnostics);
    YamlNode::Entry* inherited = find_entry(merged, list.key);
    if (bare) {
      if (first_change) {
        diagnostics.error(first_change->key.mark,
                          "give either `" + std::string(list.key) + "` (a new list replacing the " +
                              "inherited one) or `" + key_of(list, "_remove") + "`/`" +
                              key_of(list, "_replace") + "`/`" + key_of(list, "_add") +
                              "` (changes to the inherited list), not both");
      }
      if (list.warn_on_drop)
        changer.warn_if_dropping(*bare, inherited ? &inherited->value : nullptr);
      if (inherited) {
        inherited->value = bare->value;
      } else {
        merged.entries.push_back(*bare);
      }
      continue;
    }
    if (!first_change) continue;
    if (!inherited) {
      merged.entries.push_back({first_change->key, YamlNode{}});
      merged.entries.back().key.text = list.key;
      inherited = &merged.entries.back();
    }
    YamlNode& items = inherited->value;
    if (items.is_null()) items.kind = YamlNode::Kind::sequence;
    if (!items.is_sequence()) continue;  // the base's own error, reported against the base
    std::vector<Removal> removed;
    if (removals) changer.remove(items, removals->value, removed);
    if (replacements) changer.replace(items, replacements->value);
    if (additions) changer.add(items, additions->value);
    if (list.key == "donors") removed_donors = std::move(removed);
  }
  check_removed_donors(merged, removed_donors, diagnostics);
}

}  // namespace policysim::scenario::detail
