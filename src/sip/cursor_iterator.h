// One input-iterator template for the parsers' ranges: a Cursor with
// `bool next(Value&)` produces the values; the iterator only steps it.
#pragma once

#include <cstddef>
#include <iterator>

namespace sipwarden::sip {

template <typename Cursor, typename Value>
class CursorIterator {
public:
    using value_type = Value;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::input_iterator_tag;
    using pointer = const Value*;
    using reference = const Value&;

    CursorIterator() = default;  // the end
    explicit CursorIterator(Cursor cursor) : m_cursor(cursor), m_done(false) { ++*this; }

    const Value& operator*() const { return m_value; }
    const Value* operator->() const { return &m_value; }
    CursorIterator& operator++() {
        m_done = !m_cursor.next(m_value);
        ++m_position;
        return *this;
    }
    CursorIterator operator++(int) {
        CursorIterator copy = *this;
        ++*this;
        return copy;
    }
    // Meaningful between iterators of the same range.
    bool operator==(const CursorIterator& other) const {
        return m_done == other.m_done && (m_done || m_position == other.m_position);
    }

private:
    Cursor m_cursor{};
    Value m_value{};
    std::size_t m_position = 0;
    bool m_done = true;
};

}  // namespace sipwarden::sip
