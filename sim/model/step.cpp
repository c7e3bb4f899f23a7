// One tick of the model (MODEL.md §5), as a table of contents.

#include "sim/model/phases.hpp"

namespace policysim::model {

void step(World& w, Tick t) {
  schedule_interventions(w, t);  // rule 1
  compute_exposure(w, t);        // rule 2
  update_regions(w, t);          // rules 3-8, parallel over regions
  sum_regions(w);                // what rules 10 and 12 read of all regions, in one pass
  update_ngos(w, t);             // rule 9, parallel over NGOs
  update_nation(w, t);           // rule 10, serial, after deterministic reductions
  update_ties(w, t);             // rule 11
  record(w, t);                  // rule 12: the state at the end of t
  w.swap_buffers();
}

}  // namespace policysim::model
