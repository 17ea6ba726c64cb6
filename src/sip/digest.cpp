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

// The field a parameter name stands for, or null: picked by length and
// first letter, then compared.
std::string_view Digest::*field_of(std::string_view name) {
    if (name.empty()) return nullptr;
    const char first = static_cast<char>(name[0] | 0x20);
    const auto is = [&](std::string_view field, std::string_view Digest::*member) {
        return scan::iequals(field, name) ? member : nullptr;
    };
    switch (name.size()) {
        case 2: return is("nc", &Digest::nc);
        case 3: return first == 'u' ? is("uri", &Digest::uri) : is("qop", &Digest::qop);
        case 5:
            return first == 'r' ? is("realm", &Digest::realm)
                                : (first == 'n' ? is("nonce", &Digest::nonce) : is("stale", &Digest::stale));
        case 6:
            return first == 'c' ? is("cnonce", &Digest::cnonce)
                                : (first == 'o' ? is("opaque", &Digest::opaque) : is("domain", &Digest::domain));
        case 8: return first == 'u' ? is("username", &Digest::username) : is("response", &Digest::response);
        case 9: return is("algorithm", &Digest::algorithm);
        default: return nullptr;
    }
}

// The usual parameter list, `name=token` or `name="text"` separated by a
// comma and optional SP or HT, read in one pass with what take_param would
// take from it. False, with `digest`'s fields partly set, at anything else
// (white space around '=', a quoted-pair, an angle bracket, an empty piece,
// an unterminated or misplaced quote ...): the general loop then reads it.
bool take_plain_params(std::string_view s, Digest& digest) {
    const auto sp = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t name_begin = i;
        while (i < s.size() && scan::is_token_char(s[i])) ++i;
        if (i == name_begin || i == s.size() || s[i] != '=') return false;
        const std::string_view name = s.substr(name_begin, i - name_begin);
        std::string_view value;
        if (++i < s.size() && s[i] == '"') {
            const std::size_t close = s.find('"', i + 1);
            if (close == scan::npos) return false;
            value = s.substr(i + 1, close - i - 1);
            if (value.find('\\') != scan::npos) return false;
            i = close + 1;
        } else {
            const std::size_t begin = i;
            while (i < s.size() && s[i] != ',' && !scan::is_lws(s[i]) && s[i] != '"' && s[i] != '<') ++i;
            value = s.substr(begin, i - begin);
        }
        while (i < s.size() && sp(s[i])) ++i;
        if (i < s.size()) {
            if (s[i] != ',') return false;
            ++i;
            while (i < s.size() && sp(s[i])) ++i;
            if (i < s.size() && s[i] == ',') return false;
        }
        if (const auto member = field_of(name)) digest.*member = value;
    }
    return true;
}

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
    if (const auto member = field_of(name)) digest.*member = value;
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
    if (take_plain_params(digest.params, digest)) {
        if (error != nullptr) *error = ValueError::none;
        return digest;
    }
    for (const Field& f : k_fields) digest.*f.member = {};
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
