// Fuzz target: the `nft -j list ruleset` reader and the firewall evaluator.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/firewall_eval.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::audit;
    sipwarden::core::DiagnosticList diagnostics;
    const auto ruleset =
        read_nft_json(std::string_view(reinterpret_cast<const char*>(data), size), "rules.json", diagnostics);
    (void)evaluate_firewall(ruleset, Packet{"udp", 5060, {}}, AddressSet::all(), Limits{});
    return 0;
}
