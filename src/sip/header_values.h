// Structured views of single header values: name-addr (From, To, Contact,
// Route, P-Asserted-Identity...), Contact, Via and CSeq. Each parser takes one
// value (split comma lists with CommaList first), allocates nothing and says
// why it failed through an optional ValueError.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sip/method.h"
#include "sip/params.h"
#include "sip/uri.h"

namespace sipwarden::sip {

enum class ValueError : std::uint8_t {
    none,
    empty,
    unterminated_quote,
    bad_display_name,
    unterminated_angle,
    spaces_in_uri,
    needs_angle_brackets,
    bad_uri,
    bad_params,
    trailing_garbage,
    bad_protocol,
    bad_host,
    bad_port,
    bad_number,
    overflow,
};
std::string_view to_string(ValueError error);

// name-addr / addr-spec (RFC 3261 §20.10, §25.1).
struct NameAddr {
    std::string_view display_name;  // as written: quotes kept when quoted, empty when absent
    std::string_view uri_text;      // inside <...>, or the addr-spec
    std::string_view params;        // header parameters after the URI, without the first ';'
    bool angle_brackets = false;
    Uri uri;  // uri_text parsed

    Params parameters() const { return Params(params); }
    std::optional<std::string_view> param(std::string_view name) const { return parameters().find(name); }
    std::optional<std::string_view> tag() const { return param("tag"); }
};
std::optional<NameAddr> parse_name_addr(std::string_view value, ValueError* error = nullptr);
// The same into `out` (overwritten; meaningful only on success), for hot
// paths that keep the result in place; `why` is ValueError::none on success.
bool parse_name_addr(std::string_view value, NameAddr& out, ValueError& why);

// One Contact value: "*" or a name-addr with its expires parameter.
struct Contact {
    bool star = false;
    NameAddr address;
    std::optional<std::uint32_t> expires;  // nullopt when absent or not a valid delta-seconds
    bool expires_overflow = false;         // expires= larger than 2^32-1
};
std::optional<Contact> parse_contact(std::string_view value, ValueError* error = nullptr);
bool parse_contact(std::string_view value, Contact& out, ValueError& why);

// One Via value (RFC 3261 §20.42) with the parameters a monitor needs.
struct Via {
    std::string_view protocol;   // "SIP"
    std::string_view version;    // "2.0"
    std::string_view transport;  // "UDP", "TCP", "TLS", "SCTP", "WS", ...
    std::string_view host;       // sent-by host as written (IPv6 in brackets)
    HostKind host_kind = HostKind::none;
    std::optional<std::uint16_t> port;
    std::string_view params;  // after the first ';', without it
    std::optional<std::string_view> branch;
    std::optional<std::string_view> received;
    std::optional<std::string_view> maddr;
    std::optional<std::uint8_t> ttl;
    bool rport = false;  // rport present, with or without value
    std::optional<std::uint16_t> rport_value;

    Params parameters() const { return Params(params); }
};
std::optional<Via> parse_via(std::string_view value, ValueError* error = nullptr);
bool parse_via(std::string_view value, Via& out, ValueError& why);

// CSeq (RFC 3261 §20.16): the number must be below 2^31.
struct CSeq {
    std::uint32_t number = 0;
    Method method = Method::other;
    std::string_view method_text;
};
inline constexpr std::uint32_t k_max_cseq = 0x7fffffffU;
std::optional<CSeq> parse_cseq(std::string_view value, ValueError* error = nullptr);

}  // namespace sipwarden::sip
