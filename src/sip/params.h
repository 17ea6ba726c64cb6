// Iteration over ";"-separated parameters (URI, Via, name-addr, Contact) and
// over ","-separated header values, respecting quoted strings and <...>.
// Views into the caller's text; nothing is copied or allocated.
#pragma once

#include <cstddef>
#include <iterator>
#include <optional>
#include <string_view>

namespace sipwarden::sip {

struct Param {
    std::string_view name;   // trimmed of LWS
    std::string_view value;  // trimmed of LWS, quotes kept; empty without '='
    bool has_value = false;
};

// The parameters of `text`, which holds what follows the first ';' (for
// example "tag=1;lr;maddr=x"). Empty pieces (";;") are skipped; see
// has_empty() for telling them apart.
class Params {
public:
    class Iterator {
    public:
        using value_type = Param;
        using difference_type = std::ptrdiff_t;
        using iterator_category = std::input_iterator_tag;
        using pointer = const value_type*;
        using reference = value_type;
        Iterator() = default;
        explicit Iterator(std::string_view rest) : m_rest(rest), m_done(false) { advance(); }
        const Param& operator*() const { return m_current; }
        const Param* operator->() const { return &m_current; }
        Iterator& operator++() {
            advance();
            return *this;
        }
        Iterator operator++(int) {
            Iterator copy = *this;
            advance();
            return copy;
        }
        bool operator==(const Iterator& other) const { return m_done == other.m_done && (m_done || m_rest.data() == other.m_rest.data()); }

    private:
        void advance();
        std::string_view m_rest;
        Param m_current;
        bool m_done = true;
    };

    explicit Params(std::string_view text) : m_text(text) {}
    Iterator begin() const { return Iterator(m_text); }
    Iterator end() const { return Iterator(); }
    // Value of the first parameter named `name` (case-insensitive); an empty
    // view for a parameter without value; nullopt when absent.
    std::optional<std::string_view> find(std::string_view name) const;
    // True when a piece between separators is empty or has an empty name
    // (";;", "=x"), which RFC 3261 does not allow.
    bool has_empty() const;
    std::string_view text() const { return m_text; }

private:
    std::string_view m_text;
};

// The ","-separated values of one header value ("a, <b,c>, \"d,e\""), each
// trimmed of LWS. Empty values are yielded as empty views.
class CommaList {
public:
    class Iterator {
    public:
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using iterator_category = std::input_iterator_tag;
        using pointer = const value_type*;
        using reference = value_type;
        Iterator() = default;
        explicit Iterator(std::string_view rest) : m_rest(rest), m_done(false) { advance(); }
        std::string_view operator*() const { return m_current; }
        Iterator& operator++() {
            advance();
            return *this;
        }
        Iterator operator++(int) {
            Iterator copy = *this;
            advance();
            return copy;
        }
        bool operator==(const Iterator& other) const { return m_done == other.m_done && (m_done || m_rest.data() == other.m_rest.data()); }

    private:
        void advance();
        std::string_view m_rest;
        std::string_view m_current;
        bool m_last = false;
        bool m_done = true;
    };

    explicit CommaList(std::string_view text) : m_text(text) {}
    Iterator begin() const { return Iterator(m_text); }
    Iterator end() const { return Iterator(); }

private:
    std::string_view m_text;
};

// The text of a quoted string without its quotes ("\"a\\\"b\"" gives a\"b);
// the value itself when it is not quoted. Quoted-pairs are left as written;
// unquote() resolves them.
std::string_view strip_quotes(std::string_view value);

}  // namespace sipwarden::sip
