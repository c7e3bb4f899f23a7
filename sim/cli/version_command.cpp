// `policysim version`: what this binary is and what it was built with.

#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/core/exit_codes.hpp"
#include "sim/runner/manifest.hpp"

#if POLICYSIM_MPI
#include "sim/mpi/mpi_session.hpp"
#endif

namespace policysim::cli {

void add_version_command(CLI::App& app, Action& action) {
  auto* command =
      app.add_subcommand("version", "Print the version, git commit, compiler and libraries");
  command->callback([&action] {
    action = [] {
      const auto info = runner::build_description();
      std::cout << "policysim " << info.at("policysim_version").get<std::string>() << " (commit "
                << info.at("git_commit").get<std::string>() << ")\n"
                << "compiler: " << info.at("compiler").get<std::string>() << "\n"
                << "build: " << info.at("build_type").get<std::string>() << ", flags "
                << info.at("cxx_flags").get<std::string>() << "\n"
                << "rng: " << info.at("rng").get<std::string>() << "\n"
                << "elementary functions: " << info.at("elementary_functions").get<std::string>()
                << "\n";
      for (const auto& [name, version] : info.at("libraries").items()) {
        std::cout << name << ": " << version.get<std::string>() << '\n';
      }
#if POLICYSIM_MPI
      std::cout << "MPI: " << mpi::library_version() << " (mpirun -n R policysim sweep)\n";
#else
      std::cout << "MPI: none (built without POLICYSIM_MPI)\n";
#endif
      return core::kOk;
    };
  });
}

}  // namespace policysim::cli
