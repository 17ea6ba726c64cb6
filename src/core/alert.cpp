// Alert to EVE JSON.
#include "core/alert.h"

namespace sipwarden::core {

nlohmann::json Alert::to_eve() const {
    nlohmann::json eve;
    eve["timestamp"] = timestamp.to_iso8601();
    eve["event_type"] = "alert";
    if (source) {
        eve["src_ip"] = source->address.to_string();
        eve["src_port"] = source->port;
    }
    if (destination) {
        eve["dest_ip"] = destination->address.to_string();
        eve["dest_port"] = destination->port;
    }
    if (!proto.empty()) eve["proto"] = proto;
    eve["alert"] = {{"signature_id", signature_id},
                    {"signature", signature},
                    {"category", category},
                    {"severity", eve_severity(severity)},
                    {"severity_name", std::string(to_string(severity))}};
    for (const auto& [key, value] : details.items()) eve[key] = value;
    return eve;
}

}  // namespace sipwarden::core
