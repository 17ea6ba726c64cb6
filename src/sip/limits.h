// Every bound the SIP and SDP parsers enforce, in one place with documented
// defaults. Exceeding a bound is recorded as an anomaly, never a crash.
#pragma once

#include <cstddef>

namespace sipwarden::sip {

struct Limits {
    // Bytes of one message looked at; the rest is ignored (sip.message_too_large).
    // 65535 is the largest UDP payload; Kamailio's own buffer is the same size.
    std::size_t max_message_bytes = 65535;
    // Bytes skipped before a start line is found (sip.junk_before_start_line);
    // past this the payload is not SIP.
    std::size_t max_junk_bytes = 512;
    // One physical line of the start line or header block (sip.line_too_long).
    std::size_t max_line_bytes = 4096;
    // One header value including its folded continuation lines (sip.value_too_long).
    std::size_t max_header_bytes = 8192;
    // Headers kept per message; later ones are counted but not stored (sip.too_many_headers).
    std::size_t max_headers = 128;
    // Via values (hops) accepted; RFC 3261 proxies start at Max-Forwards 70 (sip.too_many_via).
    std::size_t max_via = 70;
    // Length of the method token (sip.value_too_long "method"); the longest
    // registered method is 9 characters, RFC 4475 intmeth a valid 43; the
    // pjproject transaction-key overflow (AST-2017-002) used a long one.
    std::size_t max_method_bytes = 64;
    // Length of the request-URI (sip.value_too_long "request-URI"; AST-2016-004).
    std::size_t max_uri_bytes = 2048;
    // Length of the Call-ID (sip.value_too_long "Call-ID"; sngrep and Kamailio fixed buffers).
    std::size_t max_call_id_bytes = 512;
    // Anomaly records kept per message or session description; more are
    // counted (anomalies_dropped()) and still answer has().
    std::size_t max_anomalies = 32;
    // Parts of a multipart body examined when looking for the SDP part.
    std::size_t max_multipart_parts = 16;
    // SDP: media sections kept (sdp.too_many_media).
    std::size_t max_media = 32;
    // SDP: rtpmap attributes kept over all media sections (sdp.too_many_rtpmaps).
    std::size_t max_rtpmaps = 256;
    // SDP: formats on one m= line (sdp.too_many_formats).
    std::size_t max_formats = 128;
    // SDP: lines examined (sdp.too_many_lines).
    std::size_t max_sdp_lines = 1024;
};

}  // namespace sipwarden::sip
