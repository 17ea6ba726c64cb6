// Fuzz target: dialled-number normalisation and classification (cached and
// uncached must agree on type and region) for each input line, under two
// dialling habits.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "numbers/classifier.h"

namespace {
sipwarden::numbers::Classifier make(sipwarden::numbers::DialHabits habits) {
    auto c = sipwarden::numbers::Classifier::create(std::move(habits), sipwarden::numbers::RiskList::built_in());
    return std::move(c.value());
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::numbers;
    static Classifier uk = make({"GB", "00", "0", "9", 6});
    static Classifier us = make({"US", "011", "1", "", 6});
    std::string_view text(reinterpret_cast<const char*>(data), size);
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const auto line = text.substr(0, nl);
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        for (auto* c : {&uk, &us}) {
            const auto d = c->classify(line);
            const auto reference = c->classify_uncached(line);
            if (d.reach != reference.reach) std::abort();
            (void)d.display();
        }
    }
    return 0;
}
