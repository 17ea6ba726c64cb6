// Runs both dumps of one input and reports the first lines where they differ.
#include <sstream>

#include "sip_differential.h"

namespace sipwarden::differential {

namespace {
constexpr std::size_t k_context_bytes = 400;  // of each differing line shown

std::string clip(const std::string& line) {
    return line.size() <= k_context_bytes ? line : line.substr(0, k_context_bytes) + "...";
}
}  // namespace

std::string compare(std::string_view input) {
    const std::string base = sipwarden_base::differential::dump(input);
    const std::string current = dump(input);
    if (base == current) return {};
    std::istringstream a(base), b(current);
    std::string la, lb;
    for (std::size_t n = 1;; ++n) {
        const bool more_a = static_cast<bool>(std::getline(a, la));
        const bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) break;
        if (la != lb || more_a != more_b) {
            return "dump line " + std::to_string(n) + "\n  base:    " + clip(more_a ? la : "(end)") +
                   "\n  current: " + clip(more_b ? lb : "(end)") + "\n";
        }
    }
    return "dumps differ\n";
}

}  // namespace sipwarden::differential
