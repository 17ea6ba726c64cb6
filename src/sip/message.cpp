// Message::parse: start line, one pass over the header block (memchr line
// finding, table lookup of names, SWAR control-byte checks) and body framing.
#include "sip/message.h"

#include <algorithm>

#include "sip/header_lookup.h"
#include "sip/line_scanner.h"
#include "sip/multipart.h"
#include "sip/parse_memo.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
constexpr std::uint16_t k_none = 0xffff;
constexpr std::size_t k_detail_bytes = 32;  // bytes of odd input quoted in an anomaly detail
constexpr std::size_t k_max_leading_crlf = 64;

using scan::LineEnd;

LineEnd line_at(std::string_view data, std::size_t pos) { return scan::line_ending(data, pos, data.find('\n', pos)); }

// Where the header name of the line at `begin` (of `line_size` bytes) would
// end if it is a token: the first ':', SP or HT among its first sixteen
// bytes. npos when there is none there, or fewer than sixteen bytes remain.
std::size_t name_end_hint(std::string_view data, std::size_t begin, std::size_t line_size) {
#if defined(__SSE2__)
    if (begin + 16 > data.size()) return scan::npos;
    const __m128i x = scan::load16(data, begin);
    const unsigned m = scan::mask_of(_mm_or_si128(_mm_or_si128(scan::eq(x, ':'), scan::eq(x, ' ')), scan::eq(x, '\t')));
    if (m == 0) return scan::npos;
    const auto end = static_cast<std::size_t>(std::countr_zero(m));
    return end < line_size ? end : scan::npos;
#else
    (void)data;
    (void)begin;
    (void)line_size;
    return scan::npos;
#endif
}

bool is_sp(char c) { return c == ' ' || c == '\t'; }

std::string_view trim_sp(std::string_view s) {
    while (!s.empty() && is_sp(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_sp(s.back())) s.remove_suffix(1);
    return s;
}

bool is_sip_version(std::string_view s) {
    return s.size() >= 5 && scan::istarts_with(s, "SIP/") && scan::is_digit(s[4]);
}

// "METHOD SP URI SP SIP/x" or "SIP/x SP code ...", tolerating extra spaces.
constexpr std::string_view k_status_prefix = "SIP/2.0 ";
constexpr std::string_view k_request_suffix = " SIP/2.0";

// The usual request line "METHOD SP URI SP SIP/2.0": the offset of the first
// SP when the method holds no white space or control byte and the URI is not
// empty; npos otherwise (not a start line, or an unusual one).
std::size_t usual_request_space(std::string_view line) {
    if (line.size() <= k_request_suffix.size() + 2 || !line.ends_with(k_request_suffix)) return scan::npos;
    std::size_t sp = 0;
    while (sp < line.size() && line[sp] != ' ' && !scan::in(line[sp], scan::cls::lws | scan::cls::ctl)) ++sp;
    if (sp == 0 || line[sp] != ' ' || sp + 1 >= line.size() - k_request_suffix.size()) return scan::npos;
    return sp;
}

bool is_start_line(std::string_view line) {
    if (line.starts_with(k_status_prefix)) return true;
    // A line starting with "SIP/" is a status line or nothing, even when it
    // also has the shape of a request line ("SIP/x uri SIP/2.0").
    if (scan::istarts_with(line, "SIP/")) {
        const std::size_t sp = line.find(' ');
        return sp != scan::npos && is_sip_version(line.substr(0, sp));
    }
    if (usual_request_space(line) != scan::npos) return true;
    const std::size_t sp = line.find(' ');
    if (sp == scan::npos || sp == 0) return false;
    for (char c : line.substr(0, sp)) {
        if (scan::is_lws(c) || scan::is_ctl(c)) return false;
    }
    const std::string_view rest = trim_sp(line.substr(sp));
    const std::size_t last = rest.rfind(' ');
    return last != scan::npos && is_sip_version(trim_sp(rest.substr(last)));
}

bool only_blank(std::string_view s) {
    for (char c : s) {
        if (!scan::is_lws(c) && c != '\0') return false;
    }
    return true;
}
}  // namespace

