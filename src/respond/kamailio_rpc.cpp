// JSON-RPC 2.0 over HTTP with libcurl.
#include "respond/kamailio_rpc.h"

#include <curl/curl.h>

#include <memory>

namespace sipwarden::respond {

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
    auto* text = static_cast<std::string*>(out);
    constexpr std::size_t k_max_reply = 1 << 20;
    if (text->size() + size * count > k_max_reply) return 0;  // abort absurd replies
    text->append(data, size * count);
    return size * count;
}

core::Result<std::string> post(const KamailioEndpoint& endpoint, const std::string& body) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!initialised) return core::make_error("kamailio: libcurl failed to initialise");
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return core::make_error("kamailio: libcurl failed to initialise");
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(
        curl_slist_append(nullptr, "Content-Type: application/json"), curl_slist_free_all);
    std::string reply;
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, endpoint.url.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(endpoint.timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &reply);
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) return core::make_error("kamailio: " + endpoint.url + ": " + curl_easy_strerror(rc));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) return core::make_error("kamailio: " + endpoint.url + ": HTTP status " + std::to_string(status));
    return reply;
}

}  // namespace

core::Result<nlohmann::json> kamailio_call(const KamailioEndpoint& endpoint, std::string_view method,
                                           const nlohmann::json& params) {
    const nlohmann::json request{{"jsonrpc", "2.0"}, {"method", std::string(method)}, {"params", params}, {"id", 1}};
    auto reply = post(endpoint, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (!reply) return reply.error();
    auto json = nlohmann::json::parse(*reply, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return core::make_error("kamailio: " + std::string(method) + ": reply is not JSON-RPC");
    if (json.contains("error")) {
        const auto& e = json["error"];
        const std::string message = e.is_object() && e.contains("message") && e["message"].is_string()
                                        ? e["message"].get<std::string>()
                                        : e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return core::make_error("kamailio: " + std::string(method) + ": " + message);
    }
    return json.contains("result") ? json["result"] : nlohmann::json();
}

core::Result<void> kamailio_htable_set(const KamailioEndpoint& endpoint, std::string_view table, std::string_view key,
                                       std::string_view value, std::int64_t expire_seconds) {
    const std::string t(table), k(key), v(value);
    auto result = expire_seconds > 0 ? kamailio_call(endpoint, "htable.setxs", {t, k, v, expire_seconds})
                                     : kamailio_call(endpoint, "htable.sets", {t, k, v});
    if (!result) return result.error();
    return {};
}

core::Result<void> kamailio_htable_delete(const KamailioEndpoint& endpoint, std::string_view table,
                                          std::string_view key) {
    auto result = kamailio_call(endpoint, "htable.delete", {std::string(table), std::string(key)});
    if (!result) return result.error();
    return {};
}

}  // namespace sipwarden::respond
