# Run at every build (sim/CMakeLists.txt): writes OUTPUT with the commit of the source tree, and
# "-dirty" when it has uncommitted changes, so that manifests name the code a binary was built
# from even after a pull or an edit without a new configure. The file is rewritten only when the
# text changes, so an unchanged commit recompiles nothing.
execute_process(COMMAND git describe --always --dirty --abbrev=12
  WORKING_DIRECTORY "${SOURCE_DIR}" OUTPUT_VARIABLE commit
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT commit)
  set(commit unknown)
endif()
set(text "#pragma once\n// Generated at build time by sim/runner/git_commit.cmake.\n#define POLICYSIM_GIT_COMMIT \"${commit}\"\n")
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