bool looks_like_sip_line(std::string_view payload) {
    std::size_t pos = 0;
    while (pos < payload.size() && pos < k_max_leading_crlf && (payload[pos] == '\r' || payload[pos] == '\n')) ++pos;
    // A start line begins with a token character.
    if (pos >= payload.size() || !scan::token_char(payload[pos])) return false;
    const std::string_view first = payload.substr(pos, 4096);
    return is_start_line(line_at(first, 0).text);
}

void Message::reset() {
    m_data = {};
    m_start_line = {};
    m_method_text = {};
    m_request_uri = {};
    m_version = {};
    m_reason = {};
    m_body = {};
    m_method = Method::other;
    m_is_request = m_bare_lf = m_content_length_bad = false;
    m_status_code = 0;
    m_size = m_via_count = 0;
    m_header_count = 0;
    m_count.fill(0);
    m_first.fill(k_none);
    m_pending = {};
    m_cseq.reset();
    m_has_from = m_has_to = m_has_top_via = false;
    m_first_contact_value = {};
    m_first_contact_ok = false;
    m_content_length.reset();
    m_max_forwards.reset();
    m_expires.reset();
    m_anomalies.clear();
}

void Message::note(Anomaly anomaly, std::string_view detail) {
    m_anomalies.add(anomaly, detail, m_limits->max_anomalies);
}

bool Message::parse(std::string_view data, const Limits& limits) {
    reset();
    m_limits = &limits;
    if (data.size() > limits.max_message_bytes) {
        data = data.substr(0, limits.max_message_bytes);
        note(Anomaly::message_too_large, "message");
    }
    m_data = data;
    // Sizing the header table to the whole bound once keeps later messages allocation-free.
    if (m_headers.size() < limits.max_headers) m_headers.resize(limits.max_headers);
    // One pass over the start line and the header block finds the line ends
    // when no byte in them needs a control check (then no line does). In
    // the usual message the start line is the first line: the table's first
    // line then serves as find_start_line's, which is not run.
    LineEnd first;
    scan::LineTable table;
    bool clean = !data.empty() && data[0] != '\r' && data[0] != '\n' && table.build(m_data, 0) && table.size() > 0;
    if (clean) first = scan::line_ending(m_data, 0, table.lf(0));
    if (!clean || !is_start_line(first.text)) {
        const std::size_t start = find_start_line(0, first);
        if (start == scan::npos) return false;
        clean = table.build(m_data, start);
    }
    m_bare_lf = first.bare_lf;
    if (!parse_start_line(first.text, !clean)) return false;
    const std::size_t body_begin = clean ? parse_table_lines(first.next, table, 1) : parse_header_block(first.next);
    check_required();
    frame_body(body_begin);
    if (m_bare_lf) note(Anomaly::bare_lf, "line ends");
    m_limits = nullptr;
    return true;
}

std::size_t Message::find_start_line(std::size_t pos, LineEnd& line) {
    while (pos < m_data.size() && pos < k_max_leading_crlf && (m_data[pos] == '\r' || m_data[pos] == '\n')) ++pos;
    const std::size_t junk_begin = pos;
    while (pos < m_data.size() && pos - junk_begin <= m_limits->max_junk_bytes) {
        line = line_at(m_data, pos);
        if (is_start_line(line.text)) {
            if (pos != junk_begin) {
                note(Anomaly::junk_before_start_line,
                     m_data.substr(junk_begin, std::min(pos - junk_begin, k_detail_bytes)));
            }
            return pos;
        }
        pos = line.next;
    }
    return scan::npos;
}

bool Message::parse_start_line(std::string_view line, bool controls) {
    m_start_line = line;
    if (line.size() > m_limits->max_line_bytes) note(Anomaly::line_too_long, "start line");
    if (controls) check_controls(line, "start line");
    if (scan::istarts_with(line, "SIP/")) {
        parse_status_line(line);
        return true;
    }
    return parse_request_line(line);
}

