#pragma once
// The elementary functions the model draws and decides with: exp, log, log1p, pow, lgamma, cos
// and exp2. By default they are the C library's. glibc picks its variants by the CPU's features
// (with FMA or without), and those round some arguments differently, so runs on different
// machines can differ in their last bits (README). Built with -DPOLICYSIM_PORTABLE_MATH=ON they
// are SLEEF's deterministic scalar functions (cinz: no fused multiply-add; at most 1 ulp of
// error), which give the same bits on every machine, at a cost of 10-20 % of a run's time.

#if POLICYSIM_PORTABLE_MATH
#include <sleef.h>
#else
#include <cmath>
#endif

namespace policysim::core {

#if POLICYSIM_PORTABLE_MATH
inline constexpr const char* kElementaryFunctions =
    "SLEEF " POLICYSIM_SLEEF_VERSION " (deterministic: cinz purec, u10)";
inline double exp(double x) { return Sleef_cinz_expd1_u10purec(x); }
inline double log(double x) { return Sleef_cinz_logd1_u10purec(x); }
inline double log1p(double x) { return Sleef_cinz_log1pd1_u10purec(x); }
inline double pow(double x, double y) { return Sleef_cinz_powd1_u10purec(x, y); }
inline double lgamma(double x) { return Sleef_cinz_lgammad1_u10purec(x); }
inline double cos(double x) { return Sleef_cinz_cosd1_u10purec(x); }
inline double exp2(double x) { return Sleef_cinz_exp2d1_u10purec(x); }
#else
inline constexpr const char* kElementaryFunctions = "C library";
inline double exp(double x) { return std::exp(x); }
inline double log(double x) { return std::log(x); }
inline double log1p(double x) { return std::log1p(x); }
inline double pow(double x, double y) { return std::pow(x, y); }
inline double lgamma(double x) { return std::lgamma(x); }
inline double cos(double x) { return std::cos(x); }
inline double exp2(double x) { return std::exp2(x); }
#endif

}  // namespace policysim::core
