#include "sim/scenario/yaml_reader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <unordered_map>

namespace policysim::scenario {
namespace detail {

Mark to_mark(const YAML::Mark& mark) {
  if (mark.is_null()) return {};
  return {mark.line + 1, mark.column + 1};
}

/// Position (1-based) of byte `offset` in `text`.
Mark mark_of_offset(std::string_view text, std::size_t offset) {
  Mark mark{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++mark.line;
      mark.column = 1;
    } else {
      ++mark.column;
    }
  }
  return mark;
}

/// Offset of the first byte that makes `text` not UTF-8 text (a NUL or a bad sequence), if any.
std::optional<std::size_t> first_non_text_byte(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = bytes[i];
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;   // overlong
      if (c == 0xED) high = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > n) return i;
    if (bytes[i + 1] < low || bytes[i + 1] > high) return i;
    for (std::size_t k = 2; k < length; ++k) {
      if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) return i;
    }
    i += length;
  }
  return std::nullopt;
}

/// Whether the quoted scalar starting at byte `offset` of `text` is closed before the end of the
/// text. yaml-cpp 0.7 accepts a quote left open at the end of the file and swallows the rest of the
/// file into that one value, so every key after it would be reported missing instead.
bool quote_is_closed(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return true;
  const char quote = text[offset];
  if (quote != '"' && quote != '\'') return true;
  for (std::size_t i = offset + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: the next byte cannot close the string
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes
      } else {
        return true;
      }
    }
  }
  return false;
}

/// A hint for a syntax error on a line indented with a tab, which YAML forbids and yaml-cpp reports
/// only as an illegal entry.
std::string tab_hint(std::string_view text, const YAML::Mark& mark) {
  if (mark.is_null()) return "";
  std::size_t start = 0;
  for (int line = 0; line < mark.line && start != std::string_view::npos; ++line) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return "";
  const std::size_t indent_end = text.find_first_not_of(" \t", start);
  const std::string_view indent = text.substr(start, indent_end - start);
  if (indent.find('\t') == std::string_view::npos) return "";
  return "; this line is indented with a tab: YAML indents with spaces only";
}

/// "2.5 MiB (2621440 bytes)": a size a reader can take in, and the exact figure.
std::string size_text(std::uintmax_t bytes) {
  char mib[32];
  std::snprintf(mib, sizeof mib, "%.1f MiB", static_cast<double>(bytes) / (1u << 20));
  return std::string(mib) + " (" + std::to_string(bytes) + " bytes)";
}

/// Why a file of `bytes` is refused; `bytes` is a lower bound when it is limit + 1.
std::string too_large_message(std::uintmax_t bytes, std::size_t limit) {
  const std::string size = bytes == limit + 1 ? "more than " + size_text(limit) : size_text(bytes);
  return "the file is " + size + "; a scenario file may be at most " + size_text(limit) +
         ". Scenarios are a few kilobytes of YAML: check that this is the right file";
}

/// Copies a yaml-cpp tree into YamlNode, enforcing depth and node limits and rejecting duplicate
/// or non-scalar keys. yaml-cpp 0.7 accepts duplicate keys silently; a scenario must not.
class Converter {
 public:
  Converter(std::string_view text, const std::string& file, const YamlLimits& limits,
            Diagnostics& diagnostics)
      : text_(text), file_(file), limits_(limits), diagnostics_(diagnostics) {}

  YamlNode convert(const YAML::Node& node, std::size_t depth) {
    YamlNode out;
    out.mark = to_mark(node.Mark());
    if (++nodes_ > limits_.max_nodes) {
      throw ScenarioError(file_, out.mark,
                          "the document expands to more than " + std::to_string(limits_.max_nodes) +
                              " nodes (anchors and aliases?); a scenario needs far fewer");
    }
    if (depth > limits_.max_depth) {
      throw ScenarioError(file_, out.mark,
                          "nesting deeper than " + std::to_string(limits_.max_depth) +
                              " levels; a scenario needs only a few levels of maps and lists");
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out.kind = YamlNode::Kind::null;
        break;
      case YAML::NodeType::Scalar:
        out.kind = YamlNode::Kind::scalar;
        out.text = node.Scalar();
        if (!node.Mark().is_null() && node.Mark().pos >= 0 &&
            !quote_is_closed(text_, static_cast<std::size_t>(node.Mark().pos))) {
          diagnostics_.error(out.mark,
                             "this quote is never closed, so the rest of the file is "
                             "read as one value; add the closing " +
                                 std::string(1, text_[static_cast<std::size_t>(node.Mark().pos)]));
        }
        break;
      case YAML::NodeType::Sequence:
        out.kind = YamlNode::Kind::sequence;
        out.items.reserve(node.size());
        for (const auto& item : node) out.items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map: {
        out.kind = YamlNode::Kind::map;
        out.entries.reserve(node.size());
        std::unordered_map<std::string, Mark> seen;
        for (const auto& entry : node) {
          YamlNode key = convert(entry.first, depth + 1);
          if (!key.is_scalar()) {
            diagnostics_.error(key.mark,
                               "a key must be a plain name, not " + std::string(kind_name(key)));
            continue;
          }
          auto [where, inserted] = seen.emplace(key.text, key.mark);
          if (!inserted) {
            diagnostics_.error(key.mark, "duplicate key `" + key.text + "` (first given at line " +
                                             std::to_string(where->second.line) +
                                             "); give each key once");
            continue;
          }
          YamlNode value = convert(entry.second, depth + 1);
          // A key with nothing after the colon has no mark of its own: point at the key.
          if (value.mark.line == 0) value.mark = key.mark;
          out.entries.push_back({std::move(key), std::move(value)});
        }
        break;
      }
    }
    return out;
  }