// "SIP/2.0 200 reason" with one SP after the version and a code from 100
// to 699: the general steps below give the same fields and no anomaly.
bool Message::parse_usual_status_line(std::string_view line) {
    if (line.size() < k_status_prefix.size() + 3 || !line.starts_with(k_status_prefix)) return false;
    if (line.size() > 11 && line[11] != ' ') return false;
    int code = 0;
    for (std::size_t i = 8; i < 11; ++i) {
        if (!scan::is_digit(line[i])) return false;
        code = code * 10 + (line[i] - '0');
    }
    if (code < 100 || code > 699) return false;
    m_version = line.substr(0, 7);
    m_status_code = code;
    std::string_view reason = line.substr(std::min<std::size_t>(12, line.size()));
    while (!reason.empty() && is_sp(reason.back())) reason.remove_suffix(1);
    m_reason = reason;
    return true;
}

void Message::parse_status_line(std::string_view line) {
    if (parse_usual_status_line(line)) return;
    const std::size_t sp = std::min(line.find(' '), line.size());
    m_version = line.substr(0, sp);
    if (m_version != "SIP/2.0") note(Anomaly::unknown_version, m_version.substr(0, k_detail_bytes));
    std::string_view rest = line.substr(std::min(sp + 1, line.size()));
    if (!rest.empty() && is_sp(rest.front())) note(Anomaly::start_line_extra_space, "status line");
    rest = trim_sp(rest);
    const std::size_t code_end = std::min(rest.find(' '), rest.size());
    const std::string_view code = rest.substr(0, code_end);
    m_reason = code_end < rest.size() ? rest.substr(code_end + 1) : std::string_view{};
    bool overflow = false;
    const auto value = scan::parse_decimal(code, 999, &overflow);
    if (overflow) {
        note(Anomaly::numeric_overflow, "status code");
    } else if (!value || code.size() != 3) {
        note(Anomaly::bad_status_code, code.substr(0, k_detail_bytes));
    } else {
        m_status_code = static_cast<int>(*value);
        if (m_status_code < 100 || m_status_code > 699) note(Anomaly::bad_status_code, code);
    }
}

bool Message::parse_request_line(std::string_view line) {
    // The usual line with single spaces and no white space in the URI skips
    // the trimming steps; the checks after them are the same.
    if (const std::size_t sp = usual_request_space(line); sp != scan::npos) {
        const std::string_view uri = line.substr(sp + 1, line.size() - k_request_suffix.size() - sp - 1);
        if (scan::find_first_of<scan::cls::sp_ht, ' ', '\t'>(uri) == scan::npos) {
            m_method_text = line.substr(0, sp);
            m_request_uri = uri;
            m_version = line.substr(line.size() - 7);
            m_is_request = true;
            check_method_and_uri();
            return true;
        }
    }
    const std::size_t sp = line.find(' ');
    if (sp == scan::npos) return false;
    m_method_text = line.substr(0, sp);
    std::string_view rest = line.substr(sp + 1);
    const std::string_view trimmed = trim_sp(rest);
    const std::size_t last = trimmed.find_last_of(" \t");
    if (last == scan::npos) return false;
    m_version = trimmed.substr(last + 1);
    m_request_uri = trim_sp(trimmed.substr(0, last));
    if (!is_sip_version(m_version) || m_request_uri.empty()) return false;
    m_is_request = true;
    if (trimmed.size() != rest.size() || m_request_uri.size() != last) {
        note(Anomaly::start_line_extra_space, "request line");
    }
    if (m_version != "SIP/2.0") note(Anomaly::unknown_version, m_version);
    check_method_and_uri();
    return true;
}

void Message::check_method_and_uri() {
    if (!scan::is_token(m_method_text)) note(Anomaly::bad_method, m_method_text.substr(0, k_detail_bytes));
    if (m_method_text.size() > m_limits->max_method_bytes) note(Anomaly::value_too_long, "method");
    m_method = method_from(m_method_text);
    check_request_uri();
}

