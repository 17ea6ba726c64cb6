// Small text helpers over std::string_view: ASCII case folding, trimming,
// splitting, integer parsing without exceptions, and near-miss suggestions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipwarden::core {

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_space(char c) { return c == ' ' || c == '\t'; }

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
std::string to_lower(std::string_view text);

// Removes spaces and tabs (and with trim_lines also CR/LF) at both ends.
std::string_view trim(std::string_view text);
std::string_view trim_lines(std::string_view text);

// Splits on `separator`, trimming each piece; keeps empty pieces.
std::vector<std::string_view> split(std::string_view text, char separator);

// Decimal unsigned integer of at most `max` (no sign, no spaces); nullopt on
// anything else including overflow.
std::optional<std::uint64_t> parse_uint(std::string_view digits, std::uint64_t max = UINT64_MAX);

// Levenshtein distance, capped for long inputs.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` when it is a plausible misspelling.
std::optional<std::string> suggest(std::string_view word, std::span<const std::string> candidates);
std::optional<std::string> suggest(std::string_view word, std::span<const std::string_view> candidates);

// Text safe to print on a terminal: control bytes become \xNN, at most `max` bytes.
std::string printable(std::string_view text, std::size_t max = 200);

}  // namespace sipwarden::core
