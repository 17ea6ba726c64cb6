// pcap and pcapng record walking over a chunked, possibly compressed input.
#include "net/capture_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

#include <fmt/format.h>

namespace sipwarden::net {

namespace {

constexpr std::uint32_t k_pcap_magic_us = 0xa1b2c3d4;
constexpr std::uint32_t k_pcap_magic_ns = 0xa1b23c4d;
constexpr std::uint32_t k_pcap_magic_kuznetzov = 0xa1b2cd34;
constexpr std::uint32_t k_pcapng_section = 0x0a0d0d0a;
constexpr std::uint32_t k_pcapng_byte_order = 0x1a2b3c4d;

constexpr std::uint32_t k_block_interface = 1;
constexpr std::uint32_t k_block_packet_obsolete = 2;
constexpr std::uint32_t k_block_simple_packet = 3;
constexpr std::uint32_t k_block_enhanced_packet = 6;

std::uint32_t swap32(std::uint32_t v) { return __builtin_bswap32(v); }

std::uint32_t load32(const std::uint8_t* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

std::uint32_t pad4(std::uint32_t n) { return (n + 3u) & ~3u; }

}  // namespace

core::Result<std::unique_ptr<CaptureFileReader>> CaptureFileReader::open(const std::string& path,
                                                                         const Limits& limits) {
    const int fd = path == "-" ? dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return core::make_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    std::optional<std::uint64_t> total;
    struct stat st {};
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) total = static_cast<std::uint64_t>(st.st_size);
    gzFile input = gzdopen(fd, "rb");
    if (input == nullptr) {
        close(fd);
        return core::make_error(path + ": cannot open: out of memory");
    }
    gzbuffer(input, 256 * 1024);
    std::unique_ptr<CaptureFileReader> reader(new CaptureFileReader(path == "-" ? "<stdin>" : path, input, limits));
    reader->m_total = total;
    if (auto header = reader->read_file_header(); !header) return header.error();
    return reader;
}

CaptureFileReader::CaptureFileReader(std::string path, gzFile input, const Limits& limits)
    : m_path(std::move(path)), m_input(input), m_limits(limits) {
    m_buffer.resize(std::max<std::size_t>(limits.read_chunk_bytes, 64 * 1024));
}

CaptureFileReader::~CaptureFileReader() { gzclose(m_input); }

std::string CaptureFileReader::format() const {
    std::string name = m_format == Format::pcap ? "pcap" : "pcapng";
    if (gzdirect(m_input) == 0) name += "+gzip";
    return name;
}

std::uint64_t CaptureFileReader::bytes_consumed() const {
    const auto offset = gzoffset(m_input);
    return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
}

bool CaptureFileReader::refill(std::size_t need) {
    // Keep the unread tail, then read more behind it.
    if (m_pos > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_end - m_pos);
        m_consumed_before += m_pos;
        m_end -= m_pos;
        m_pos = 0;
    }
    if (need > m_buffer.size()) m_buffer.resize(need);
    while (m_end < need && !m_eof) {
        const std::size_t room = std::min<std::size_t>(m_buffer.size() - m_end, INT_MAX);
        const int got = gzread(m_input, m_buffer.data() + m_end, static_cast<unsigned>(room));
        if (got < 0) {
            int code = 0;
            const char* message = gzerror(m_input, &code);
            m_error = fmt::format("{}: read error after {} records: {}", m_path, m_records,
                                  code == Z_ERRNO ? std::strerror(errno) : message);
            m_eof = true;
            return false;
        }
        if (got == 0) m_eof = true;
        m_end += static_cast<std::size_t>(got);
    }
    return m_end - m_pos >= need;
}

std::uint32_t CaptureFileReader::u32(const std::uint8_t* p) const {
    const auto v = load32(p);
    return m_swapped ? swap32(v) : v;
}

std::uint16_t CaptureFileReader::u16(const std::uint8_t* p) const {
    std::uint16_t v;
    std::memcpy(&v, p, 2);
    return m_swapped ? __builtin_bswap16(v) : v;
}

PacketSource::Status CaptureFileReader::fail(const std::string& message) {
    if (m_error.empty()) m_error = fmt::format("{}: {} (after {} records)", m_path, message, m_records);
    return Status::error;
}

core::Result<void> CaptureFileReader::read_file_header() {
    if (!fill(4)) {
        return core::make_error(m_error.empty() ? m_path + ": empty input, expected a pcap or pcapng capture"
                                                : m_error);
    }
    const std::uint32_t magic = load32(m_buffer.data() + m_pos);
    if (magic == k_pcapng_section) {
        m_format = Format::pcapng;
        return {};  // the section header block is read as the first block
    }
    for (const bool swapped : {false, true}) {
        const std::uint32_t m = swapped ? swap32(magic) : magic;
        if (m != k_pcap_magic_us && m != k_pcap_magic_ns && m != k_pcap_magic_kuznetzov) continue;
        if (!fill(24)) return core::make_error(m_path + ": truncated pcap file header (expected 24 bytes)");
        m_swapped = swapped;
        m_nanoseconds = m == k_pcap_magic_ns;
        m_extended_header = m == k_pcap_magic_kuznetzov;
        const std::uint8_t* h = m_buffer.data() + m_pos;
        m_snaplen = u32(h + 16);
        m_link_type = u32(h + 20) & 0x03ffffff;  // upper bits carry FCS information
        m_pos += 24;
        return {};
    }
    return core::make_error(
        fmt::format("{}: not a pcap or pcapng capture (first bytes {:08x}); "
                    "gzip-compressed captures are recognised automatically",
                    m_path, swap32(magic)));
}