namespace {
// What a request-URI without white space or <> gets noted for. It depends on
// the URI's bytes alone, so it is remembered (sip/parse_memo.h): the ACK,
// BYE and re-INVITE of a dialog, and the REGISTERs to one registrar, repeat
// their request-URI.
struct UriVerdict {
    bool bad = false;         // not a URI
    bool headers = false;     // a sip/sips URI with headers
    bool bad_escape = false;  // a '%' without two hex digits
};
template <typename F>
void for_each_view(UriVerdict&, F&&) {}

bool judge_request_uri(std::string_view text, UriVerdict& verdict, bool& why) {
    Uri uri;
    verdict = UriVerdict{};
    why = false;
    if (!parse_uri(text, uri)) {
        verdict.bad = true;
    } else {
        verdict.headers = (uri.scheme == UriScheme::sip || uri.scheme == UriScheme::sips) && !uri.headers.empty();
        verdict.bad_escape = uri.bad_escape;
    }
    return true;
}
}  // namespace

void Message::check_request_uri() {
    const std::string_view uri_text = m_request_uri;
    if (uri_text.size() > m_limits->max_uri_bytes) note(Anomaly::value_too_long, "request-URI");
    if (uri_text.front() == '<') {
        note(Anomaly::malformed_request_uri, "<> around request-URI");
        return;
    }
    if (scan::find_first_of<scan::cls::sp_ht, ' ', '\t'>(uri_text) != scan::npos) {
        note(Anomaly::malformed_request_uri, "white space in request-URI");
        return;
    }
    UriVerdict verdict;
    bool unused = false;
    parse_memoized<judge_request_uri>(uri_text, verdict, unused);
    if (verdict.bad) {
        note(Anomaly::malformed_request_uri, "bad request-URI");
        return;
    }
    if (verdict.headers) note(Anomaly::malformed_request_uri, "headers in request-URI");
    if (verdict.bad_escape) note(Anomaly::bad_escape, "request-URI");
}

void Message::check_controls(std::string_view line, std::string_view what) {
    if (!scan::has_control_byte(line)) return;
    // Slow path: inside a quoted string a quoted-pair may escape any byte
    // but CR and LF (RFC 3261 §25.1); HT is white space.
    bool quoted = false;
    bool reported_nul = false, reported_ctl = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '\\' && i + 1 < line.size() && line[i + 1] != '\r' && line[i + 1] != '\n') {
            ++i;
            continue;
        }
        if (c == '"') quoted = !quoted;
        if (c == '\t' || !scan::is_ctl(c)) continue;
        if (c == '\0' && !reported_nul) {
            note(Anomaly::nul_byte, what);
            reported_nul = true;
        } else if (c != '\0' && !reported_ctl) {
            note(Anomaly::control_character, what);
            reported_ctl = true;
        }
    }
}

// The header block line by line, each line checked for control bytes.
std::size_t Message::parse_header_block(std::size_t pos) {
    scan::LineScanner lines(m_data, true);
    while (pos < m_data.size()) {
        const LineEnd line = lines.line(pos);
        m_bare_lf = m_bare_lf || line.bare_lf;
        if (line.text.empty()) {
            // pos < size, so an empty line is always terminated.
            finish_header();
            return line.next;
        }
        if (line.text.size() > m_limits->max_line_bytes)
            note(Anomaly::line_too_long, line.text.substr(0, k_detail_bytes));
        if (is_sp(line.text.front())) {
            if (m_pending.active) {
                if (line.controls) check_controls(line.text, m_data.substr(m_pending.name_begin, m_pending.name_size));
                m_pending.value_end = pos + line.text.size();
            } else {
                note(Anomaly::header_without_colon, "continuation line before any header");
            }
        } else {
            finish_header();
            header_line(pos, line.text, line.controls);
        }
        if (!line.terminated) break;
        pos = line.next;
    }
    finish_header();
    note(Anomaly::truncated_headers, "no empty line after the headers");
    return m_data.size();
}

