// Multipart body walking and SDP lookup.
#include "sip/multipart.h"

#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
constexpr int k_max_depth = 2;

// Header value of `name` (or its compact form) in a block of part headers.
std::string_view part_header(std::string_view headers, std::string_view name, std::string_view compact) {
    while (!headers.empty()) {
        const std::string_view line = scan::take_until(headers, '\n');
        const std::size_t colon = line.find(':');
        if (colon == scan::npos) continue;
        const std::string_view n = scan::trim(line.substr(0, colon));
        if (scan::iequals(n, name) || scan::iequals(n, compact)) return scan::trim(line.substr(colon + 1));
    }
    return {};
}

// Part headers end at the first empty line; a part starting with an empty
// line has none (RFC 2046 default text/plain), one without any has no body.
void split_part(std::string_view text, BodyPart& part) {
    part.headers = {};
    part.body = {};
    if (scan::istarts_with(text, "\r\n") || scan::istarts_with(text, "\n")) {
        part.body = text.substr(text.find('\n') + 1);
        return;
    }
    std::size_t split = text.find("\r\n\r\n");
    std::size_t skip = 4;
    if (split == scan::npos) {
        split = text.find("\n\n");
        skip = 2;
    }
    part.headers = text.substr(0, split);
    if (split != scan::npos) part.body = text.substr(split + skip);
}

std::string_view sdp_in(std::string_view content_type, std::string_view body, const Limits& limits, bool* malformed,
                        int depth) {
    const std::string_view type = media_type(content_type);
    if (scan::iequals(type, "application/sdp")) return body;
    if (type.empty()) return scan::istarts_with(body, "v=") ? body : std::string_view{};
    if (!scan::istarts_with(type, "multipart/") || depth >= k_max_depth) return {};
    MultipartReader reader(body, multipart_boundary(content_type));
    BodyPart part;
    std::string_view found;
    for (std::size_t n = 0; found.empty() && n < limits.max_multipart_parts && reader.next(part); ++n) {
        found = sdp_in(part.content_type, part.body, limits, malformed, depth + 1);
    }
    if (reader.malformed() && malformed != nullptr) *malformed = true;
    return found;
}
}  // namespace

std::string_view media_type(std::string_view content_type) {
    return scan::trim(content_type.substr(0, content_type.find(';')));
}

std::string_view multipart_boundary(std::string_view content_type) {
    const std::size_t semi = content_type.find(';');
    if (semi == scan::npos) return {};
    const auto boundary = Params(content_type.substr(semi + 1)).find("boundary");
    return boundary ? strip_quotes(*boundary) : std::string_view{};
}

MultipartReader::MultipartReader(std::string_view body, std::string_view boundary)
    : m_body(body), m_boundary(boundary) {
    if (m_boundary.empty()) {
        m_done = m_malformed = true;
        return;
    }
    m_pos = find_delimiter(0);
    if (m_pos == scan::npos) m_done = m_malformed = true;
}

// Offset of the next "--boundary" that starts a line, at or after `from`.
std::size_t MultipartReader::find_delimiter(std::size_t from) const {
    for (std::size_t p = m_body.find(m_boundary, from); p != scan::npos; p = m_body.find(m_boundary, p + 1)) {
        if (p < 2 || m_body.substr(p - 2, 2) != "--") continue;
        if (p == 2 || m_body[p - 3] == '\n') return p - 2;
    }
    return scan::npos;
}

bool MultipartReader::next(BodyPart& part) {
    if (m_done) return false;
    // m_pos is at "--boundary"; "--boundary--" closes the body.
    const std::size_t after = m_pos + 2 + m_boundary.size();
    if (m_body.substr(after, 2) == "--") {
        m_done = true;
        return false;
    }
    const std::size_t line_end = m_body.find('\n', after);
    if (line_end == scan::npos) {
        m_done = m_malformed = true;
        return false;
    }
    const std::size_t begin = line_end + 1;
    std::size_t end = find_delimiter(begin);
    m_pos = end;
    if (end == scan::npos) {
        m_done = m_malformed = true;
        end = m_body.size();
    }
    std::string_view text = m_body.substr(begin, end - begin);
    // The CR LF before a delimiter belongs to the delimiter.
    if (end != m_body.size() && !text.empty() && text.back() == '\n') text.remove_suffix(1);
    if (end != m_body.size() && !text.empty() && text.back() == '\r') text.remove_suffix(1);
    split_part(text, part);
    part.content_type = part_header(part.headers, "Content-Type", "c");
    return true;
}

std::string_view find_sdp(std::string_view content_type, std::string_view body, const Limits& limits, bool* malformed) {
    return sdp_in(content_type, body, limits, malformed, 0);
}

std::string_view find_sdp(const Message& message, const Limits& limits, bool* malformed) {
    return sdp_in(message.content_type(), message.body(), limits, malformed, 0);
}

}  // namespace sipwarden::sip