 private:
  std::string_view text_;
  const std::string& file_;
  const YamlLimits& limits_;
  Diagnostics& diagnostics_;
  std::size_t nodes_ = 0;
};

}  // namespace detail

std::string_view kind_name(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null:
      return "nothing";
    case YamlNode::Kind::scalar:
      return "a single value";
    case YamlNode::Kind::sequence:
      return "a list";
    case YamlNode::Kind::map:
      return "a map";
  }
  return "nothing";
}

YamlNode parse_yaml(std::string_view text, const std::string& file, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes) {
    throw ScenarioError(file, {}, detail::too_large_message(text.size(), limits.max_bytes));
  }
  // Checked before yaml-cpp sees the bytes: it reads some binary files as one long scalar.
  if (auto offset = detail::first_non_text_byte(text)) {
    throw ScenarioError(file, detail::mark_of_offset(text, *offset),
                        "this is not a UTF-8 text file (byte " + std::to_string(*offset) +
                            " is a NUL or not valid UTF-8); save the scenario as UTF-8 YAML");
  }
  // Only the first document is ever read: YAML::LoadAll in yaml-cpp 0.7 allocates without bound
  // on some tiny inputs (a lone ","), so it is never used.
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    throw ScenarioError(file, detail::to_mark(e.mark),
                        "nesting too deep for the YAML parser; a scenario needs only a few levels "
                        "of maps and lists");
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(file, detail::to_mark(e.mark),
                        "YAML syntax error: " + e.msg +
                            "; check indentation, colons and brackets near here" +
                            detail::tab_hint(text, e.mark));
  } catch (const YAML::Exception& e) {
    throw ScenarioError(file, detail::to_mark(e.mark), "YAML error: " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) {
    throw ScenarioError(file, {1, 1},
                        "the file holds no YAML map; a scenario starts with keys such as "
                        "`name:`, `start:` and `end:`");
  }
  if (!root.IsMap()) {
    YamlNode shown;
    shown.kind = root.IsSequence() ? YamlNode::Kind::sequence : YamlNode::Kind::scalar;
    Mark mark = detail::to_mark(root.Mark());
    if (mark.line == 0) mark = {1, 1};
    throw ScenarioError(
        file, mark,
        "the top level must be a map of `key: value` lines, not " + std::string(kind_name(shown)));
  }
  Diagnostics diagnostics(file);
  detail::Converter converter(text, file, limits, diagnostics);
  YamlNode tree;
  try {
    tree = converter.convert(root, 0);
  } catch (const YAML::Exception& e) {
    throw ScenarioError(file, detail::to_mark(e.mark), "YAML error: " + e.msg);
  }
  diagnostics.throw_if_any();
  return tree;
}

YamlNode read_yaml_file(const std::filesystem::path& path, const YamlLimits& limits) {
  const std::string file = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw MissingInputError(file, {},
                            std::filesystem::exists(path, ec)
                                ? "not a regular file; give the path of a .yaml scenario"
                                : "no such file; check the path (relative paths start at the "
                                  "working directory)");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > limits.max_bytes) {
    throw ScenarioError(file, {}, detail::too_large_message(size, limits.max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw MissingInputError(file, {},
                            "cannot open the file for reading; check its permissions (`ls -l`)");
  }
  // Read one byte past the limit at most: a file can grow after file_size, and some files (in
  // /proc, for instance) report a size of 0 whatever they hold.
  std::string text;
  std::array<char, 1 << 16> chunk;
  while (text.size() <= limits.max_bytes && in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    throw MissingInputError(file, {}, "error while reading the file; check the disk and retry");
  }
  if (text.size() > limits.max_bytes) text.resize(limits.max_bytes + 1);
  return parse_yaml(text, file, limits);
}

}  // namespace policysim::scenario
