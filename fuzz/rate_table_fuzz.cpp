// Fuzz target: rate table CSV parsing and longest-prefix lookups.
#include <cstdint>
#include <string_view>

#include "fraud/rate_table.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    sipwarden::core::DiagnosticList diagnostics;
    const auto table = sipwarden::fraud::RateTable::parse(text, "fuzz.csv", diagnostics);
    (void)table.price_per_minute(text.substr(0, 20));
    (void)table.price_per_minute("442079460018");
    return 0;
}
