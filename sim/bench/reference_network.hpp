#pragma once
// The network the reference kernels multiply by: the one a world's regional phase walks.

#include "sim/bench/network.hpp"
#include "sim/model/params.hpp"
#include "sim/model/run_draws.hpp"
#include "sim/model/static_world.hpp"

namespace policysim::bench {

/// The reference kernels' network of a run: W = w_geo W_geo + w_ngo (NGO-tie pattern of `draws`),
/// the layers its regional phase walks per region, as an ordinary weighted CSR matrix.
Network reference_network(const model::StaticWorld& fixed, const model::RunDraws& draws,
                          const model::Params& params);

}  // namespace policysim::bench
