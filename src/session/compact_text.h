// CompactText: the short strings of one record (Call-ID, users, hosts,
// User-Agent, ...) packed into one buffer with 16-bit offsets — one heap
// block per record instead of one per field. Fields are cut to a maximum.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sipwarden::session {

template <std::size_t N>
class CompactText {
public:
    std::string_view get(std::size_t field) const {
        const std::size_t begin = field == 0 ? 0 : m_end[field - 1];
        return std::string_view(m_text).substr(begin, m_end[field] - begin);
    }
    // Replaces field `field` (cut to `max` bytes).
    void set(std::size_t field, std::string_view value, std::size_t max) {
        value = value.substr(0, std::min<std::size_t>(max, 4096));
        const std::size_t begin = field == 0 ? 0 : m_end[field - 1];
        const std::size_t old_size = m_end[field] - begin;
        if (old_size == value.size() && std::string_view(m_text).substr(begin, old_size) == value) return;
        m_text.replace(begin, old_size, value);
        const auto delta = static_cast<std::ptrdiff_t>(value.size()) - static_cast<std::ptrdiff_t>(old_size);
        for (std::size_t i = field; i < N; ++i)
            m_end[i] = static_cast<std::uint16_t>(static_cast<std::ptrdiff_t>(m_end[i]) + delta);
    }
    bool empty(std::size_t field) const { return get(field).empty(); }
    std::size_t heap_bytes() const { return m_text.capacity() > 15 ? m_text.capacity() + 1 : 0; }

private:
    std::string m_text;
    std::array<std::uint16_t, N> m_end{};
};

}  // namespace sipwarden::session
