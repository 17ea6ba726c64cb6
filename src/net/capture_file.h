// CaptureFileReader: reads pcap and pcapng captures — plain, gzip-compressed
// or from standard input — in large chunks and walks the records in place.
// It exists because libpcap's per-packet copy through stdio costs 5x a plain
// read() walk (docs/packet-path.md); tests cross-check it against libpcap.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "net/limits.h"
#include "net/packet_source.h"

namespace sipwarden::net {

class CaptureFileReader final : public PacketSource {
public:
    // `path` "-" reads standard input. Fails when the file cannot be opened
    // or does not start like a pcap or pcapng capture.
    static core::Result<std::unique_ptr<CaptureFileReader>> open(const std::string& path, const Limits& limits = {});
    ~CaptureFileReader() override;
    CaptureFileReader(const CaptureFileReader&) = delete;
    CaptureFileReader& operator=(const CaptureFileReader&) = delete;

    Status next(Frame& frame) override;
    const std::string& error_message() const override { return m_error; }
    std::string format() const override;
    std::uint64_t bytes_consumed() const override;
    std::optional<std::uint64_t> total_bytes() const override { return m_total; }
    // Records handed out so far.
    std::uint64_t records() const { return m_records; }

private:
    enum class Format { pcap, pcapng };
    struct Interface {
        std::uint32_t link_type = 0;
        std::uint32_t snaplen = 0;
        std::uint64_t units_per_second = 1'000'000;  // if_tsresol
        std::int64_t offset_seconds = 0;             // if_tsoffset
    };

    CaptureFileReader(std::string path, gzFile input, const Limits& limits);
    core::Result<void> read_file_header();
    // Makes at least `need` unread bytes available; false at end of input.
    bool fill(std::size_t need) { return m_end - m_pos >= need || refill(need); }
    bool refill(std::size_t need);
    Status next_pcap(Frame& frame);
    // The record whose `header`-byte header is at m_pos, checked whole in
    // the buffer, into `frame`; m_pos moves past it.
    void take_pcap_record(Frame& frame, std::size_t header, std::uint32_t seconds, std::uint32_t fraction,
                          std::uint32_t caplen, std::uint32_t wirelen);
    Status next_pcapng(Frame& frame);
    Status read_section_header(std::uint32_t block_length);
    void read_interface(core::Bytes body);
    Status fail(const std::string& message);
    std::uint32_t u32(const std::uint8_t* p) const;
    std::uint16_t u16(const std::uint8_t* p) const;
    core::Timestamp pcapng_time(const Interface& interface, std::uint64_t units) const;

    std::string m_path;
    gzFile m_input;
    Limits m_limits;
    std::vector<std::uint8_t> m_buffer;
    std::size_t m_pos = 0;                // next unread byte in m_buffer
    std::size_t m_end = 0;                // end of valid bytes in m_buffer
    std::uint64_t m_consumed_before = 0;  // input bytes before m_buffer[0]
    std::optional<std::uint64_t> m_total;
    bool m_eof = false;
    std::string m_error;
    std::uint64_t m_records = 0;

    Format m_format = Format::pcap;
    bool m_swapped = false;  // file byte order differs from ours
    // pcap
    bool m_nanoseconds = false;
    bool m_extended_header = false;  // Kuznetzov's patched format: 24-byte record headers
    std::uint32_t m_link_type = 0;
    std::uint32_t m_snaplen = 0;
    // pcapng
    std::vector<Interface> m_interfaces;
    core::Timestamp m_last_time;
};

}  // namespace sipwarden::net
