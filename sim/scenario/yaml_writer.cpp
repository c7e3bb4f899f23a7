#include "sim/scenario/yaml_writer.hpp"

#include <yaml-cpp/yaml.h>

namespace policysim::scenario {
namespace {

void write_node(YAML::Emitter& out, const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::null:
      out << YAML::Null;
      break;
    case YamlNode::Kind::scalar:
      // yaml-cpp writes a string plain only where it reads back as the same string; it quotes
      // the rest (empty, "null", "~", leading spaces, ": ", line breaks and so on).
      out << node.text;
      break;
    case YamlNode::Kind::sequence:
      out << YAML::BeginSeq;
      for (const auto& item : node.items) write_node(out, item);
      out << YAML::EndSeq;
      break;
    case YamlNode::Kind::map:
      out << YAML::BeginMap;
      for (const auto& [key, value] : node.entries) {
        out << YAML::Key << key.text << YAML::Value;
        write_node(out, value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string write_yaml(const YamlNode& tree) {
  YAML::Emitter out;
  write_node(out, tree);
  return std::string(out.c_str()) + "\n";
}

}  // namespace policysim::scenario
