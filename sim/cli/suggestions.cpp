#include "sim/cli/suggestions.hpp"

#include <algorithm>
#include <vector>

#include "sim/scenario/did_you_mean.hpp"

namespace policysim::cli {
namespace {

std::vector<std::string> option_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
    for (const auto& name : option->get_snames()) names.push_back("-" + name);
  }
  return names;
}

// "; did you mean `--reps`?" for `--rep`, or "". Names are matched without their dashes, which
// would otherwise count as shared letters and make `--bogus` look close to `--out`.
std::string suggestion(const std::string& option, const std::vector<std::string>& names) {
  const auto bare = [](const std::string& name) {
    return name.substr(std::min(name.find_first_not_of('-'), name.size()));
  };
  std::vector<std::string> bare_names;
  bare_names.reserve(names.size());
  for (const auto& name : names) bare_names.push_back(bare(name));
  const auto closest = scenario::closest_name(bare(option), bare_names);
  if (!closest) return "";
  const auto at = std::find(bare_names.begin(), bare_names.end(), *closest) - bare_names.begin();
  return "; did you mean `" + names[static_cast<std::size_t>(at)] + "`?";
}

}  // namespace

std::string unknown_subcommand_message(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2) return {};
  const std::string word = argv[1];
  if (word.empty() || word.front() == '-') return {};
  std::vector<std::string> names;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->check_name(word)) return {};
    names.push_back(command->get_name());
  }
  return scenario::unknown_name_message("subcommand", word, names, "subcommands") +
         " (policysim --help lists them)";
}

std::string unknown_option_message(CLI::App& app) {
  std::string message;
  for (CLI::App* command : app.get_subcommands()) {
    const std::vector<std::string> names = option_names(*command);
    for (const std::string& extra : command->remaining()) {
      if (extra.size() < 2 || extra.front() != '-') continue;
      // "--rep=3" is the option --rep with a value.
      const std::string option = extra.substr(0, extra.find('='));
      if (!message.empty()) message += '\n';
      message += "policysim " + command->get_name() + ": unknown option `" + option + "`" +
                 suggestion(option, names) + "; valid options: " + scenario::join_names(names);
    }
  }
  return message;
}

}  // namespace policysim::cli
