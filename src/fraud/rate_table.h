// A rate table for spend estimates: CSV lines `prefix,price_per_minute[,name]`
// (E.164 prefix, '+' optional; a header line is allowed). The longest
// matching prefix gives a call's price.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"
#include "numbers/prefix_trie.h"

namespace sipwarden::fraud {

class RateTable {
public:
    // Bad lines are reported in `diagnostics` and skipped.
    static core::Result<RateTable> load(const std::string& path, core::DiagnosticList& diagnostics);
    static RateTable parse(std::string_view text, const std::string& name, core::DiagnosticList& diagnostics);

    // Price per minute for E.164 digits; nullopt when no prefix matches.
    std::optional<double> price_per_minute(std::string_view digits) const;
    std::size_t size() const { return m_prices.size(); }
    bool empty() const { return m_prices.empty(); }

private:
    numbers::PrefixTrie m_prefixes;  // prefix -> index + 1 into m_prices
    std::vector<double> m_prices;
};

}  // namespace sipwarden::fraud
