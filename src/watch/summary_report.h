// Writers for a CaptureSummary: a report for a person, one JSON object
// (schema in docs/formats/watch-json.md), and a KEY=VALUE count line.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "watch/capture_summary.h"

namespace sipwarden::watch {

nlohmann::ordered_json summary_to_json(const CaptureSummary& summary);
std::string summary_to_text(const CaptureSummary& summary, bool color);
// "packets=N sip_messages=N sip_requests=N sip_responses=N" (one line, no newline).
std::string summary_counts_line(const CaptureSummary& summary);

}  // namespace sipwarden::watch
