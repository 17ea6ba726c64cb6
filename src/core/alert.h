// Alert: what a detector (monitor or fraud) raises, shaped like a Suricata EVE
// "alert" record so existing pipelines can ingest it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "core/ip_address.h"
#include "core/severity.h"
#include "core/timestamp.h"

namespace sipwarden::core {

struct Alert {
    Timestamp timestamp;
    std::string signature_id;  // stable rule id, e.g. "fraud.new-destination"
    std::string signature;     // one-line human summary
    std::string category;      // e.g. "toll-fraud", "scan", "brute-force"
    Severity severity = Severity::medium;
    std::optional<Endpoint> source;
    std::optional<Endpoint> destination;
    std::string proto;  // "UDP", "TCP", or empty
    // Evidence in the domain's own terms ("sip", "call", "account", ...),
    // merged into the top level of the EVE record.
    nlohmann::json details = nlohmann::json::object();

    // The EVE-shaped JSON object (event_type "alert").
    nlohmann::json to_eve() const;
};

}  // namespace sipwarden::core
