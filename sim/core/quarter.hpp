#pragma once
// Calendar quarters, the model's unit of time. One tick is one quarter.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace policysim::core {

/// A calendar quarter such as 2003Q4.
class Quarter {
 public:
  /// The years a Quarter can hold: four digits, as written in YYYYQn.
  static constexpr int kFirstYear = 1000;
  static constexpr int kLastYear = 9999;

  constexpr Quarter() = default;
  /// Throws std::invalid_argument unless quarter is in 1..4 and year in 1000..9999.
  Quarter(int year, int quarter);

  /// Parses "YYYYQn"; throws std::invalid_argument with the expected form on bad input.
  static Quarter parse(std::string_view text);
  /// Parses "YYYYQn", or nothing.
  static std::optional<Quarter> try_parse(std::string_view text);

  constexpr int year() const { return quarters_since_year0_ / 4; }
  constexpr int quarter() const { return quarters_since_year0_ % 4 + 1; }
  std::string str() const;

  /// The quarter `quarters` later (earlier when negative).
  constexpr Quarter operator+(int quarters) const {
    Quarter q;
    q.quarters_since_year0_ = quarters_since_year0_ + quarters;
    return q;
  }
  constexpr Quarter operator-(int quarters) const { return *this + (-quarters); }
  /// Quarters from `earlier` to this one: 2003Q1 - 2002Q4 == 1.
  constexpr int operator-(Quarter earlier) const {
    return quarters_since_year0_ - earlier.quarters_since_year0_;
  }
  constexpr auto operator<=>(const Quarter&) const = default;

 private:
  int quarters_since_year0_ = 0;
};

/// Number of ticks in the inclusive window [start, end]: 1997Q1..2012Q4 has 64.
constexpr int ticks_inclusive(Quarter start, Quarter end) { return end - start + 1; }

}  // namespace policysim::core
