#include "sim/runner/manifest.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <utility>

#include "sim/core/elementary.hpp"
#include "sim/runner/build_info.hpp"

namespace policysim::runner {

nlohmann::json build_description() {
  nlohmann::json libraries = nlohmann::json::object();
  const std::pair<const char*, const char*> versions[] = {POLICYSIM_LIBRARY_VERSIONS};
  for (const auto& [name, version] : versions) libraries[name] = version;
  return {
      {"policysim_version", POLICYSIM_VERSION},
      {"git_commit", POLICYSIM_GIT_COMMIT},
      {"compiler", std::string("GCC ") + __VERSION__},
      {"build_type", POLICYSIM_BUILD_TYPE},
      {"cxx_flags", POLICYSIM_CXX_FLAGS},
      {"rng", "Philox4x32-10 (Random123), counter (tick, agent, purpose, draw)"},
      {"elementary_functions", core::kElementaryFunctions},
      {"libraries", libraries},
  };
}

std::string sha256_hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  return cpu_model_from(cpuinfo);
}

std::string cpu_model_from(std::istream& cpuinfo) {
  constexpr std::string_view kKey = "model name";
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (!line.starts_with(kKey)) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::size_t begin = line.find_first_not_of(" \t", colon + 1);
    if (begin == std::string::npos) continue;
    return line.substr(begin, line.find_last_not_of(" \t") + 1 - begin);
  }
  return "unknown";
}

}  // namespace policysim::runner
