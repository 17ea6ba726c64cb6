// LibpcapSource: frames through libpcap — live capture from an interface
// (with the filter compiled into the kernel), or a capture file, used to
// cross-check the own reader and as `--reader libpcap`.
#pragma once

#include <memory>
#include <string>

#include "net/packet_source.h"

struct pcap;

namespace sipwarden::net {

class LibpcapSource final : public PacketSource {
public:
    static core::Result<std::unique_ptr<LibpcapSource>> open_file(const std::string& path);
    static core::Result<std::unique_ptr<LibpcapSource>> open_live(const std::string& interface,
                                                                  const std::string& filter);
    ~LibpcapSource() override;
    LibpcapSource(const LibpcapSource&) = delete;
    LibpcapSource& operator=(const LibpcapSource&) = delete;

    Status next(Frame& frame) override;
    const std::string& error_message() const override { return m_error; }
    std::string format() const override { return m_live ? "live" : "libpcap"; }
    std::uint64_t bytes_consumed() const override { return m_bytes; }
    std::optional<std::uint64_t> total_bytes() const override { return std::nullopt; }
    // Stops a live capture from another thread or a signal handler.
    void stop();

private:
    LibpcapSource(pcap* handle, std::string name, bool live)
        : m_handle(handle), m_name(std::move(name)), m_live(live) {}
    pcap* m_handle;
    std::string m_name;
    bool m_live;
    std::string m_error;
    std::uint64_t m_bytes = 0;
};

}  // namespace sipwarden::net
