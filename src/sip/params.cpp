// Parameter and comma-list iteration.
#include "sip/params.h"

#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
// Splits `rest` at the first top-level `separator`; returns the head.
std::string_view next_piece(std::string_view& rest, char separator, bool& last) {
    const std::size_t p = scan::find_top_level(rest, separator);
    std::string_view head = rest.substr(0, p);
    if (p == scan::npos) {
        rest = {};
        last = true;
    } else {
        rest = rest.substr(p + 1);
    }
    return head;
}
}  // namespace

bool ParamCursor::next(Param& out) {
    while (!rest.empty()) {
        // Usual case: the piece ends at the first ';' and holds no quote or
        // bracket, so it needs no quote-aware scan and no quote check. The
        // name is short and scanned byte by byte, the value in blocks.
        std::size_t eq = 0;
        while (eq < rest.size() && !scan::in(rest[eq], scan::cls::param_stop | scan::cls::equals)) ++eq;
        const bool has_value = eq < rest.size() && rest[eq] == '=';
        const std::size_t end =
            has_value ? scan::find_first_of<scan::cls::param_stop, ';', '"', '<'>(rest, eq + 1) : eq;
        if (end != scan::npos && end < rest.size() && rest[end] != ';') {
            if (next_quoted(out)) return true;
            continue;
        }
        const std::string_view name = scan::trim(rest.substr(0, eq));
        const std::string_view value = has_value ? rest.substr(eq + 1, end - eq - 1) : std::string_view{};
        rest = end >= rest.size() ? std::string_view{} : rest.substr(end + 1);
        if (name.empty()) {
            malformed = true;  // ";;", ";=x" or an empty last piece
            continue;
        }
        out.name = name;
        out.has_value = has_value;
        out.value = scan::trim(value);
        return true;
    }
    return false;
}

// A piece with a quote or bracket: split at the first top-level ';'.
// False when the piece is empty or has no name (then marked malformed).
bool ParamCursor::next_quoted(Param& out) {
    bool last = false;
    const std::string_view piece = scan::trim(next_piece(rest, ';', last));
    if (piece.empty() || piece.front() == '=') {
        malformed = true;
        return false;
    }
    const std::size_t eq = piece.find('=');
    out.name = scan::trim(piece.substr(0, eq));
    out.has_value = eq != scan::npos;
    out.value = out.has_value ? scan::trim(piece.substr(eq + 1)) : std::string_view{};
    if (out.value.find('"') != scan::npos &&
        (out.value.front() != '"' || scan::quoted_length(out.value) != out.value.size())) {
        malformed = true;
    }
    return true;
}

std::optional<std::string_view> Params::find(std::string_view name) const {
    for (const Param& p : *this) {
        if (scan::iequals(p.name, name)) return p.value;
    }
    return std::nullopt;
}

bool Params::malformed() const {
    ParamCursor cursor{m_text};
    Param p;
    while (cursor.next(p)) {
    }
    return cursor.malformed;
}

bool CommaCursor::next(std::string_view& out) {
    if (last) return false;
    out = scan::trim(next_piece(rest, ',', last));
    return true;
}

std::string_view strip_quotes(std::string_view value) {
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') return value.substr(1, value.size() - 2);
    return value;
}

}  // namespace sipwarden::sip
