#pragma once
// The process exit codes, from sysexits.h, so scripts can tell a bad scenario from a full disk.
// A StoreError carries one of these; the command line maps the other errors onto them.

namespace policysim::core {

enum ExitCode : int {
  kOk = 0,
  kUsage = 64,         ///< bad command line
  kBadScenario = 65,   ///< the scenario file is wrong
  kMissingInput = 66,  ///< an input file does not exist
  kInternal = 70,      ///< a bug: please report it
  kOutOfMemory = 71,   ///< the system could not give the memory asked for (EX_OSERR)
  kCannotCreate = 73,  ///< output cannot be created
  kIoError = 74,       ///< reading or writing failed
};

}  // namespace policysim::core
