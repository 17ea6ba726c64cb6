// ByteReader: the one bounds-checked cursor through which all binary protocol
// decoding reads untrusted bytes. It never reads past the span it was given;
// a read that does not fit fails and leaves the reader in the failed state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace sipwarden::core {

using Bytes = std::span<const std::uint8_t>;

// Borrows `data`: the caller keeps the buffer alive while the reader is used.
class ByteReader {
public:
    explicit ByteReader(Bytes data) : m_data(data) {}

    std::size_t offset() const { return m_offset; }
    std::size_t remaining() const { return m_data.size() - m_offset; }
    bool failed() const { return m_failed; }
    bool empty() const { return remaining() == 0; }
    // The bytes not consumed yet.
    Bytes rest() const { return m_data.subspan(m_offset); }

    bool skip(std::size_t n) {
        if (!fits(n)) return false;
        m_offset += n;
        return true;
    }
    bool u8(std::uint8_t& out) {
        if (!fits(1)) return false;
        out = m_data[m_offset++];
        return true;
    }
    bool be16(std::uint16_t& out) {
        if (!fits(2)) return false;
        out = static_cast<std::uint16_t>((m_data[m_offset] << 8) | m_data[m_offset + 1]);
        m_offset += 2;
        return true;
    }
    bool le16(std::uint16_t& out) {
        if (!fits(2)) return false;
        out = static_cast<std::uint16_t>(m_data[m_offset] | (m_data[m_offset + 1] << 8));
        m_offset += 2;
        return true;
    }
    bool be32(std::uint32_t& out) {
        if (!fits(4)) return false;
        out = (std::uint32_t{m_data[m_offset]} << 24) | (std::uint32_t{m_data[m_offset + 1]} << 16) |
              (std::uint32_t{m_data[m_offset + 2]} << 8) | std::uint32_t{m_data[m_offset + 3]};
        m_offset += 4;
        return true;
    }
    bool le32(std::uint32_t& out) {
        if (!fits(4)) return false;
        out = std::uint32_t{m_data[m_offset]} | (std::uint32_t{m_data[m_offset + 1]} << 8) |
              (std::uint32_t{m_data[m_offset + 2]} << 16) | (std::uint32_t{m_data[m_offset + 3]} << 24);
        m_offset += 4;
        return true;
    }
    // Takes the next n bytes as a sub-span (borrowed from the same buffer).
    bool bytes(std::size_t n, Bytes& out) {
        if (!fits(n)) return false;
        out = m_data.subspan(m_offset, n);
        m_offset += n;
        return true;
    }
    // Looks at byte `ahead` positions on without consuming; false if absent.
    bool peek(std::size_t ahead, std::uint8_t& out) const {
        if (ahead >= remaining()) return false;
        out = m_data[m_offset + ahead];
        return true;
    }

private:
    bool fits(std::size_t n) {
        if (m_failed || n > remaining()) {
            m_failed = true;
            return false;
        }
        return true;
    }

    Bytes m_data;
    std::size_t m_offset = 0;
    bool m_failed = false;
};

inline std::string_view as_text(Bytes bytes) {
    return {reinterpret_cast<const char*>(bytes.data()),
            bytes.size()};  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
}
inline Bytes as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()),
            text.size()};  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
}

}  // namespace sipwarden::core
