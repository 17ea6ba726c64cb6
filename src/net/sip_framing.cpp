// SIP stream framing.
#include "net/sip_framing.h"

#include <cstring>

#include "core/text.h"

namespace sipwarden::net {

namespace {

constexpr std::size_t k_max_start_line = 2048;

bool is_token_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || core::is_digit(c) ||
           std::strchr("-.!%*_+`'~", c) != nullptr;
}

// The Content-Length value in a header block, or 0 when absent.
bool content_length(std::string_view headers, std::size_t& value) {
    value = 0;
    std::size_t at = 0;
    while (at < headers.size()) {
        std::size_t end = headers.find('\n', at);
        if (end == std::string_view::npos) end = headers.size();
        std::string_view line = headers.substr(at, end - at);
        at = end + 1;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const auto name = core::trim(line.substr(0, colon));
        if (!core::iequals(name, "content-length") && !core::iequals(name, "l")) continue;
        const auto digits = core::trim_lines(line.substr(colon + 1));
        const auto parsed = core::parse_uint(digits, 1u << 30);
        if (!parsed) return false;
        value = static_cast<std::size_t>(*parsed);
        return true;
    }
    return true;
}

}  // namespace

bool starts_with_sip_start_line(std::string_view text) {
    if (core::istarts_with(text, "SIP/2.0 ")) return true;
    // Request-Line: Method SP Request-URI SP SIP-Version CRLF
    std::size_t i = 0;
    while (i < text.size() && i < 32 && is_token_char(text[i])) ++i;
    if (i == 0 || i >= text.size() || text[i] != ' ') return false;
    const auto line_end = text.substr(0, k_max_start_line).find('\n');
    if (line_end == std::string_view::npos) return false;
    auto line = text.substr(0, line_end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    return line.size() > 8 && core::iequals(line.substr(line.size() - 8), " SIP/2.0");
}

bool begins_like_sip(std::string_view text) {
    if (text.find('\n') != std::string_view::npos) return false;
    static constexpr std::string_view k_methods[] = {"INVITE ",  "ACK ",       "BYE ",    "CANCEL ",  "REGISTER ",
                                                     "OPTIONS ", "SUBSCRIBE ", "NOTIFY ", "MESSAGE ", "INFO ",
                                                     "PRACK ",   "UPDATE ",    "REFER ",  "PUBLISH ", "SIP/2.0 "};
    for (auto method : k_methods) {
        if (text.size() >= method.size() && core::iequals(text.substr(0, method.size()), method)) return true;
    }
    return false;
}

FrameStatus frame_sip_message(std::string_view buffer, std::size_t max_message, std::size_t& length) {
    const auto window = buffer.substr(0, max_message);
    std::size_t header_end = window.find("\r\n\r\n");
    std::size_t separator = 4;
    if (header_end == std::string_view::npos) {
        header_end = window.find("\n\n");
        separator = 2;
    }
    if (header_end == std::string_view::npos) {
        return buffer.size() >= max_message ? FrameStatus::too_large : FrameStatus::incomplete;
    }
    std::size_t body = 0;
    if (!content_length(buffer.substr(0, header_end), body)) return FrameStatus::too_large;
    const std::size_t total = header_end + separator + body;
    if (total > max_message) return FrameStatus::too_large;
    if (buffer.size() < total) return FrameStatus::incomplete;
    length = total;
    return FrameStatus::complete;
}

std::size_t find_sip_start(std::string_view buffer) {
    std::size_t at = 0;
    while ((at = buffer.find('\n', at)) != std::string_view::npos) {
        ++at;
        if (starts_with_sip_start_line(buffer.substr(at))) return at;
    }
    return std::string_view::npos;
}

}  // namespace sipwarden::net
