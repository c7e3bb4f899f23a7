#include "sim/core/quarter.hpp"

#include <charconv>
#include <stdexcept>

namespace policysim::core {

Quarter::Quarter(int year, int quarter) {
  if (year < kFirstYear || year > kLastYear || quarter < 1 || quarter > 4) {
    throw std::invalid_argument(
        "quarter out of range: year must be 1000..9999 and quarter 1..4, got " +
        std::to_string(year) + "Q" + std::to_string(quarter));
  }
  quarters_since_year0_ = year * 4 + (quarter - 1);
}

std::optional<Quarter> Quarter::try_parse(std::string_view text) {
  // Exactly four digits, 'Q' (or 'q'), one digit 1..4: nothing else is a quarter.
  if (text.size() != 6 || (text[4] != 'Q' && text[4] != 'q')) return std::nullopt;
  int year = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + 4, year);
  if (error != std::errc{} || end != text.data() + 4 || year < kFirstYear) return std::nullopt;
  const char q = text[5];
  if (q < '1' || q > '4') return std::nullopt;
  return Quarter(year, q - '0');
}

Quarter Quarter::parse(std::string_view text) {
  if (auto q = try_parse(text)) return *q;
  throw std::invalid_argument("'" + std::string(text) +
                              "' is not a quarter: expected YYYYQn with n in 1..4, e.g. 2003Q4");
}

std::string Quarter::str() const {
  return std::to_string(year()) + "Q" + std::to_string(quarter());
}

}  // namespace policysim::core
