// Anomalies: oddities the SIP and SDP parsers tolerate and record as data,
// each with a stable string code (the catalogue is docs/anomalies.md).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace sipwarden::sip {

// Order is not part of the contract; the string codes are.
enum class Anomaly : std::uint8_t {
    // message framing and start line
    junk_before_start_line,
    message_too_large,
    truncated_headers,
    bare_lf,
    start_line_extra_space,
    unknown_version,
    bad_method,
    malformed_request_uri,
    bad_status_code,
    // header block
    header_without_colon,
    bad_header_name,
    control_character,
    nul_byte,
    line_too_long,
    value_too_long,
    too_many_headers,
    too_many_via,
    missing_header,
    duplicate_header,
    malformed_header,
    unterminated_quoted_string,
    bad_escape,
    numeric_overflow,
    bad_number,
    cseq_method_mismatch,
    via_missing_branch,
    // body framing
    multiple_content_length,
    bad_content_length,
    content_length_exceeds_data,
    trailing_bytes,
    no_content_length,
    body_without_content_type,
    bad_multipart,
    // SDP
    sdp_bad_line,
    sdp_bad_version,
    sdp_bad_origin,
    sdp_bad_connection,
    sdp_missing_connection,
    sdp_bad_media,
    sdp_bad_port,
    sdp_bad_format,
    sdp_bad_rtpmap,
    sdp_bad_rtcp,
    sdp_too_many_media,
    sdp_too_many_formats,
    sdp_too_many_rtpmaps,
    sdp_too_many_lines,
    sdp_control_character,
    sdp_bare_lf,
};

inline constexpr std::size_t k_anomaly_count = static_cast<std::size_t>(Anomaly::sdp_bare_lf) + 1;

// Stable code such as "sip.junk_before_start_line" or "sdp.bad_format".
std::string_view code(Anomaly anomaly);
// All anomalies, in enum order (for catalogues and tests).
std::span<const Anomaly> all_anomalies();

// One recorded oddity. `detail` names what was odd: a static string (a
// header name, "status code") or a view into the parsed buffer.
struct AnomalyRecord {
    Anomaly anomaly;
    std::string_view detail;
};

// Bounded list of anomaly records that keeps its capacity when cleared.
class AnomalyList {
public:
    void clear();
    void add(Anomaly anomaly, std::string_view detail, std::size_t limit);
    bool has(Anomaly anomaly) const {
        const auto i = static_cast<std::size_t>(anomaly);
        return ((m_seen[i / 64] >> (i % 64)) & 1U) != 0;
    }
    std::span<const AnomalyRecord> records() const { return m_records; }
    // Records not kept because the list was full.
    std::size_t dropped() const { return m_dropped; }

private:
    std::vector<AnomalyRecord> m_records;
    std::array<std::uint64_t, (k_anomaly_count + 63) / 64> m_seen{};
    std::size_t m_dropped = 0;
};

}  // namespace sipwarden::sip
