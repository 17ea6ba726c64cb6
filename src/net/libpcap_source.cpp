// libpcap-backed packet source.
#include "net/libpcap_source.h"

#include <pcap/pcap.h>

namespace sipwarden::net {

core::Result<std::unique_ptr<LibpcapSource>> LibpcapSource::open_file(const std::string& path) {
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, error);
    if (handle == nullptr) return core::make_error(path + ": " + error);
    return std::unique_ptr<LibpcapSource>(new LibpcapSource(handle, path, false));
}

core::Result<std::unique_ptr<LibpcapSource>> LibpcapSource::open_live(const std::string& interface,
                                                                      const std::string& filter) {
    char error[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_create(interface.c_str(), error);
    if (handle == nullptr) return core::make_error(interface + ": " + error);
    pcap_set_snaplen(handle, 262144);
    pcap_set_promisc(handle, 1);
    pcap_set_timeout(handle, 100);
    pcap_set_immediate_mode(handle, 1);
    pcap_set_tstamp_precision(handle, PCAP_TSTAMP_PRECISION_NANO);
    if (pcap_activate(handle) < 0) {
        std::string message = interface + ": " + pcap_geterr(handle);
        pcap_close(handle);
        return core::make_error(message);
    }
    if (!filter.empty()) {
        bpf_program program{};
        if (pcap_compile(handle, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
            pcap_setfilter(handle, &program) != 0) {
            std::string message = "invalid capture filter '" + filter + "': " + pcap_geterr(handle);
            pcap_freecode(&program);
            pcap_close(handle);
            return core::make_error(message);
        }
        pcap_freecode(&program);
    }
    return std::unique_ptr<LibpcapSource>(new LibpcapSource(handle, interface, true));
}

LibpcapSource::~LibpcapSource() { pcap_close(m_handle); }

void LibpcapSource::stop() { pcap_breakloop(m_handle); }

PacketSource::Status LibpcapSource::next(Frame& frame) {
    while (true) {
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        const int status = pcap_next_ex(m_handle, &header, &data);
        if (status == 1) {
            frame.timestamp =
                core::Timestamp::from_ns(std::int64_t{header->ts.tv_sec} * core::k_ns_per_second + header->ts.tv_usec);
            frame.link_type = static_cast<std::uint32_t>(pcap_datalink(m_handle));
            frame.wire_length = header->len;
            frame.data = core::Bytes(data, header->caplen);
            m_bytes += header->caplen + 16;
            return Status::frame;
        }
        if (status == 0) continue;  // live read timeout
        if (status == PCAP_ERROR_BREAK) return Status::end;
        m_error = m_name + ": " + pcap_geterr(m_handle);
        return Status::error;
    }
}

}  // namespace sipwarden::net
