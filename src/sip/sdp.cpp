// SDP parsing: one pass over the lines, media sections bounded by Limits.
#include "sip/sdp.h"

#include <algorithm>

#include "sip/line_scanner.h"
#include "sip/scan.h"
#include "sip/uri.h"

namespace sipwarden::sip {

namespace {
constexpr std::size_t k_detail_bytes = 32;
constexpr std::size_t k_max_token = 64;     // media type, proto: longer is malformed
constexpr std::size_t k_max_address = 255;  // FQDN length limit (RFC 1035)

// SP, HT, CR or LF; one comparison settles the usual byte above SP.
bool lws_byte(char c) { return static_cast<unsigned char>(c) <= ' ' && scan::is_lws(c); }

// The first word of `s` (after white space), `s` left at the word after it.
[[gnu::always_inline]] inline std::string_view take_word(std::string_view& s) {
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end && lws_byte(*p)) ++p;
    const char* const begin = p;
    while (p < end && !lws_byte(*p)) ++p;
    const std::string_view word(begin, static_cast<std::size_t>(p - begin));
    while (p < end && lws_byte(*p)) ++p;
    s = std::string_view(p, static_cast<std::size_t>(end - p));
    return word;
}

AddressType address_type_of(std::string_view s) {
    if (s == "IP4") return AddressType::ip4;
    if (s == "IP6") return AddressType::ip6;
    return AddressType::other;
}

bool valid_address(AddressType type, std::string_view address) {
    if (address.empty() || address.size() > k_max_address) return false;
    if (type == AddressType::ip6 && is_ipv6_address(address)) return true;
    if (type == AddressType::ip4 && is_ipv4_address(address)) return true;
    // A fully qualified domain name is allowed too (RFC 8866 §5.7); address
    // types other than IP4 and IP6 are registered by nobody in use.
    return type != AddressType::other && classify_host(address) == HostKind::name;
}

std::optional<std::uint32_t> number(std::string_view s, std::uint64_t max) { return scan::parse_small_decimal(s, max); }

// The usual RTP format list "96 9 8 0 101": payload types 0-127 of one to
// three digits, one SP apart, nothing before or after; `count` gets their
// number. False for anything else, which the general reading then takes.
bool plain_payload_types(std::string_view s, std::size_t& count) {
    count = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::uint32_t pt = 0;
        const std::size_t begin = i;
        while (i < s.size() && i - begin < 3 && scan::is_digit(s[i]))
            pt = pt * 10 + static_cast<std::uint32_t>(s[i++] - '0');
        if (i == begin || pt > 127) return false;
        ++count;
        if (i == s.size()) return true;
        if (s[i] != ' ' || ++i == s.size()) return false;
    }
    return false;  // empty
}
}  // namespace

std::string_view to_string(Direction direction) {
    switch (direction) {
        case Direction::unspecified: return "";
        case Direction::sendrecv: return "sendrecv";
        case Direction::sendonly: return "sendonly";
        case Direction::recvonly: return "recvonly";
        case Direction::inactive: return "inactive";
    }
    return "";
}

bool WordCursor::next(std::string_view& out) {
    out = take_word(rest);
    return !out.empty();
}

std::optional<std::uint8_t> payload_type(std::string_view format) {
    const auto v = scan::parse_small_decimal(format, 127);
    if (!v) return std::nullopt;
    return static_cast<std::uint8_t>(*v);
}

void SessionDescription::reset() {
    m_version = -1;
    m_origin = {};
    m_session_name = {};
    m_connection = {};
    m_direction = Direction::unspecified;
    m_media.clear();
    m_rtpmap_count = 0;
    m_skipping_media = m_seen_line = false;
    m_anomalies.clear();
}

void SessionDescription::note(Anomaly anomaly, std::string_view detail) {
    m_anomalies.add(anomaly, detail, m_limits->max_anomalies);
}

