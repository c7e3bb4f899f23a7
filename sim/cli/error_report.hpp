#pragma once
// What the command line says of an error that ends a command, and the exit code it maps to
// (exit_codes.hpp): for main(), and for a rank of an MPI sweep, which then stops every rank.

namespace policysim::cli {

/// Prints the exception being handled (call it inside a catch block) on stderr, as what went
/// wrong and how to fix it, and returns its exit code.
int report_current_exception();

}  // namespace policysim::cli
