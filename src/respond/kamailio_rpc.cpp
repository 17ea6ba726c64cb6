// JSON-RPC 2.0 over HTTP with libcurl, loaded when first needed: libcurl
// brings a TLS stack and about thirty more libraries, whose loading and
// initialisation took 9 ms of the 19 ms start-up of every sipwarden command,
// while only this responder uses it (docs/packet-path.md, "Start-up").
#include "respond/kamailio_rpc.h"

#include <curl/curl.h>
#include <dlfcn.h>

#include <memory>
#include <type_traits>

namespace sipwarden::respond {

namespace {

// The libcurl functions used here, from the shared library.
struct CurlApi {
    decltype(&curl_global_init) global_init = nullptr;
    decltype(&curl_easy_init) easy_init = nullptr;
    decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&curl_easy_setopt) easy_setopt = nullptr;
    decltype(&curl_easy_perform) easy_perform = nullptr;
    decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&curl_easy_strerror) easy_strerror = nullptr;
    decltype(&curl_slist_append) slist_append = nullptr;
    decltype(&curl_slist_free_all) slist_free_all = nullptr;
    std::string error;  // empty when every function is there and libcurl initialised
};

// Loaded and initialised once; never unloaded.
const CurlApi& curl_api() {
    static const CurlApi api = [] {
        CurlApi c;
        void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            const char* why = dlerror();
            c.error = std::string("cannot load libcurl: ") + (why != nullptr ? why : "unknown error");
            return c;
        }
        const auto bind = [&](auto& function, const char* name) {
            function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(library, name));
            if (function == nullptr && c.error.empty()) c.error = std::string("libcurl lacks ") + name;
        };
        bind(c.global_init, "curl_global_init");
        bind(c.easy_init, "curl_easy_init");
        bind(c.easy_cleanup, "curl_easy_cleanup");
        bind(c.easy_setopt, "curl_easy_setopt");
        bind(c.easy_perform, "curl_easy_perform");
        bind(c.easy_getinfo, "curl_easy_getinfo");
        bind(c.easy_strerror, "curl_easy_strerror");
        bind(c.slist_append, "curl_slist_append");
        bind(c.slist_free_all, "curl_slist_free_all");
        if (c.error.empty() && c.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) c.error = "libcurl failed to initialise";
        return c;
    }();
    return api;
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
    auto* text = static_cast<std::string*>(out);
    constexpr std::size_t k_max_reply = 1 << 20;
    if (text->size() + size * count > k_max_reply) return 0;  // abort absurd replies
    text->append(data, size * count);
    return size * count;
}

core::Result<std::string> post(const KamailioEndpoint& endpoint, const std::string& body) {
    const CurlApi& api = curl_api();
    if (!api.error.empty()) return core::make_error("kamailio: " + api.error);
    std::unique_ptr<CURL, void (*)(CURL*)> curl(api.easy_init(), api.easy_cleanup);
    if (!curl) return core::make_error("kamailio: libcurl failed to initialise");
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(
        api.slist_append(nullptr, "Content-Type: application/json"), api.slist_free_all);
    std::string reply;
    CURL* c = curl.get();
    api.easy_setopt(c, CURLOPT_URL, endpoint.url.c_str());
    api.easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    api.easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    api.easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    api.easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(endpoint.timeout.count()));
    api.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    api.easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    api.easy_setopt(c, CURLOPT_WRITEDATA, &reply);
    const CURLcode rc = api.easy_perform(c);
    if (rc != CURLE_OK) return core::make_error("kamailio: " + endpoint.url + ": " + api.easy_strerror(rc));
    long status = 0;
    api.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
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
