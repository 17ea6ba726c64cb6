// How tshark prints text, for comparing strings from the wire with its output.
#pragma once

#include <string>

namespace sipwarden {

// Call-IDs are compared as tshark prints them: a byte that does not start
// a valid UTF-8 sequence becomes U+FFFD and a NUL ends the field.
inline std::size_t utf8_length(const std::string& text, std::size_t at) {
    const auto c = static_cast<unsigned char>(text[at]);
    const std::size_t n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
    if (n == 0 || at + n > text.size()) return 0;
    for (std::size_t i = 1; i < n; ++i)
        if ((static_cast<unsigned char>(text[at + i]) & 0xc0) != 0x80) return 0;
    return n;
}

inline std::string as_tshark_prints(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0) break;
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (const auto n = utf8_length(text, i); n > 0) {
            out += text.substr(i, n);
            i += n - 1;
        } else {
            out += "\xEF\xBF\xBD";
        }
    }
    return out;
}

}  // namespace sipwarden
