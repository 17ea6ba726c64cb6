// CompactText: the short strings of one record (Call-ID, users, hosts,
// User-Agent, ...) packed into one buffer with 16-bit offsets — one heap
// block per record instead of one per field. Fields are cut to a maximum.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace sipwarden::session {

template <std::size_t N>
class CompactText {
public:
    struct Update {
        std::size_t field;
        std::string_view value;
        std::size_t max;  // the value is cut to this many bytes
    };

    std::string_view get(std::size_t field) const {
        const std::size_t begin = field == 0 ? 0 : m_end[field - 1];
        return std::string_view(m_text).substr(begin, m_end[field] - begin);
    }
    // Replaces field `field` (cut to `max` bytes). When the buffer must grow,
    // it grows by a little more than it needs (k_slack), so that a record
    // filled field by field does not allocate for each field.
    void set(std::size_t field, std::string_view value, std::size_t max) {
        value = cut({field, value, max});
        const std::string_view old = get(field);
        if (value == old) return;
        const std::size_t total = m_text.size() - old.size() + value.size();
        if (total <= m_text.capacity()) {
            replace(field, value);
            return;
        }
        std::array<std::string_view, N> values;
        for (std::size_t i = 0; i < N; ++i) values[i] = get(i);
        values[field] = value;
        rebuild(values, total + k_slack);
    }
    // Replaces several fields at once. When the buffer must grow, it grows
    // to the exact size it needs, in one allocation: records live long and
    // in their hundreds of thousands, and a string's doubling would leave a
    // third of each block unused (docs/performance.md, memory per tracked
    // call). Otherwise the fields are replaced in place.
    void set(std::initializer_list<Update> updates) {
        std::size_t total = m_text.size();
        bool changed = false, aliased = false;
        for (const Update& u : updates) {
            const std::string_view value = cut(u);
            const std::string_view old = get(u.field);
            if (value == old) continue;
            changed = true;
            total = total - old.size() + value.size();
            aliased = aliased || overlaps(value);
        }
        if (!changed) return;
        if (total <= m_text.capacity() && !aliased) {
            for (const Update& u : updates) replace(u.field, cut(u));
            return;
        }
        std::array<std::string_view, N> values;
        for (std::size_t i = 0; i < N; ++i) values[i] = get(i);
        for (const Update& u : updates) values[u.field] = cut(u);
        rebuild(values, total);
    }
    bool empty(std::size_t field) const { return get(field).empty(); }
    std::size_t heap_bytes() const { return m_text.capacity() > 15 ? m_text.capacity() + 1 : 0; }

private:
    static constexpr std::size_t k_slack = 32;

    bool overlaps(std::string_view value) const {
        return value.data() >= m_text.data() && value.data() < m_text.data() + m_text.size();
    }
    static std::string_view cut(const Update& u) { return u.value.substr(0, std::min<std::size_t>(u.max, 4096)); }
    // The fields `values` (which may be views of the buffer) in a buffer of
    // at least `capacity` bytes: the present one when it is large enough,
    // else a new one of exactly that capacity.
    void rebuild(const std::array<std::string_view, N>& values, std::size_t capacity) {
        thread_local std::string scratch;  // composed apart, as the values may be views of m_text
        scratch.clear();
        for (std::size_t i = 0; i < N; ++i) {
            scratch.append(values[i]);
            m_end[i] = static_cast<std::uint16_t>(scratch.size());
        }
        if (capacity <= m_text.capacity()) {
            m_text.assign(scratch);
            return;
        }
        std::string grown;
        grown.reserve(capacity);  // from an empty string, as asked (a non-empty one at least doubles)
        grown.assign(scratch);
        m_text = std::move(grown);
    }
    // In place, within the capacity; std::string::replace copes with a value
    // inside the buffer.
    void replace(std::size_t field, std::string_view value) {
        const std::size_t begin = field == 0 ? 0 : m_end[field - 1];
        const std::size_t old_size = m_end[field] - begin;
        if (old_size == value.size() && std::string_view(m_text).substr(begin, old_size) == value) return;
        m_text.replace(begin, old_size, value);
        const auto delta = static_cast<std::ptrdiff_t>(value.size()) - static_cast<std::ptrdiff_t>(old_size);
        for (std::size_t i = field; i < N; ++i)
            m_end[i] = static_cast<std::uint16_t>(static_cast<std::ptrdiff_t>(m_end[i]) + delta);
    }

    std::string m_text;
    std::array<std::uint16_t, N> m_end{};
};

}  // namespace sipwarden::session
