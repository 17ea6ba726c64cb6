// Severity of a finding or alert, ordered from info (lowest) to critical.
#pragma once

#include <optional>
#include <string_view>

namespace sipwarden::core {

enum class Severity { info = 0, low = 1, medium = 2, high = 3, critical = 4 };

std::string_view to_string(Severity severity);
// Accepts the names above, case-insensitively.
std::optional<Severity> parse_severity(std::string_view text);
// Suricata EVE alert.severity: 1 is the most severe.
int eve_severity(Severity severity);
// SARIF result level: error, warning, note, none.
std::string_view sarif_level(Severity severity);

}  // namespace sipwarden::core
