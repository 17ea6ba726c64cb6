// A zero-copy view of one SIP message (RFC 3261): start line, header table,
// the singleton headers a monitor needs (validated and parsed once), the body
// framed by Content-Length, and every tolerated oddity as an anomaly.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sip/anomaly.h"
#include "sip/header_id.h"
#include "sip/header_values.h"
#include "sip/limits.h"
#include "sip/method.h"

namespace sipwarden::sip {

namespace scan {
class LineTable;
struct LineEnd;
}  // namespace scan

// One header line (folded continuation lines included). `name` is as written
// (trimmed), `value` is trimmed of LWS at both ends and may contain the CR LF
// of folded lines, which every value parser treats as white space.
struct Header {
    HeaderId id = HeaderId::other;
    std::string_view name;
    std::string_view value;
};

// Every comma-separated value of every header with one id, in message order
// (Via, Contact, Route, Record-Route, Allow, Supported...).
class HeaderValues {
public:
    // Steps through the headers with one id and their comma-separated values.
    struct Cursor {
        std::span<const Header> headers;
        HeaderId id = HeaderId::other;
        std::size_t index = 0;
        CommaCursor values{{}, true};
        bool next(std::string_view& out);
    };
    using Iterator = CursorIterator<Cursor, std::string_view>;

    HeaderValues(std::span<const Header> headers, HeaderId id) : m_headers(headers), m_id(id) {}
    Iterator begin() const { return Iterator(Cursor{m_headers, m_id}); }
    Iterator end() const { return Iterator(); }

private:
    std::span<const Header> m_headers;
    HeaderId m_id;
};

// looks_like_sip past its first byte.
bool looks_like_sip_line(std::string_view payload);

// Cheap test used to classify UDP/TCP payloads by content: after at most a
// few leading CR LFs, does `payload` start with a SIP request or status line?
// Inline for its first byte: most payloads on a VoIP link are RTP (0x80 or
// 0x90), and no byte from 0x80 starts a start line or is CR or LF.
inline bool looks_like_sip(std::string_view payload) {
    return !payload.empty() && static_cast<unsigned char>(payload.front()) < 0x80 && looks_like_sip_line(payload);
}

// Owned by the caller and reused: parse() keeps the capacity of the internal
// arrays, so after the first messages parsing allocates nothing. Every view
// returned points into the buffer given to the last parse() and is valid
// while that buffer lives and until the next parse().
class Message {
public:
    // False only when no SIP start line is found (within
    // Limits::max_junk_bytes); every other oddity is an anomaly.
    bool parse(std::string_view data, const Limits& limits = {});

    // Start line.
    bool is_request() const { return m_is_request; }
    Method method() const { return m_method; }
    std::string_view method_text() const { return m_method_text; }
    std::string_view request_uri() const { return m_request_uri; }
    std::string_view version() const { return m_version; }
    int status_code() const { return m_status_code; }  // 0 for requests and unusable codes
    std::string_view reason() const { return m_reason; }
    std::string_view start_line() const { return m_start_line; }

    // Header table.
    std::span<const Header> headers() const { return {m_headers.data(), m_header_count}; }
    std::string_view header(HeaderId id) const;            // first value, or empty
    std::string_view header(std::string_view name) const;  // by name (any case, compact forms), first value
    std::size_t count(HeaderId id) const { return m_count[static_cast<std::size_t>(id)]; }
    HeaderValues values(HeaderId id) const { return HeaderValues(headers(), id); }

    // Singleton headers, parsed during parse(); nullopt when absent or malformed.
    std::string_view call_id() const { return header(HeaderId::call_id); }
    const std::optional<CSeq>& cseq() const { return m_cseq; }
    // Null when absent or malformed. (Pointers into the message, not
    // optionals: a std::optional<NameAddr> engaged afresh for every message
    // zeroed its 200 bytes with a rep stos.)
    const NameAddr* from() const { return m_has_from ? &m_from : nullptr; }
    const NameAddr* to() const { return m_has_to ? &m_to : nullptr; }
    const Via* top_via() const { return m_has_top_via ? &m_top_via : nullptr; }
    std::size_t via_count() const { return m_via_count; }  // Via values, comma-joined ones included
    // parse() keeps the first Contact value it reads with its parse. When
    // `value` is that value (the same bytes at the same place), this is
    // what parse_contact gives for it (nullptr: it failed); otherwise nullopt.
    std::optional<const Contact*> first_contact_parse(std::string_view value) const {
        if (m_first_contact_value.data() == nullptr || value.data() != m_first_contact_value.data() ||
            value.size() != m_first_contact_value.size())
            return std::nullopt;
        return m_first_contact_ok ? &m_first_contact : nullptr;
    }
    const std::optional<std::uint64_t>& content_length() const { return m_content_length; }
    const std::optional<std::uint32_t>& max_forwards() const { return m_max_forwards; }
    const std::optional<std::uint32_t>& expires() const { return m_expires; }
    std::string_view content_type() const { return header(HeaderId::content_type); }