// The usual header block: line ends and colons from one SSE2 pass and no
// control byte anywhere, so no line needs a control check. Same steps and
// anomalies, in the same order, as the line-by-line loop above. `k` is the
// table's line at `pos`.
std::size_t Message::parse_table_lines(std::size_t pos, const scan::LineTable& table, std::size_t k) {
    // Locals, not members, in the loop: the calls below could change
    // members as far as the compiler knows, which would reload them.
    const char* const d = m_data.data();
    const std::size_t size = m_data.size();
    const std::size_t lines = table.size();
    const std::size_t max_header_bytes = m_limits->max_header_bytes;
    const bool short_lines = size - pos <= m_limits->max_line_bytes;
    for (; pos < size; ++k) {
        const bool terminated = k < lines;
        const std::size_t nl = terminated ? table.lf(k) : size;
        std::size_t end = nl;
        if (terminated && end > pos && d[end - 1] == '\r') {
            --end;
        } else if (terminated) {
            m_bare_lf = true;
        }
        if (end == pos) {
            finish_header();
            return nl + 1;
        }
        // The usual line: a header with a known name right before its colon
        // and no continuation line after it, in a message too short for any
        // line to exceed the limit, is stored at once, as table_line and
        // finish_header would store it. (With an over-long line after it,
        // table_line would note that line before storing this header.)
        const std::size_t colon = table.colon(k);
        if (short_lines && terminated && colon < end && nl + 1 < size && !is_sp(d[nl + 1]) && !is_sp(d[pos]) &&
            !m_pending.active) {
            const HeaderId id = header_lookup::lookup_prefix(std::string_view(d + pos, end - pos), colon - pos);
            if (id != HeaderId::other) {
                std::size_t value_begin = colon + 1;
                while (value_begin < end && is_sp(d[value_begin])) ++value_begin;
                std::size_t value_end = end;
                while (value_end > value_begin && scan::is_lws(d[value_end - 1])) --value_end;
                if (value_end - value_begin <= max_header_bytes) {
                    store_header(id, std::string_view(d + pos, colon - pos),
                                 std::string_view(d + value_begin, value_end - value_begin));
                    pos = nl + 1;
                    continue;
                }
            }
        }
        table_line(pos, end, colon);
        if (!terminated) break;
        pos = nl + 1;
    }
    finish_header();
    note(Anomaly::truncated_headers, "no empty line after the headers");
    return m_data.size();
}

// One non-empty line [begin, end) of the usual block; `colon` is its first ':'.
void Message::table_line(std::size_t begin, std::size_t end, std::size_t colon) {
    const std::string_view line = m_data.substr(begin, end - begin);
    if (line.size() > m_limits->max_line_bytes) note(Anomaly::line_too_long, line.substr(0, k_detail_bytes));
    if (is_sp(line.front())) {
        if (m_pending.active) {
            m_pending.value_end = end;
        } else {
            note(Anomaly::header_without_colon, "continuation line before any header");
        }
        return;
    }
    finish_header();
    // A token name right before the colon; a known one needs no
    // byte-by-byte check: the table holds letters and '-' only, and the
    // lookup compares every byte. Anything else takes the general path.
    const std::size_t name_size = colon < end ? colon - begin : 0;
    const HeaderId id = header_id_prefix(line, name_size);
    if (name_size == 0 ||
        (id == HeaderId::other && scan::span_of(line.substr(0, name_size), scan::cls::token) != name_size)) {
        header_line(begin, line, false);
        return;
    }
    std::size_t value_begin = begin + name_size + 1;
    while (value_begin < end && is_sp(m_data[value_begin])) ++value_begin;
    m_pending = PendingHeader{begin, name_size, value_begin, end, id, true};
}

