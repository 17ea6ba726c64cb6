// Fuzz target: CDR timestamp parsing and local-time conversion.
#include <cstdint>
#include <string_view>

#include "fraud/site_clock.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::fraud;
    static const SiteClock clock = std::move(SiteClock::create("America/New_York").value());
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto t = parse_field_time(text)) {
        const auto utc = clock.to_utc(*t);
        (void)clock.local(utc);
    }
    (void)parse_iso_date(text);
    return 0;
}
