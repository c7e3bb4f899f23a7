#pragma once
// A request that cannot be met as asked (an unknown arm, a run larger than the machine's memory):
// the command exits with 64 and says what to change.

#include <stdexcept>

namespace policysim::runner {

class UsageError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace policysim::runner
