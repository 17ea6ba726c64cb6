// Iteration over ";"-separated parameters (URI, Via, name-addr, Contact) and
// over ","-separated header values, respecting quoted strings and <...>.
// Views into the caller's text; nothing is copied or allocated.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "sip/cursor_iterator.h"

namespace sipwarden::sip {

struct Param {
    std::string_view name;   // trimmed of LWS
    std::string_view value;  // trimmed of LWS, quotes kept; empty without '='
    bool has_value = false;
};

// Steps through ";"-separated parameters; see Params.
struct ParamCursor {
    std::string_view rest;
    // Set once an empty piece (";;"), an empty name ("=x") or a value with
    // an unterminated or stray quote was stepped over.
    bool malformed = false;
    bool next(Param& out);

private:
    bool next_quoted(Param& out);
};

// The parameters of `text`, which holds what follows the first ';' (for
// example "tag=1;lr;maddr=x"). Empty pieces (";;") are skipped; see
// malformed() for telling them apart.
class Params {
public:
    using Iterator = CursorIterator<ParamCursor, Param>;

    explicit Params(std::string_view text) : m_text(text) {}
    Iterator begin() const { return Iterator(ParamCursor{m_text}); }
    Iterator end() const { return Iterator(); }
    // Value of the first parameter named `name` (case-insensitive); an empty
    // view for a parameter without value; nullopt when absent.
    std::optional<std::string_view> find(std::string_view name) const;
    // True when a piece between separators is empty or has an empty name
    // (";;", "=x"), or a value holds an unterminated or stray quote; RFC
    // 3261 allows none of these.
    bool malformed() const;
    std::string_view text() const { return m_text; }

private:
    std::string_view m_text;
};

// Steps through ","-separated values; see CommaList.
struct CommaCursor {
    std::string_view rest;
    bool last = false;
    bool next(std::string_view& out);
};

// The ","-separated values of one header value ("a, <b,c>, \"d,e\""), each
// trimmed of LWS. Empty values are yielded as empty views.
class CommaList {
public:
    using Iterator = CursorIterator<CommaCursor, std::string_view>;

    explicit CommaList(std::string_view text) : m_text(text) {}
    Iterator begin() const { return Iterator(CommaCursor{m_text}); }
    Iterator end() const { return Iterator(); }

private:
    std::string_view m_text;
};

// The text of a quoted string without its quotes ("\"a\\\"b\"" gives a\"b);
// the value itself when it is not quoted. Quoted-pairs are left as written;
// unquote() resolves them.
std::string_view strip_quotes(std::string_view value);

}  // namespace sipwarden::sip
