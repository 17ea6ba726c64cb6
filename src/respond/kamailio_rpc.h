// Kamailio JSON-RPC over HTTP (the jsonrpcs module behind xhttp): calls a
// method and returns its result; the htable helpers set and delete the
// entry a routing script checks to refuse international calls.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace sipwarden::respond {

struct KamailioEndpoint {
    std::string url;  // e.g. http://127.0.0.1:5071/RPC
    std::chrono::milliseconds timeout{5000};
};

// The "result" member of the reply; an error for transport failures, HTTP
// errors and JSON-RPC "error" replies.
core::Result<nlohmann::json> kamailio_call(const KamailioEndpoint& endpoint, std::string_view method,
                                           const nlohmann::json& params);

// htable.setxs TABLE KEY VALUE EXPIRE (EXPIRE 0: htable.sets, no expiry).
core::Result<void> kamailio_htable_set(const KamailioEndpoint& endpoint, std::string_view table, std::string_view key,
                                       std::string_view value, std::int64_t expire_seconds);
// htable.delete TABLE KEY.
core::Result<void> kamailio_htable_delete(const KamailioEndpoint& endpoint, std::string_view table,
                                          std::string_view key);

}  // namespace sipwarden::respond