    // Body framed by Content-Length, or the rest of the data without one.
    std::string_view body() const { return m_body; }
    // Bytes of this message from the start of the data (leading CR LFs and
    // junk included, trailing bytes beyond Content-Length excluded).
    std::size_t size() const { return m_size; }
    std::string_view data() const { return m_data; }

    std::span<const AnomalyRecord> anomalies() const { return m_anomalies.records(); }
    bool has(Anomaly anomaly) const { return m_anomalies.has(anomaly); }
    std::size_t anomalies_dropped() const { return m_anomalies.dropped(); }

private:
    struct PendingHeader {
        std::size_t name_begin = 0, name_size = 0, value_begin = 0, value_end = 0;
        HeaderId id = HeaderId::other;
        bool active = false;
    };

    void reset();
    void note(Anomaly anomaly, std::string_view detail);
    std::size_t find_start_line(std::size_t pos, scan::LineEnd& line);
    bool parse_start_line(std::string_view line, bool controls);
    bool parse_request_line(std::string_view line);
    void parse_status_line(std::string_view line);
    bool parse_usual_status_line(std::string_view line);
    void check_method_and_uri();
    void check_request_uri();
    std::size_t parse_header_block(std::size_t pos);
    std::size_t parse_table_lines(std::size_t pos, const scan::LineTable& table, std::size_t k);
    void table_line(std::size_t begin, std::size_t end, std::size_t colon);
    void header_line(std::size_t begin, std::string_view line, bool controls);
    void check_controls(std::string_view line, std::string_view what);
    void finish_header();
    void store_header(HeaderId id, std::string_view name, std::string_view value);
    void check_singleton(HeaderId id, std::string_view value);
    void take_via(std::string_view value);
    void take_name_addr(HeaderId id, std::string_view value, NameAddr& out, bool& has);
    void take_contacts(std::string_view value);
    void take_cseq(std::string_view value);
    void take_number(HeaderId id, std::string_view value);
    void take_content_length(std::string_view value);
    void check_required();
    void frame_body(std::size_t body_begin);
    void check_multipart();

    const Limits* m_limits = nullptr;  // valid during parse() only
    std::string_view m_data;
    std::string_view m_start_line, m_method_text, m_request_uri, m_version, m_reason, m_body;
    Method m_method = Method::other;
    bool m_is_request = false;
    bool m_bare_lf = false;
    int m_status_code = 0;
    std::size_t m_size = 0;
    std::vector<Header> m_headers;  // sized to Limits::max_headers once; the first m_header_count are set
    std::size_t m_header_count = 0;
    std::array<std::uint16_t, k_header_id_count> m_count{};
    std::array<std::uint16_t, k_header_id_count> m_first{};
    PendingHeader m_pending;
    std::size_t m_via_count = 0;
    std::optional<CSeq> m_cseq;
    // Parsed in place and kept from one message to the next (every parser
    // sets all their fields); the flags say whether this message has them.
    NameAddr m_from, m_to;
    Via m_top_via;
    bool m_has_from = false, m_has_to = false, m_has_top_via = false;
    Via m_via_scratch;          // Via values after the top one
    Contact m_contact_scratch;  // Contact values after the first
    Contact m_first_contact;    // the first Contact value, its view and whether it parsed
    std::string_view m_first_contact_value;
    bool m_first_contact_ok = false;
    std::optional<std::uint64_t> m_content_length;
    bool m_content_length_bad = false;
    std::optional<std::uint32_t> m_max_forwards, m_expires;
    AnomalyList m_anomalies;
};

}  // namespace sipwarden::sip