PacketSource::Status CaptureFileReader::next(Frame& frame) {
    // The usual record: classic pcap in this machine's byte order, whole in
    // the buffer, within the size limit. Read here as next_pcap would.
    if (m_format == Format::pcap && !m_swapped && !m_extended_header && m_end - m_pos >= 16 && m_error.empty()) {
        const std::uint8_t* h = m_buffer.data() + m_pos;
        const std::uint32_t caplen = load32(h + 8);
        if (caplen <= m_limits.max_record_bytes && m_end - m_pos - 16 >= caplen) {
            take_pcap_record(frame, 16, load32(h), load32(h + 4), caplen, load32(h + 12));
            ++m_records;
            return Status::frame;
        }
    }
    if (!m_error.empty()) return Status::error;
    const Status status = m_format == Format::pcap ? next_pcap(frame) : next_pcapng(frame);
    if (status == Status::frame) ++m_records;
    return status;
}

PacketSource::Status CaptureFileReader::next_pcap(Frame& frame) {
    const std::size_t header = m_extended_header ? 24 : 16;
    if (!fill(header)) {
        if (!m_error.empty()) return Status::error;
        if (m_end == m_pos) return Status::end;
        return fail(fmt::format("truncated record header at byte {} ({} of {} bytes present)",
                                m_consumed_before + m_pos, m_end - m_pos, header));
    }
    const std::uint8_t* h = m_buffer.data() + m_pos;
    const std::uint32_t seconds = u32(h);
    const std::uint32_t fraction = u32(h + 4);
    const std::uint32_t caplen = u32(h + 8);
    const std::uint32_t wirelen = u32(h + 12);
    if (caplen > std::max(m_snaplen, m_limits.max_record_bytes) || caplen > m_limits.max_record_bytes) {
        return fail(fmt::format("corrupt record at byte {}: captured length {} exceeds the maximum of {}",
                                m_consumed_before + m_pos, caplen, m_limits.max_record_bytes));
    }
    if (!fill(header + caplen)) {
        if (!m_error.empty()) return Status::error;
        return fail(fmt::format("truncated record at byte {}: {} bytes announced, {} present",
                                m_consumed_before + m_pos, caplen, m_end - m_pos - header));
    }
    take_pcap_record(frame, header, seconds, fraction, caplen, wirelen);
    return Status::frame;
}

void CaptureFileReader::take_pcap_record(Frame& frame, std::size_t header, std::uint32_t seconds,
                                         std::uint32_t fraction, std::uint32_t caplen, std::uint32_t wirelen) {
    const std::int64_t sub = m_nanoseconds ? fraction : std::int64_t{fraction} * 1000;
    frame.timestamp = core::Timestamp::from_ns(std::int64_t{seconds} * core::k_ns_per_second + sub);
    frame.link_type = m_link_type;
    frame.wire_length = wirelen;
    frame.data = core::Bytes(m_buffer.data() + m_pos + header, caplen);
    m_pos += header + caplen;
}