void Message::header_line(std::size_t begin, std::string_view line, bool controls) {
    // The name ends at the first non-token byte. A known name needs no
    // byte-by-byte check: the table holds letters and '-' only, and the
    // lookup compares every byte.
    HeaderId id = HeaderId::other;
    std::size_t name_end = name_end_hint(m_data, begin, line.size());
    if (name_end != scan::npos) id = header_id_prefix(line, name_end);
    if (id == HeaderId::other) {
        name_end = scan::span_of(line, scan::cls::token);
        id = header_id_prefix(line, name_end);
    }
    std::size_t i = name_end;
    while (i < line.size() && is_sp(line[i])) ++i;
    if (i == line.size() || line[i] != ':') {
        const std::size_t colon = line.find(':');
        if (colon == scan::npos) {
            note(Anomaly::header_without_colon, line.substr(0, k_detail_bytes));
            return;
        }
        // A name with a byte outside the token set, such as the control
        // byte of the chan_sip header-smuggling shape "To\x01:", is kept as
        // an unknown header and never taken for the header it imitates.
        note(Anomaly::bad_header_name, line.substr(0, std::min(colon, k_detail_bytes)));
        check_controls(line.substr(0, colon), "header name");
        name_end = colon;
        while (name_end > 0 && is_sp(line[name_end - 1])) --name_end;
        i = colon;
        m_pending.id = HeaderId::other;
    } else {
        if (name_end == 0) note(Anomaly::bad_header_name, line.substr(0, k_detail_bytes));
        m_pending.id = id;
    }
    std::size_t value_begin = i + 1;
    while (value_begin < line.size() && is_sp(line[value_begin])) ++value_begin;
    m_pending.active = true;
    m_pending.name_begin = begin;
    m_pending.name_size = name_end;
    m_pending.value_begin = begin + value_begin;
    m_pending.value_end = begin + line.size();
    if (controls) check_controls(line.substr(value_begin), line.substr(0, name_end));
}

void Message::finish_header() {
    if (!m_pending.active) return;
    m_pending.active = false;
    Header h;
    h.id = m_pending.id;
    h.name = m_data.substr(m_pending.name_begin, m_pending.name_size);
    const std::size_t begin = std::min(m_pending.value_begin, m_pending.value_end);
    // The value starts after SP/HT already; only folded lines can leave CR
    // or LF at its start, and the end can hold trailing white space.
    h.value = scan::rtrim(m_data.substr(begin, m_pending.value_end - begin));
    if (!h.value.empty() && scan::is_lws(h.value.front())) h.value = scan::ltrim(h.value);
    if (h.value.size() > m_limits->max_header_bytes) note(Anomaly::value_too_long, h.name.substr(0, k_detail_bytes));
    store_header(h.id, h.name, h.value);
}

namespace {
bool is_singleton(HeaderId id) {
    switch (id) {
        case HeaderId::from:
        case HeaderId::to:
        case HeaderId::call_id:
        case HeaderId::cseq:
        case HeaderId::max_forwards:
        case HeaderId::content_type:
        case HeaderId::expires: return true;
        default: return false;
    }
}
}  // namespace

// Dispatches a stored header to its value check (message_headers.cpp).
// Defined here, inline, with store_header: both run for every header line
// of every message, and the calls cost more than their bodies.
[[gnu::always_inline]] inline void Message::check_singleton(HeaderId id, std::string_view value) {
    if (is_singleton(id) && count(id) > 1) {
        // Only the first one counts (CVE-2018-14767, CVE-2020-27507 shapes).
        if (count(id) == 2) note(Anomaly::duplicate_header, header_name(id));
        return;
    }
    switch (id) {
        case HeaderId::via: take_via(value); break;
        case HeaderId::from: take_name_addr(id, value, m_from, m_has_from); break;
        case HeaderId::to: take_name_addr(id, value, m_to, m_has_to); break;
        case HeaderId::contact: take_contacts(value); break;
        case HeaderId::cseq: take_cseq(value); break;
        case HeaderId::content_length: take_content_length(value); break;
        case HeaderId::max_forwards:
        case HeaderId::expires: take_number(id, value); break;
        case HeaderId::call_id:
            if (value.empty() || scan::has_lws(value)) note(Anomaly::malformed_header, header_name(id));
            if (value.size() > m_limits->max_call_id_bytes) note(Anomaly::value_too_long, header_name(id));
            break;
        case HeaderId::date:
            // rfc1123-date always ends in "GMT" (RFC 3261 §20.17).
            if (value.size() < 3 || value.substr(value.size() - 3) != "GMT")
                note(Anomaly::malformed_header, header_name(id));
            break;
        default: break;
    }
}

