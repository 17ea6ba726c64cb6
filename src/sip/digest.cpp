// Digest credential and challenge parsing; quoted-string unescaping.
#include "sip/digest.h"

#include <array>

#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
std::nullopt_t fail(ValueError* error, ValueError why) {
    if (error != nullptr) *error = why;
    return std::nullopt;
}

struct Field {
    std::string_view name;
    std::string_view Digest::*member;
};

constexpr std::array<Field, 12> k_fields{{
    {"username", &Digest::username},
    {"realm", &Digest::realm},
    {"nonce", &Digest::nonce},
    {"uri", &Digest::uri},
    {"response", &Digest::response},
    {"algorithm", &Digest::algorithm},
    {"cnonce", &Digest::cnonce},
    {"opaque", &Digest::opaque},
    {"qop", &Digest::qop},
    {"nc", &Digest::nc},
    {"stale", &Digest::stale},
    {"domain", &Digest::domain},
}};

// One "name = value" piece; false when malformed.
bool take_param(std::string_view piece, Digest& digest) {
    const std::size_t eq = piece.find('=');
    if (eq == scan::npos) return false;
    const std::string_view name = scan::trim(piece.substr(0, eq));
    std::string_view value = scan::trim(piece.substr(eq + 1));
    if (!scan::is_token(name)) return false;
    if (!value.empty() && value.front() == '"') {
        if (scan::quoted_length(value) != value.size()) return false;
        value = value.substr(1, value.size() - 2);
        if (value.find('\\') != scan::npos) digest.has_quoted_pairs = true;
    }
    for (const Field& f : k_fields) {
        if (scan::iequals(f.name, name)) {
            digest.*f.member = value;
            break;
        }
    }
    return true;
}
}  // namespace

std::optional<Digest> parse_digest(std::string_view value, ValueError* error) {
    const std::string_view s = scan::trim(value);
    std::size_t n = 0;
    while (n < s.size() && scan::is_token_char(s[n])) ++n;
    if (n == 0) return fail(error, ValueError::empty);
    Digest digest;
    digest.scheme = s.substr(0, n);
    digest.params = scan::ltrim(s.substr(n));
    if (n < s.size() && !scan::is_lws(s[n])) return fail(error, ValueError::bad_params);
    if (!scan::iequals(digest.scheme, "Digest")) {
        if (error != nullptr) *error = ValueError::none;
        return digest;
    }
    for (const std::string_view piece : CommaList(digest.params)) {
        if (piece.empty()) continue;
        if (!take_param(piece, digest)) {
            const bool quote = piece.find('"') != scan::npos;
            return fail(error, quote ? ValueError::unterminated_quote : ValueError::bad_params);
        }
    }
    if (error != nullptr) *error = ValueError::none;
    return digest;
}

std::optional<std::size_t> unquote(std::string_view inner, std::span<char> out) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < inner.size(); ++i) {
        if (n >= out.size()) return std::nullopt;
        if (inner[i] == '\\' && i + 1 < inner.size()) ++i;
        out[n++] = inner[i];
    }
    return n;
}

std::string unquote(std::string_view inner) {
    std::string out(inner.size(), '\0');
    const auto n = unquote(inner, std::span<char>(out));
    out.resize(n.value_or(0));
    return out;
}

}  // namespace sipwarden::sip
