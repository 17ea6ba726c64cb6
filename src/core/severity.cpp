// Severity names and their mapping onto EVE and SARIF scales.
#include "core/severity.h"

#include <array>

#include "core/text.h"

namespace sipwarden::core {

namespace {
constexpr std::array<std::string_view, 5> k_names{"info", "low", "medium", "high", "critical"};
}

std::string_view to_string(Severity severity) { return k_names.at(static_cast<std::size_t>(severity)); }

std::optional<Severity> parse_severity(std::string_view text) {
    for (std::size_t i = 0; i < k_names.size(); ++i) {
        if (iequals(text, k_names[i])) return static_cast<Severity>(i);
    }
    return std::nullopt;
}

int eve_severity(Severity severity) {
    switch (severity) {
        case Severity::critical: return 1;
        case Severity::high: return 2;
        case Severity::medium: return 3;
        case Severity::low: return 4;
        case Severity::info: return 5;
    }
    return 5;
}

std::string_view sarif_level(Severity severity) {
    switch (severity) {
        case Severity::critical:
        case Severity::high: return "error";
        case Severity::medium: return "warning";
        case Severity::low: return "note";
        case Severity::info: return "none";
    }
    return "none";
}

}  // namespace sipwarden::core
