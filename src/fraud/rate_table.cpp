// Rate table loading and longest-prefix lookup.
#include "fraud/rate_table.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "fraud/delimited.h"

namespace sipwarden::fraud {

core::Result<RateTable> RateTable::load(const std::string& path, core::DiagnosticList& diagnostics) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::make_error(path + ": cannot open the rate table");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path, diagnostics);
}

RateTable RateTable::parse(std::string_view text, const std::string& name, core::DiagnosticList& diagnostics) {
    RateTable table;
    DelimitedSplitter splitter;
    int number = 0;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        const auto line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        ++number;
        const auto trimmed = core::trim_lines(line);
        if (trimmed.empty() || trimmed.front() == '#') continue;
        auto report = [&](std::string message) {
            diagnostics.add(
                {core::Diagnostic::Level::error, {name, number, 1}, std::move(message), std::string(line), {}});
        };
        if (!splitter.split(line) || splitter.fields().size() < 2) {
            report("expected prefix,price_per_minute");
            continue;
        }
        std::string_view prefix = core::trim(splitter.fields()[0]);
        if (prefix.starts_with('+')) prefix.remove_prefix(1);
        const std::string price_text(core::trim(splitter.fields()[1]));
        char* end = nullptr;
        const double price = std::strtod(price_text.c_str(), &end);
        const bool price_ok =
            !price_text.empty() && end == price_text.c_str() + price_text.size() && price >= 0 && price < 1e6;
        if (!core::parse_uint(prefix) || prefix.size() > 15 || !price_ok) {
            if (number == 1) continue;  // a header line
            report("expected an E.164 prefix and a price per minute, got '" + core::printable(trimmed, 60) + "'");
            continue;
        }
        table.m_prices.push_back(price);
        table.m_prefixes.insert(prefix, static_cast<std::int32_t>(table.m_prices.size()));
    }
    return table;
}

std::optional<double> RateTable::price_per_minute(std::string_view digits) const {
    const auto id = m_prefixes.longest(digits);
    if (id == 0) return std::nullopt;
    return m_prices[static_cast<std::size_t>(id - 1)];
}

}  // namespace sipwarden::fraud
