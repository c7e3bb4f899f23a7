#include "sim/bench/thread_arena.hpp"

#include <pthread.h>
#include <sched.h>

#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <tbb/task_scheduler_observer.h>

#include <memory>
#include <vector>

#include "sim/bench/timings.hpp"

namespace policysim::bench {
namespace {

// Pins each thread entering the arena to one CPU (slot i -> i-th allowed CPU) and gives it back
// the process's mask when it leaves, so that workers serving other arenas later are not bound.
class PinningObserver : public tbb::task_scheduler_observer {
 public:
  PinningObserver(tbb::task_arena& arena, const cpu_set_t& process_mask)
      : tbb::task_scheduler_observer(arena), process_mask_(process_mask) {
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
      if (CPU_ISSET(cpu, &process_mask_)) cpus_.push_back(cpu);
    }
    observe(true);
  }
  ~PinningObserver() override { observe(false); }

  void on_scheduler_entry(bool /*worker*/) override {
    if (cpus_.empty()) return;
    const int slot = tbb::this_task_arena::current_thread_index();
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpus_[static_cast<std::size_t>(slot) % cpus_.size()], &one);
    pthread_setaffinity_np(pthread_self(), sizeof(one), &one);
  }
  void on_scheduler_exit(bool /*worker*/) override {
    pthread_setaffinity_np(pthread_self(), sizeof(process_mask_), &process_mask_);
  }

 private:
  cpu_set_t process_mask_;
  std::vector<int> cpus_;
};

}  // namespace

void run_in_arena(int threads, bool pin, const std::function<void()>& body) {
  require_at_least_one(threads, "thread");
  const auto count = static_cast<std::size_t>(threads);
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, count);
  tbb::task_arena arena(threads);
  arena.initialize();
  std::unique_ptr<PinningObserver> observer;
  cpu_set_t process_mask;
  CPU_ZERO(&process_mask);
  if (pin && sched_getaffinity(0, sizeof(process_mask), &process_mask) == 0) {
    observer = std::make_unique<PinningObserver>(arena, process_mask);
  }
  arena.execute(body);
}

}  // namespace policysim::bench
