// Text helpers.
#include "core/text.h"

#include <algorithm>

#include <fmt/format.h>

namespace sipwarden::core {

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    }
    return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::string to_lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = ascii_lower(c);
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string_view trim_lines(std::string_view text) {
    auto blank = [](char c) { return is_space(c) || c == '\r' || c == '\n'; };
    while (!text.empty() && blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && blank(text.back())) text.remove_suffix(1);
    return text;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> out;
    while (true) {
        const auto at = text.find(separator);
        out.push_back(trim(text.substr(0, at)));
        if (at == std::string_view::npos) break;
        text.remove_prefix(at + 1);
    }
    return out;
}

std::optional<std::uint64_t> parse_uint(std::string_view digits, std::uint64_t max) {
    if (digits.empty()) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : digits) {
        if (!is_digit(c)) return std::nullopt;
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (value > (max - d) / 10) return std::nullopt;
        value = value * 10 + d;
    }
    return value;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    constexpr std::size_t k_cap = 64;
    a = a.substr(0, k_cap);
    b = b.substr(0, k_cap);
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = up;
        }
    }
    return row[b.size()];
}

namespace {
template <typename T>
std::optional<std::string> closest(std::string_view word, std::span<const T> candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = SIZE_MAX;
    // A near miss: at most a third of the word's letters differ (at least 1, at most 3).
    const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
    for (const auto& candidate : candidates) {
        const auto d = edit_distance(word, candidate);
        if (d < best_distance && d <= allowed) {
            best_distance = d;
            best = std::string(candidate);
        }
    }
    return best;
}
}  // namespace

std::optional<std::string> suggest(std::string_view word, std::span<const std::string> candidates) {
    return closest(word, candidates);
}
std::optional<std::string> suggest(std::string_view word, std::span<const std::string_view> candidates) {
    return closest(word, candidates);
}

std::string printable(std::string_view text, std::size_t max) {
    std::string out;
    for (char c : text.substr(0, max)) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            out += fmt::format("\\x{:02x}", u);
        } else {
            out += c;
        }
    }
    if (text.size() > max) out += "...";
    return out;
}

}  // namespace sipwarden::core
