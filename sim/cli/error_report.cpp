#include "sim/cli/error_report.hpp"

#include <filesystem>
#include <iostream>
#include <new>

#include "sim/core/exit_codes.hpp"
#include "sim/runner/usage_error.hpp"
#include "sim/scenario/scenario_error.hpp"
#include "sim/store/store_error.hpp"

namespace policysim::cli {

int report_current_exception() {
  try {
    throw;
  } catch (const scenario::MissingInputError& e) {
    std::cerr << e.what() << '\n';
    return core::kMissingInput;
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << '\n';
    return core::kBadScenario;
  } catch (const runner::UsageError& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return core::kUsage;
  } catch (const store::StoreError& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return e.exit_code();
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "policysim: " << e.what() << '\n';
    return core::kIoError;
  } catch (const std::bad_alloc&) {
    std::cerr << "policysim: out of memory: the machine, its control group or a limit such as "
                 "`ulimit -v` allows less than this work needs. The runs stored so far are kept; "
                 "to use less, run with fewer threads (-j), fewer replications (--reps) or arms, "
                 "fewer regions, or without --regions.\n";
    return core::kOutOfMemory;
  } catch (const std::exception& e) {
    std::cerr << "policysim: internal error: " << e.what()
              << "\nThis is a bug in policysim; please report it with the command you ran.\n";
    return core::kInternal;
  }
}

}  // namespace policysim::cli