// The fields come as separate arguments, in registers, and so do the value
// parsers': a Header built by the caller and copied here was read back with
// 16-byte loads that its narrower stores could not forward (a stall that
// took two thirds of this function's time).
[[gnu::always_inline]] inline void Message::store_header(HeaderId header, std::string_view name,
                                                         std::string_view value) {
    const auto id = static_cast<std::size_t>(header);
    const std::size_t n = m_header_count;
    if (n < m_limits->max_headers) {
        if (m_first[id] == k_none) m_first[id] = static_cast<std::uint16_t>(n);
        Header& h = m_headers[n];
        h.id = header;
        h.name = name;
        h.value = value;
        m_header_count = n + 1;
    } else if (n == m_limits->max_headers && !has(Anomaly::too_many_headers)) {
        // Not name.substr(): that call takes the view's address, which keeps
        // `name` in memory, stored in two halves and loaded whole for the
        // copy above, a load the store cannot forward (a quarter of this
        // loop's time, perf annotate).
        note(Anomaly::too_many_headers, std::string_view(name.data(), std::min(name.size(), k_detail_bytes)));
    }
    if (m_count[id] < k_none) ++m_count[id];
    if (header != HeaderId::other) check_singleton(header, value);
}

std::string_view Message::header(HeaderId id) const {
    const std::uint16_t i = m_first[static_cast<std::size_t>(id)];
    return i == k_none || i >= m_header_count ? std::string_view{} : m_headers[i].value;
}

std::string_view Message::header(std::string_view name) const {
    const HeaderId id = header_id(name);
    if (id != HeaderId::other) return header(id);
    for (const Header& h : headers()) {
        if (scan::iequals(h.name, name)) return h.value;
    }
    return {};
}

void Message::frame_body(std::size_t body_begin) {
    const std::string_view rest = m_data.substr(std::min(body_begin, m_data.size()));
    m_size = m_data.size();
    if (m_content_length) {
        const std::uint64_t length = *m_content_length;
        if (length > rest.size()) {
            note(Anomaly::content_length_exceeds_data, "Content-Length");
            m_body = rest;
        } else {
            m_body = rest.substr(0, static_cast<std::size_t>(length));
            const std::string_view trailing = rest.substr(m_body.size());
            m_size = body_begin + m_body.size();
            if (!only_blank(trailing)) note(Anomaly::trailing_bytes, trailing.substr(0, k_detail_bytes));
        }
    } else {
        m_body = only_blank(rest) ? std::string_view{} : rest;
        if (!m_body.empty() && !m_content_length_bad && count(HeaderId::content_length) == 0) {
            note(Anomaly::no_content_length, "body without Content-Length");
        }
    }
    if (!m_body.empty() && count(HeaderId::content_type) == 0) note(Anomaly::body_without_content_type, "Content-Type");
    check_multipart();
}

// Walks a multipart body once (bounded) so framing errors are on the message.
void Message::check_multipart() {
    const std::string_view type = content_type();
    if (!scan::istarts_with(media_type(type), "multipart/")) return;
    MultipartReader reader(m_body, multipart_boundary(type));
    BodyPart part;
    for (std::size_t n = 0; n < m_limits->max_multipart_parts && reader.next(part); ++n) {
    }
    if (reader.malformed()) note(Anomaly::bad_multipart, "multipart body");
}

bool HeaderValues::Cursor::next(std::string_view& out) {
    while (!values.next(out)) {
        while (index < headers.size() && headers[index].id != id) ++index;
        if (index == headers.size()) return false;
        values = CommaCursor{headers[index++].value};
    }
    return true;
}

}  // namespace sipwarden::sip
