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
    // Replaces field `field` (cut to `max` bytes).
    void set(std::size_t field, std::string_view value, std::size_t max) { set({Update{field, value, max}}); }
    // Replaces several fields at once. The buffer grows to the exact size
    // it needs, in one allocation: records live long and in their hundreds
    // of thousands, and a string's doubling would leave a third of each
    // block unused (docs/performance.md, memory per tracked call).
    void set(std::initializer_list<Update> updates) {
        std::array<std::string_view, N> values;
        for (std::size_t i = 0; i < N; ++i) values[i] = get(i);
        bool changed = false;
        for (const Update& u : updates) {
            const std::string_view value = u.value.substr(0, std::min<std::size_t>(u.max, 4096));
            if (value == values[u.field]) continue;
            values[u.field] = value;
            changed = true;
        }
        if (!changed) return;
        std::size_t total = 0;
        for (const auto& v : values) total += v.size();
        // Composed apart (the new values may be views of the old buffer), in
        // a scratch buffer each thread keeps.
        thread_local std::string scratch;
        scratch.clear();
        for (std::size_t i = 0; i < N; ++i) {
            scratch.append(values[i]);
            m_end[i] = static_cast<std::uint16_t>(scratch.size());
        }
        if (total <= m_text.capacity()) {
            m_text.assign(scratch);  // the old block is large enough
        } else {
            m_text = std::string(scratch);  // a copy's capacity is its size
        }
    }
    bool empty(std::size_t field) const { return get(field).empty(); }
    std::size_t heap_bytes() const { return m_text.capacity() > 15 ? m_text.capacity() + 1 : 0; }

private:
    std::string m_text;
    std::array<std::uint16_t, N> m_end{};
};

}  // namespace sipwarden::session
