// Header names known to the parser, with their compact forms (RFC 3261 §7.3.3
// and the extensions that define one), looked up case-insensitively.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipwarden::sip {

enum class HeaderId : std::uint8_t {
    other,
    via,
    from,
    to,
    call_id,
    cseq,
    contact,
    max_forwards,
    content_length,
    content_type,
    content_encoding,
    content_disposition,
    expires,
    user_agent,
    server,
    authorization,
    www_authenticate,
    proxy_authenticate,
    proxy_authorization,
    allow,
    record_route,
    route,
    p_asserted_identity,
    p_preferred_identity,
    remote_party_id,
    diversion,
    subject,
    supported,
    require,
    proxy_require,
    accept,
    date,
    event,
    allow_events,
    refer_to,
    referred_by,
    session_expires,
    identity,
    identity_info,
    accept_contact,
    reject_contact,
    request_disposition,
    warning,
    retry_after,
    organization,
    x_asterisk_hangupcause,
};

inline constexpr std::size_t k_header_id_count = static_cast<std::size_t>(HeaderId::x_asterisk_hangupcause) + 1;

// The header a name (long or compact form, any case) stands for; `other`
// when unknown. The name must already be trimmed.
HeaderId header_id(std::string_view name);
// The same for the name made of the first `n` bytes of `text`; the bytes
// after it let the lookup compare eight bytes at a time.
HeaderId header_id_prefix(std::string_view text, std::size_t n);
// Canonical long name ("Call-ID"); "" for `other`.
std::string_view header_name(HeaderId id);

}  // namespace sipwarden::sip
