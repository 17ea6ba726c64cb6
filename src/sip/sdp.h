// A zero-copy view of an SDP session description (RFC 8866, RFC 4566):
// origin, session and per-media connection, media lines with ports and
// formats, rtpmap, direction, rtcp and rtcp-mux attributes, with anomalies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sip/anomaly.h"
#include "sip/cursor_iterator.h"
#include "sip/limits.h"

namespace sipwarden::sip {

enum class AddressType : std::uint8_t { none, ip4, ip6, other };

// c= (or the address part of o= and a=rtcp).
struct Connection {
    bool present = false;
    std::string_view network_type;       // "IN"
    std::string_view address_type_text;  // "IP4", "IP6", ...
    AddressType address_type = AddressType::none;
    std::string_view address;            // without the /ttl/count suffix
    std::optional<std::uint8_t> ttl;     // IP4 multicast TTL
    std::optional<std::uint32_t> count;  // number of addresses
};

struct Origin {
    bool present = false;
    std::string_view username, session_id, session_version;
    Connection address;  // network type, address type, unicast address
};

enum class Direction : std::uint8_t { unspecified, sendrecv, sendonly, recvonly, inactive };
std::string_view to_string(Direction direction);

struct RtpMap {
    std::uint8_t payload_type = 0;
    std::string_view encoding;  // "PCMU", "telephone-event", ...
    std::uint32_t clock_rate = 0;
    std::string_view parameters;  // channels, or empty
};

struct Media {
    std::string_view type;  // "audio", "video", "image", "application", ...
    std::uint16_t port = 0;
    std::uint32_t port_count = 1;
    std::string_view proto;    // "RTP/AVP", "RTP/SAVP", "udptl", "TCP/MSRP", ...
    std::string_view formats;  // the format list as written
    std::size_t format_count = 0;
    Connection connection;  // media-level c=, `present` false when absent
    Direction direction = Direction::unspecified;
    bool rtcp_mux = false;
    std::optional<std::uint16_t> rtcp_port;
    Connection rtcp_address;  // present when a=rtcp named an address
    std::size_t rtpmap_begin = 0;
    std::size_t rtpmap_count = 0;

    // RTP profiles carry payload-type numbers as formats.
    bool is_rtp() const { return proto.find("RTP/") != std::string_view::npos; }
};

// Steps through words separated by white space; see Words.
struct WordCursor {
    std::string_view rest;
    bool next(std::string_view& out);
};

// Words separated by white space (the format list of a media line).
class Words {
public:
    using Iterator = CursorIterator<WordCursor, std::string_view>;
    explicit Words(std::string_view text) : m_text(text) {}
    Iterator begin() const { return Iterator(WordCursor{m_text}); }
    Iterator end() const { return Iterator(); }

private:
    std::string_view m_text;
};

// An RTP payload type 0-127, or nullopt (so "4294967296" is no overflow).
std::optional<std::uint8_t> payload_type(std::string_view format);

// Owned by the caller and reused like Message: after warm-up parse()
// allocates nothing. Views point into the text given to the last parse().
class SessionDescription {
public:
    // False only when no SDP line ("x=...") is found; oddities are anomalies.
    bool parse(std::string_view text, const Limits& limits = {});

    int version() const { return m_version; }  // -1 when absent or not a number
    const Origin& origin() const { return m_origin; }
    std::string_view session_name() const { return m_session_name; }
    const Connection& connection() const { return m_connection; }  // session level
    Direction direction() const { return m_direction; }            // session level
    std::span<const Media> media() const { return m_media; }
    std::span<const RtpMap> rtpmaps(const Media& media) const;
    std::optional<RtpMap> rtpmap(const Media& media, std::uint8_t payload_type) const;
    // The media-level connection, else the session-level one.
    const Connection& connection_for(const Media& media) const;
    // The media-level direction, else the session-level one, else sendrecv (RFC 3264 §5.1).
    Direction direction_for(const Media& media) const;

    std::span<const AnomalyRecord> anomalies() const { return m_anomalies.records(); }
    bool has(Anomaly anomaly) const { return m_anomalies.has(anomaly); }
    std::size_t anomalies_dropped() const { return m_anomalies.dropped(); }

private:
    void reset();
    void note(Anomaly anomaly, std::string_view detail);
    void line(char type, std::string_view value, std::string_view whole);
    void origin_line(std::string_view value);
    void media_line(std::string_view value);
    void attribute(std::string_view value);
    void rtcp_attribute(Media& media, std::string_view value);
    void rtpmap_attribute(Media& media, std::string_view value);
    bool connection(std::string_view value, Connection& out);
    Media* current_media();

    const Limits* m_limits = nullptr;  // valid during parse() only
    int m_version = -1;
    Origin m_origin;
    std::string_view m_session_name;
    Connection m_connection;
    Direction m_direction = Direction::unspecified;
    std::vector<Media> m_media;
    std::vector<RtpMap> m_rtpmaps;  // sized to Limits::max_rtpmaps once; the first m_rtpmap_count are set
    std::size_t m_rtpmap_count = 0;
    bool m_skipping_media = false;  // inside a media section past Limits::max_media
    bool m_seen_line = false;
    AnomalyList m_anomalies;
};

}  // namespace sipwarden::sip