bool SessionDescription::parse(std::string_view text, const Limits& limits) {
    reset();
    m_limits = &limits;
    if (m_media.capacity() < limits.max_media) m_media.reserve(limits.max_media);
    bool bare_lf = false;
    std::size_t lines = 0;
    // Line ends and control bytes come from one SSE2 pass; only a line the
    // scanner flags is checked again, exactly.
    scan::LineScanner scanner(text, false);
    for (std::size_t pos = 0; pos < text.size();) {
        if (++lines > limits.max_sdp_lines) {
            note(Anomaly::sdp_too_many_lines, "lines");
            break;
        }
        const scan::LineEnd end = scanner.line(pos);
        pos = end.next;
        std::string_view l = end.text;
        bare_lf = bare_lf || end.bare_lf;
        // A last line without LF loses its CR too.
        if (!end.terminated && !l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (l.empty()) continue;
        if (end.controls && scan::has_control_byte(l))
            note(Anomaly::sdp_control_character, l.substr(0, k_detail_bytes));
        if (l.size() < 2 || l[1] != '=' || !scan::is_alpha(l[0])) {
            note(Anomaly::sdp_bad_line, l.substr(0, k_detail_bytes));
            continue;
        }
        if (!m_seen_line && l[0] != 'v') note(Anomaly::sdp_bad_version, "missing v=");
        m_seen_line = true;
        line(l[0], l.substr(2), l);
    }
    if (bare_lf) note(Anomaly::sdp_bare_lf, "line ends");
    for (const Media& m : m_media) {
        if (m.port != 0 && !connection_for(m).present) note(Anomaly::sdp_missing_connection, m.type);
    }
    m_limits = nullptr;
    return m_seen_line;
}

[[gnu::always_inline]] inline void SessionDescription::line(char type, std::string_view value, std::string_view whole) {
    switch (type) {
        case 'v':
            if (value != "0") note(Anomaly::sdp_bad_version, value.substr(0, k_detail_bytes));
            if (const auto v = number(value, 1000)) m_version = static_cast<int>(*v);
            break;
        case 'o': origin_line(value); break;
        case 's':
            if (m_media.empty()) m_session_name = value;
            break;
        case 'c':
            if (Media* m = current_media()) {
                if (!connection(value, m->connection))
                    note(Anomaly::sdp_bad_connection, whole.substr(0, k_detail_bytes));
            } else if (!m_skipping_media && !connection(value, m_connection)) {
                note(Anomaly::sdp_bad_connection, whole.substr(0, k_detail_bytes));
            }
            break;
        case 'm': media_line(value); break;
        case 'a': attribute(value); break;
        default: break;
    }
}

Media* SessionDescription::current_media() { return m_media.empty() || m_skipping_media ? nullptr : &m_media.back(); }

void SessionDescription::origin_line(std::string_view value) {
    m_origin.present = true;
    m_origin.username = take_word(value);
    m_origin.session_id = take_word(value);
    m_origin.session_version = take_word(value);
    if (m_origin.session_version.empty() || !connection(value, m_origin.address)) {
        note(Anomaly::sdp_bad_origin, value.substr(0, k_detail_bytes));
    }
}

// "IN IP4 224.2.1.1/127/3": network type, address type, address[/ttl][/count].
bool SessionDescription::connection(std::string_view value, Connection& out) {
    // The usual "IN IP4 a.b.c.d", one SP apart and nothing after: at once,
    // as the word-by-word reading below would take it.
    constexpr std::string_view k_in_ip4 = "IN IP4 ";
    if (value.size() > k_in_ip4.size() && value.substr(0, k_in_ip4.size()) == k_in_ip4 &&
        is_ipv4_address(value.substr(k_in_ip4.size()))) {
        out = {};
        out.present = true;
        out.network_type = value.substr(0, 2);
        out.address_type_text = value.substr(3, 3);
        out.address_type = AddressType::ip4;
        out.address = value.substr(k_in_ip4.size());
        return true;
    }
    out = {};
    out.present = true;
    out.network_type = take_word(value);
    out.address_type_text = take_word(value);
    out.address_type = address_type_of(out.address_type_text);
    std::string_view address = take_word(value);
    if (out.network_type != "IN" || !value.empty()) return false;
    out.address = scan::take_until(address, '/');
    if (!address.empty()) {
        const std::string_view first = scan::take_until(address, '/');
        if (out.address_type == AddressType::ip4) {
            const auto ttl = number(first, 255);
            if (!ttl) return false;
            out.ttl = static_cast<std::uint8_t>(*ttl);
            if (!address.empty() && !(out.count = number(address, UINT32_MAX))) return false;
        } else if (!address.empty() || !(out.count = number(first, UINT32_MAX))) {
            return false;
        }
    }
    return valid_address(out.address_type, out.address);
}

void SessionDescription::media_line(std::string_view value) {
    if (m_media.size() >= m_limits->max_media) {
        if (!m_skipping_media) note(Anomaly::sdp_too_many_media, "m=");
        m_skipping_media = true;
        return;
    }
    m_skipping_media = false;
    Media& m = m_media.emplace_back();
    const std::string_view whole = value;
    m.type = take_word(value);
    std::string_view port = take_word(value);
    m.proto = take_word(value);
    m.formats = value;
    if (!scan::is_token(m.type) || m.type.size() > k_max_token || m.proto.empty() || m.proto.size() > k_max_token) {
        note(Anomaly::sdp_bad_media, whole.substr(0, k_detail_bytes));
    }
    const auto p = number(scan::take_until(port, '/'), 65535);
    if (!p) note(Anomaly::sdp_bad_port, whole.substr(0, k_detail_bytes));
    m.port = static_cast<std::uint16_t>(p.value_or(0));
    if (!port.empty()) {
        const auto count = number(port, 65535);
        if (!count) note(Anomaly::sdp_bad_port, whole.substr(0, k_detail_bytes));
        m.port_count = count.value_or(1);
    }
    const bool rtp = m.is_rtp();
    if (!rtp || !plain_payload_types(m.formats, m.format_count)) {
        m.format_count = 0;
        for (std::string_view rest = m.formats, f = take_word(rest); !f.empty(); f = take_word(rest)) {
            if (++m.format_count == m_limits->max_formats + 1) note(Anomaly::sdp_too_many_formats, m.type);
            if (rtp && !payload_type(f)) note(Anomaly::sdp_bad_format, f.substr(0, k_detail_bytes));
        }
    } else if (m.format_count > m_limits->max_formats) {
        note(Anomaly::sdp_too_many_formats, m.type);
    }
    if (m.format_count == 0) note(Anomaly::sdp_bad_media, whole.substr(0, k_detail_bytes));
}

namespace {
// The attributes the parser keeps, by name; kind_of dispatches on length.
enum class AttributeKind : std::uint8_t { other, sendrecv, sendonly, recvonly, inactive, rtcp_mux, rtcp, rtpmap };

AttributeKind kind_of(std::string_view name) {
    switch (name.size()) {
        case 4: return name == "rtcp" ? AttributeKind::rtcp : AttributeKind::other;
        case 6: return name == "rtpmap" ? AttributeKind::rtpmap : AttributeKind::other;
        case 8:
            if (name == "sendrecv") return AttributeKind::sendrecv;
            if (name == "sendonly") return AttributeKind::sendonly;
            if (name == "recvonly") return AttributeKind::recvonly;
            if (name == "inactive") return AttributeKind::inactive;
            if (name == "rtcp-mux") return AttributeKind::rtcp_mux;
            return AttributeKind::other;
        default: return AttributeKind::other;
    }
}

Direction direction_of(AttributeKind kind) {
    switch (kind) {
        case AttributeKind::sendrecv: return Direction::sendrecv;
        case AttributeKind::sendonly: return Direction::sendonly;
        case AttributeKind::recvonly: return Direction::recvonly;
        case AttributeKind::inactive: return Direction::inactive;
        default: return Direction::unspecified;
    }
}
}  // namespace

[[gnu::always_inline]] inline void SessionDescription::attribute(std::string_view value) {
    // The name is a few bytes: no memchr for the colon.
    std::size_t colon = 0;
    while (colon < value.size() && value[colon] != ':') ++colon;
    const std::string_view name = value.substr(0, colon);
    const std::string_view arg = colon == value.size() ? std::string_view{} : value.substr(colon + 1);
    Media* m = current_media();
    if (m == nullptr && m_skipping_media) return;
    const AttributeKind kind = kind_of(name);
    const Direction direction = direction_of(kind);
    if (direction != Direction::unspecified) {
        (m != nullptr ? m->direction : m_direction) = direction;
    } else if (m != nullptr && kind == AttributeKind::rtcp_mux) {
        m->rtcp_mux = true;
    } else if (m != nullptr && kind == AttributeKind::rtcp) {
        rtcp_attribute(*m, arg);
    } else if (m != nullptr && kind == AttributeKind::rtpmap) {
        rtpmap_attribute(*m, arg);
    }
}

// a=rtcp:port [nettype addrtype address] (RFC 3605).
void SessionDescription::rtcp_attribute(Media& media, std::string_view value) {
    const std::string_view port = take_word(value);
    const auto p = number(port, 65535);
    if (!p) {
        note(Anomaly::sdp_bad_rtcp, port.substr(0, k_detail_bytes));
        return;
    }
    media.rtcp_port = static_cast<std::uint16_t>(*p);
    if (!value.empty() && !connection(value, media.rtcp_address)) {
        note(Anomaly::sdp_bad_rtcp, value.substr(0, k_detail_bytes));
        media.rtcp_address = {};
    }
}

namespace {
// The usual rtpmap value "96 opus/48000/2": a payload type of one to three
// digits, one SP, an encoding name of bytes above SP up to '/', a clock
// rate of one to nine digits, then nothing or '/' and the parameters. False
// for anything else, which the general reading then takes.
bool plain_rtpmap(std::string_view s, RtpMap& map) {
    std::size_t i = 0;
    std::uint32_t pt = 0;
    while (i < s.size() && i < 3 && scan::is_digit(s[i])) pt = pt * 10 + static_cast<std::uint32_t>(s[i++] - '0');
    if (i == 0 || i == s.size() || s[i] != ' ' || pt > 127) return false;
    const std::size_t encoding = ++i;
    while (i < s.size() && s[i] != '/' && static_cast<unsigned char>(s[i]) > ' ') ++i;
    if (i == encoding || i == s.size() || s[i] != '/') return false;
    const std::size_t clock = ++i;
    std::uint32_t rate = 0;
    while (i < s.size() && i - clock < 9 && scan::is_digit(s[i]))
        rate = rate * 10 + static_cast<std::uint32_t>(s[i++] - '0');
    if (i == clock || (i < s.size() && s[i] != '/')) return false;
    const std::string_view parameters = i < s.size() ? s.substr(i + 1) : std::string_view{};
    // Trailing white space is trimmed by the general reading.
    if (!parameters.empty() && static_cast<unsigned char>(parameters.back()) <= ' ') return false;
    map.payload_type = static_cast<std::uint8_t>(pt);
    map.encoding = s.substr(encoding, clock - 1 - encoding);
    map.clock_rate = rate;
    map.parameters = parameters;
    return true;
}
}  // namespace

// a=rtpmap:<payload type> <encoding name>/<clock rate>[/<parameters>].
void SessionDescription::rtpmap_attribute(Media& media, std::string_view value) {
    RtpMap map;
    if (!plain_rtpmap(value, map)) {
        const std::string_view whole = value;
        const auto pt = payload_type(take_word(value));
        std::string_view encoding = scan::trim(value);
        map.encoding = scan::take_until(encoding, '/');
        // The clock rate is required (RFC 8866 §6.6) but RFC 4475's valid
        // messages omit it ("31 LPC"): absent reads as 0, malformed is an anomaly.
        const std::string_view clock_text = scan::take_until(encoding, '/');
        const auto clock = clock_text.empty() ? std::optional<std::uint32_t>(0) : number(clock_text, UINT32_MAX);
        map.parameters = encoding;
        if (!pt || map.encoding.empty() || !clock) {
            note(Anomaly::sdp_bad_rtpmap, whole.substr(0, k_detail_bytes));
            return;
        }
        map.payload_type = *pt;
        map.clock_rate = *clock;
    }
    if (m_rtpmap_count >= m_limits->max_rtpmaps) {
        if (!has(Anomaly::sdp_too_many_rtpmaps)) note(Anomaly::sdp_too_many_rtpmaps, "a=rtpmap");
        return;
    }
    // Sizing the table to the whole bound once keeps later parses allocation-free.
    if (m_rtpmaps.size() < m_limits->max_rtpmaps) m_rtpmaps.resize(m_limits->max_rtpmaps);
    // Media sections are contiguous in m_rtpmaps because attributes follow their m= line.
    if (media.rtpmap_count == 0) media.rtpmap_begin = m_rtpmap_count;
    m_rtpmaps[m_rtpmap_count++] = map;
    ++media.rtpmap_count;
}

std::span<const RtpMap> SessionDescription::rtpmaps(const Media& media) const {
    if (media.rtpmap_begin > m_rtpmap_count) return {};
    return std::span<const RtpMap>(m_rtpmaps.data(), m_rtpmap_count)
        .subspan(media.rtpmap_begin, std::min(media.rtpmap_count, m_rtpmap_count - media.rtpmap_begin));
}

std::optional<RtpMap> SessionDescription::rtpmap(const Media& media, std::uint8_t pt) const {
    for (const RtpMap& map : rtpmaps(media)) {
        if (map.payload_type == pt) return map;
    }
    return std::nullopt;
}

const Connection& SessionDescription::connection_for(const Media& media) const {
    return media.connection.present ? media.connection : m_connection;
}

Direction SessionDescription::direction_for(const Media& media) const {
    if (media.direction != Direction::unspecified) return media.direction;
    return m_direction != Direction::unspecified ? m_direction : Direction::sendrecv;
}

}  // namespace sipwarden::sip
