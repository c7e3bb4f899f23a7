// `policysim list parameters|instruments|outcomes|metrics|events|regions [--json]`: what a
// scenario can set and what a run reports, from the model's own tables (runner/catalogue.hpp);
// `policysim list glossary` prints docs/glossary.md, made from the same tables.

#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/build_info.hpp"
#include "sim/runner/catalogue.hpp"
#include "sim/scenario/region_data.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/value_reader.hpp"

namespace policysim::cli {
namespace {

using nlohmann::json;

struct ListOptions {
  std::string what;
  bool json = false;
  std::filesystem::path data_dir;
  std::filesystem::path scenario;
};

// A column of a printed list: its header and the cell of an entry.
struct Column {
  std::string header;
  std::function<std::string(const json&)> cell;
};

std::string number(const json& value) { return scenario::format_number(value.get<double>()); }

Column field(const std::string& header, const std::string& key) {
  return {header, [key](const json& entry) {
            const json& value = entry.at(key);
            if (value.is_string()) return value.get<std::string>();
            if (value.is_boolean()) return std::string(value.get<bool>() ? "yes" : "");
            return value.is_number_float() ? number(value) : value.dump();
          }};
}

Column range(const std::string& header, const std::string& key) {
  return {header, [key](const json& entry) {
            return number(entry.at(key)[0]) + " to " + number(entry.at(key)[1]);
          }};
}

std::vector<Column> columns_of(const std::string& what) {
  if (what == "parameters") {
    return {field("name", "name"),       field("symbol", "symbol"),
            field("default", "default"), range("plausible range", "plausible_range"),
            field("unit", "unit"),       field("description", "description")};
  }
  if (what == "instruments") {
    std::vector<Column> columns = {field("name", "name"), field("visibility", "visibility")};
    for (const char* reform : {"law", "victim", "multi", "unit"}) {
      columns.push_back({std::string("effect on ") + reform, [reform](const json& entry) {
                           return number(entry.at("effects").at(reform));
                         }});
    }
    columns.push_back(field("builds ties", "builds_ties"));
    columns.push_back(field("description", "description"));
    return columns;
  }
  if (what == "outcomes") {
    return {field("name", "name"), field("unit", "unit"), field("description", "description")};
  }
  if (what == "metrics") {
    return {field("table", "table"), field("name", "name"), field("unit", "unit"),
            field("description", "description")};
  }
  if (what == "events") {
    return {field("kind", "kind"), field("name", "name"), field("description", "description")};
  }
  if (what == "districts") {
    return {field("district", "name"), field("centre", "centre"), field("regions", "regions")};
  }
  return {field("index", "index"),
          field("code", "code"),
          field("name", "name"),
          field("district", "district"),
          field("district centre", "district_centre"),
          field("national centre", "national_centre"),
          field("high exposure", "high_exposure")};
}

// Columns padded to their widest cell; the last column runs on.
void print_text(std::ostream& out, const std::vector<Column>& columns, const json& entries) {
  std::vector<std::vector<std::string>> rows(1);
  for (const Column& column : columns) rows[0].push_back(column.header);
  for (const json& entry : entries) {
    rows.emplace_back();
    for (const Column& column : columns) rows.back().push_back(column.cell(entry));
  }
  // Widths in characters, not bytes: descriptions hold Greek letters and dashes.
  const auto width = [](const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  };
  std::vector<std::size_t> widths(columns.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], width(row[c]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - width(row[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

std::string markdown_cell(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '|') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

void print_markdown(std::ostream& out, const std::vector<Column>& columns, const json& entries) {
  out << '|';
  for (const Column& column : columns) out << ' ' << column.header << " |";
  out << "\n|";
  for (std::size_t c = 0; c < columns.size(); ++c) out << "---|";
  out << '\n';
  for (const json& entry : entries) {
    out << '|';
    for (const Column& column : columns) out << ' ' << markdown_cell(column.cell(entry)) << " |";
    out << '\n';
  }
}

// The glossary page: every list of the model (not the regions, which depend on the data).
void print_glossary(std::ostream& out) {
  out << "# Glossary\n\n"
         "What a scenario can set and what a run reports, from the model's own tables. This page "
         "is\n"
         "the output of `policysim list glossary`, and a test checks that it still is: change the\n"
         "tables in `sim/model/` (metrics.hpp, events.hpp, instrument.hpp, parameter_table.cpp),\n"
         "then rewrite it with `policysim list glossary > docs/glossary.md`. Each list is also\n"
         "printed by `policysim list KIND` (add `--json` for a program); `policysim list regions`\n"
         "lists the regions and districts of the region data.\n";
  const std::vector<std::pair<std::string, std::string>> sections = {
      {"parameters",
       "Parameters (scenario key `parameters:`). A scenario may write the spec's symbol instead of "
       "the name (`beta_R: 3` sets `beta_resistance`). The default is MODEL.md §7's prior; the "
       "plausible range is for sweeps; values outside the valid range are an error."},
      {"instruments",
       "Instruments (an intervention's `instrument:`), with their default visibility and direct "
       "effects on each reform's adoption hazard (logit units); both are parameters "
       "(`visibility.NAME`, `effect.NAME.REFORM`), and an intervention may override its "
       "visibility."},
      {"outcomes", "Outcomes: one value per run, the columns of the results' `runs` table."},
      {"metrics",
       "Metrics: the columns of `series` (national, per quarter) and `region_series` (per quarter "
       "and region, with `--regions`)."},
      {"events",
       "Events: the federal events a scenario may force (`forced_events:`), and the kinds of the "
       "results' `events` table."},
  };
  for (const auto& [what, text] : sections) {
    out << "\n## " << what << "\n\n" << text << "\n\n";
    print_markdown(out, columns_of(what), [&what = what] {
      if (what == "parameters") return runner::parameter_catalogue();
      if (what == "instruments") return runner::instrument_catalogue();
      if (what == "outcomes") return runner::outcome_catalogue();
      if (what == "metrics") return runner::metric_catalogue();
      return runner::event_catalogue();
    }());
  }
}

// The region data to list: --scenario's country, else --data-dir, else the data a scenario in
// the working directory would find, else the shipped data of this build's source tree.
std::optional<model::Country> country_to_list(const ListOptions& options, std::string& problem) {
  if (!options.scenario.empty()) {
    return scenario::load_country(scenario::load_scenario(options.scenario));
  }
  std::filesystem::path dir = options.data_dir;
  if (dir.empty()) dir = scenario::find_data_dir(std::filesystem::current_path());
  if (dir.empty()) {
    dir = scenario::find_data_dir(std::filesystem::path(POLICYSIM_SOURCE_DIR) / "scenarios");
  }
  std::error_code error;
  if (dir.empty() || !std::filesystem::exists(dir / scenario::kRegionsFile, error)) {
    problem = "no region data: " +
              (dir.empty() ? std::string("found no data/") + std::string(scenario::kRegionsFile)
                           : (dir / scenario::kRegionsFile).string() + " does not exist") +
              "; give the folder holding it with --data-dir DIR, or a scenario with --scenario "
              "FILE";
    return std::nullopt;
  }
  return scenario::load_russia_regions(dir);
}

int list(const ListOptions& options) {
  if (options.what == "glossary") {
    print_glossary(std::cout);
    return core::kOk;
  }
  json entries;
  json districts;
  if (options.what == "parameters") entries = runner::parameter_catalogue();
  if (options.what == "instruments") entries = runner::instrument_catalogue();
  if (options.what == "outcomes") entries = runner::outcome_catalogue();
  if (options.what == "metrics") entries = runner::metric_catalogue();
  if (options.what == "events") entries = runner::event_catalogue();
  if (options.what == "regions") {
    std::string problem;
    const auto country = country_to_list(options, problem);
    if (!country) {
      std::cerr << "policysim: " << problem << '\n';
      return core::kMissingInput;
    }
    entries = runner::region_catalogue(*country);
    districts = runner::district_catalogue(*country);
  }
  if (options.json) {
    json document = {{options.what, entries}};
    if (!districts.is_null()) document["districts"] = districts;
    std::cout << document.dump(2) << '\n';
    return core::kOk;
  }
  print_text(std::cout, columns_of(options.what), entries);
  if (!districts.is_null()) {
    std::cout << '\n';
    print_text(std::cout, columns_of("districts"), districts);
  }
  return core::kOk;
}

}  // namespace

void add_list_command(CLI::App& app, Action& action) {
  auto* command = app.add_subcommand(
      "list",
      "List the parameters, instruments, outcomes, metrics, events or regions (--json for a "
      "program); `list glossary` prints docs/glossary.md");
  auto options = std::make_shared<ListOptions>();
  std::vector<std::string> kinds(runner::kCatalogueKinds.begin(), runner::kCatalogueKinds.end());
  kinds.emplace_back("glossary");
  command->add_option("what", options->what, "What to list")
      ->required()
      ->check(CLI::IsMember(kinds));
  command->add_flag("--json", options->json, "Print JSON: {\"WHAT\": [one object per entry]}");
  auto* data_dir = command->add_option("--data-dir", options->data_dir,
                                       "Regions: the folder holding the region data");
  command->add_option("--scenario", options->scenario, "Regions: the country of this scenario")
      ->excludes(data_dir);
  command->callback([&action, options] {
    action = [options]() -> int {
      if (options->what == "glossary" && options->json) {
        std::cerr << "policysim: `list glossary` prints Markdown; for JSON list one kind, e.g. "
                     "`list parameters --json`\n";
        return core::kUsage;
      }
      return list(*options);
    };
  });
}

}  // namespace policysim::cli
