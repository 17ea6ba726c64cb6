// Stable string codes of the anomalies and the bounded anomaly list.
#include "sip/anomaly.h"

namespace sipwarden::sip {

namespace {
struct AnomalyCode {
    Anomaly anomaly;
    std::string_view code;
};

// The registry of codes: one row per enumerator, in enum order.
constexpr std::array<AnomalyCode, k_anomaly_count> k_codes{{
    {Anomaly::junk_before_start_line, "sip.junk_before_start_line"},
    {Anomaly::message_too_large, "sip.message_too_large"},
    {Anomaly::truncated_headers, "sip.truncated_headers"},
    {Anomaly::bare_lf, "sip.bare_lf"},
    {Anomaly::start_line_extra_space, "sip.start_line_extra_space"},
    {Anomaly::unknown_version, "sip.unknown_version"},
    {Anomaly::bad_method, "sip.bad_method"},
    {Anomaly::malformed_request_uri, "sip.malformed_request_uri"},
    {Anomaly::bad_status_code, "sip.bad_status_code"},
    {Anomaly::header_without_colon, "sip.header_without_colon"},
    {Anomaly::bad_header_name, "sip.bad_header_name"},
    {Anomaly::control_character, "sip.control_character"},
    {Anomaly::nul_byte, "sip.nul_byte"},
    {Anomaly::line_too_long, "sip.line_too_long"},
    {Anomaly::value_too_long, "sip.value_too_long"},
    {Anomaly::too_many_headers, "sip.too_many_headers"},
    {Anomaly::too_many_via, "sip.too_many_via"},
    {Anomaly::missing_header, "sip.missing_header"},
    {Anomaly::duplicate_header, "sip.duplicate_header"},
    {Anomaly::malformed_header, "sip.malformed_header"},
    {Anomaly::unterminated_quoted_string, "sip.unterminated_quoted_string"},
    {Anomaly::bad_escape, "sip.bad_escape"},
    {Anomaly::numeric_overflow, "sip.numeric_overflow"},
    {Anomaly::bad_number, "sip.bad_number"},
    {Anomaly::cseq_method_mismatch, "sip.cseq_method_mismatch"},
    {Anomaly::via_missing_branch, "sip.via_missing_branch"},
    {Anomaly::multiple_content_length, "sip.multiple_content_length"},
    {Anomaly::bad_content_length, "sip.bad_content_length"},
    {Anomaly::content_length_exceeds_data, "sip.content_length_exceeds_data"},
    {Anomaly::trailing_bytes, "sip.trailing_bytes"},
    {Anomaly::no_content_length, "sip.no_content_length"},
    {Anomaly::body_without_content_type, "sip.body_without_content_type"},
    {Anomaly::bad_multipart, "sip.bad_multipart"},
    {Anomaly::sdp_bad_line, "sdp.bad_line"},
    {Anomaly::sdp_bad_version, "sdp.bad_version"},
    {Anomaly::sdp_bad_origin, "sdp.bad_origin"},
    {Anomaly::sdp_bad_connection, "sdp.bad_connection"},
    {Anomaly::sdp_missing_connection, "sdp.missing_connection"},
    {Anomaly::sdp_bad_media, "sdp.bad_media"},
    {Anomaly::sdp_bad_port, "sdp.bad_port"},
    {Anomaly::sdp_bad_format, "sdp.bad_format"},
    {Anomaly::sdp_bad_rtpmap, "sdp.bad_rtpmap"},
    {Anomaly::sdp_bad_rtcp, "sdp.bad_rtcp"},
    {Anomaly::sdp_too_many_media, "sdp.too_many_media"},
    {Anomaly::sdp_too_many_formats, "sdp.too_many_formats"},
    {Anomaly::sdp_too_many_rtpmaps, "sdp.too_many_rtpmaps"},
    {Anomaly::sdp_too_many_lines, "sdp.too_many_lines"},
    {Anomaly::sdp_control_character, "sdp.control_character"},
    {Anomaly::sdp_bare_lf, "sdp.bare_lf"},
}};

constexpr bool codes_in_enum_order() {
    for (std::size_t i = 0; i < k_codes.size(); ++i) {
        if (static_cast<std::size_t>(k_codes[i].anomaly) != i) return false;
    }
    return true;
}
static_assert(codes_in_enum_order(), "k_codes must list every Anomaly in enum order");

constexpr std::array<Anomaly, k_anomaly_count> all() {
    std::array<Anomaly, k_anomaly_count> out{};
    for (std::size_t i = 0; i < k_codes.size(); ++i) out[i] = k_codes[i].anomaly;
    return out;
}
constexpr std::array<Anomaly, k_anomaly_count> k_all = all();
}  // namespace

std::string_view code(Anomaly anomaly) {
    const auto i = static_cast<std::size_t>(anomaly);
    return i < k_codes.size() ? k_codes[i].code : std::string_view{"sip.unknown"};
}

std::span<const Anomaly> all_anomalies() { return k_all; }

void AnomalyList::clear() {
    m_records.clear();
    m_seen.fill(0);
    m_dropped = 0;
}

void AnomalyList::add(Anomaly anomaly, std::string_view detail, std::size_t limit) {
    const auto i = static_cast<std::size_t>(anomaly);
    m_seen[i / 64] |= std::uint64_t{1} << (i % 64);
    // Reserving the whole bound once keeps later messages allocation-free.
    if (m_records.capacity() < limit) m_records.reserve(limit);
    if (m_records.size() < limit) {
        m_records.push_back({anomaly, detail});
    } else {
        ++m_dropped;
    }
}

}  // namespace sipwarden::sip