PacketSource::Status CaptureFileReader::next_pcapng(Frame& frame) {
    while (true) {
        if (!fill(12)) {
            if (!m_error.empty()) return Status::error;
            if (m_end == m_pos) return Status::end;
            return fail(fmt::format("truncated block header at byte {}", m_consumed_before + m_pos));
        }
        const std::uint32_t raw_type = load32(m_buffer.data() + m_pos);
        if (raw_type == k_pcapng_section) {
            // Byte order is set by each section header before lengths can be read.
            const std::uint32_t order = load32(m_buffer.data() + m_pos + 8);
            if (order == k_pcapng_byte_order) {
                m_swapped = false;
            } else if (order == swap32(k_pcapng_byte_order)) {
                m_swapped = true;
            } else {
                return fail(
                    fmt::format("corrupt section header at byte {}: bad byte-order magic", m_consumed_before + m_pos));
            }
        }
        const std::uint32_t type = u32(m_buffer.data() + m_pos);
        const std::uint32_t length = u32(m_buffer.data() + m_pos + 4);
        if (length < 12 || length % 4 != 0 || length > m_limits.max_block_bytes) {
            return fail(fmt::format("corrupt block at byte {}: length {} is not a multiple of 4 between 12 and {}",
                                    m_consumed_before + m_pos, length, m_limits.max_block_bytes));
        }
        if (!fill(length)) {
            if (!m_error.empty()) return Status::error;
            return fail(fmt::format("truncated block at byte {}: {} bytes announced, {} present",
                                    m_consumed_before + m_pos, length, m_end - m_pos));
        }
        const std::uint8_t* block = m_buffer.data() + m_pos;
        if (u32(block + length - 4) != length) {
            return fail(fmt::format("corrupt block at byte {}: trailing length differs from {}",
                                    m_consumed_before + m_pos, length));
        }
        const core::Bytes body(block + 8, length - 12);
        if (type == k_pcapng_section) {
            m_interfaces.clear();
            m_pos += length;
            continue;
        }
        m_pos += length;
        if (type == k_block_interface) {
            if (m_interfaces.size() >= m_limits.max_interfaces) return fail("too many interfaces in one section");
            read_interface(body);
            continue;
        }
        if (type != k_block_enhanced_packet && type != k_block_simple_packet && type != k_block_packet_obsolete)
            continue;

        std::uint32_t interface_id = 0;
        std::uint32_t caplen = 0;
        std::uint32_t wirelen = 0;
        std::size_t data_offset = 0;
        std::uint64_t units = 0;
        bool timed = true;
        const std::uint8_t* b = body.data();
        if (type == k_block_simple_packet) {
            if (body.size() < 4) return fail("corrupt simple packet block: shorter than its header");
            wirelen = u32(b);
            caplen = static_cast<std::uint32_t>(std::min<std::size_t>(wirelen, body.size() - 4));
            data_offset = 4;
            timed = false;
        } else {
            if (body.size() < 20) return fail("corrupt packet block: shorter than its header");
            interface_id = type == k_block_packet_obsolete ? u16(b) : u32(b);
            units = (std::uint64_t{u32(b + 4)} << 32) | u32(b + 8);
            caplen = u32(b + 12);
            wirelen = u32(b + 16);
            data_offset = 20;
            if (caplen > body.size() - 20) {
                return fail(fmt::format("corrupt packet block: captured length {} exceeds the block", caplen));
            }
        }
        if (interface_id >= m_interfaces.size()) {
            return fail(fmt::format("packet block names interface {} but only {} were described", interface_id,
                                    m_interfaces.size()));
        }
        const Interface& interface = m_interfaces[interface_id];
        if (timed) m_last_time = pcapng_time(interface, units);
        frame.timestamp = m_last_time;
        frame.link_type = interface.link_type;
        frame.wire_length = wirelen;
        frame.data = body.subspan(data_offset, caplen);
        return Status::frame;
    }
}

void CaptureFileReader::read_interface(core::Bytes body) {
    Interface interface;
    if (body.size() < 8) {
        m_interfaces.push_back(interface);
        return;
    }
    interface.link_type = u16(body.data());
    interface.snaplen = u32(body.data() + 4);
    // Options: code(2) length(2) value padded to 4; end at code 0.
    std::size_t at = 8;
    while (at + 4 <= body.size()) {
        const std::uint16_t code = u16(body.data() + at);
        const std::uint16_t length = u16(body.data() + at + 2);
        at += 4;
        if (code == 0 || length > body.size() - at) break;
        const std::uint8_t* value = body.data() + at;
        if (code == 9 && length >= 1) {  // if_tsresol
            const std::uint8_t resolution = value[0];
            const unsigned exponent = resolution & 0x7fu;
            if ((resolution & 0x80) != 0) {
                interface.units_per_second = exponent < 63 ? (std::uint64_t{1} << exponent) : 0;
            } else {
                std::uint64_t units = 1;
                for (unsigned i = 0; i < exponent && units <= UINT64_MAX / 10; ++i) units *= 10;
                interface.units_per_second = exponent <= 19 ? units : 0;
            }
            if (interface.units_per_second == 0) interface.units_per_second = 1'000'000;
        } else if (code == 14 && length >= 8) {  // if_tsoffset
            std::uint64_t offset = m_swapped ? (std::uint64_t{u32(value)} << 32) | u32(value + 4)
                                             : (std::uint64_t{u32(value + 4)} << 32) | u32(value);
            interface.offset_seconds = static_cast<std::int64_t>(offset);
        }
        at += pad4(length);
    }
    m_interfaces.push_back(interface);
}

core::Timestamp CaptureFileReader::pcapng_time(const Interface& interface, std::uint64_t units) const {
    // Hostile resolutions and offsets are clamped to +/- 9e9 s (year 2255), never wrapped.
    constexpr std::int64_t k_max_seconds = 9'000'000'000;
    const std::uint64_t per_second = interface.units_per_second;
    const std::uint64_t whole = units / per_second;
    const auto fraction_ns = static_cast<std::int64_t>(static_cast<long double>(units % per_second) * 1e9L /
                                                       static_cast<long double>(per_second));
    std::int64_t seconds =
        whole > static_cast<std::uint64_t>(k_max_seconds) ? k_max_seconds : static_cast<std::int64_t>(whole);
    const std::int64_t offset = std::clamp(interface.offset_seconds, -k_max_seconds, k_max_seconds);
    seconds = std::clamp(seconds + offset, -k_max_seconds, k_max_seconds);
    return core::Timestamp::from_ns(seconds * core::k_ns_per_second + fraction_ns);
}

}  // namespace sipwarden::net
