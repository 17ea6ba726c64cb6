// CaptureSummary: what the decoder and the SIP/SDP parser saw in one input
// — capture span, packet outcomes, SIP messages by method and status,
// anomalies by code, decode errors by reason — and whether the input was
// read to its end. Tallies are fixed-size arrays: no allocation per message.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/timestamp.h"
#include "net/decode_stats.h"
#include "sip/anomaly.h"
#include "sip/message.h"
#include "sip/method.h"

namespace sipwarden::watch {

inline constexpr std::size_t k_method_count = static_cast<std::size_t>(sip::Method::publish) + 1;
inline constexpr std::size_t k_max_other_methods = 64;  // distinct unregistered method names kept by name

struct SipTally {
    std::uint64_t messages = 0;
    std::uint64_t requests = 0;
    std::uint64_t responses = 0;
    std::uint64_t unusable = 0;  // looked like SIP, but no start line could be parsed
    std::uint64_t with_sdp = 0;
    std::uint64_t over_udp = 0;
    std::uint64_t over_tcp = 0;
    std::uint64_t over_sctp = 0;  // from HEP (an agent on an SCTP link)
    std::uint64_t from_hep = 0;
    std::uint64_t truncated = 0;  // cut short by snaplen or a bad length
    std::array<std::uint64_t, k_method_count> requests_by_method{};
    std::map<std::string, std::uint64_t, std::less<>> other_methods;  // bounded by k_max_other_methods
    std::uint64_t other_methods_overflow = 0;
    std::array<std::uint64_t, 700> responses_by_status{};  // index = status code (100-699); 0 = unusable code
    std::array<std::uint64_t, sip::k_anomaly_count> anomalies{};
    std::uint64_t anomalies_dropped = 0;

    void add_request(const sip::Message& message);
    void add_response(const sip::Message& message);
    void merge(const SipTally& other);
};

// With two threads, the reading thread writes the decode and payload counts
// for every packet while the calling thread tracks: whole cache lines of its
// own, so that no object of the other thread shares one (a shared line costs
// both threads a cross-core transfer per packet; docs/performance.md).
struct alignas(64) CaptureSummary {
    std::string input;   // path as given, "-" for standard input, or the interface
    std::string format;  // "pcap", "pcapng+gzip", "live" ...
    std::optional<core::Timestamp> first;
    std::optional<core::Timestamp> last;
    net::DecodeStats decode;
    std::uint64_t payloads = 0;        // application payloads handed on by the decoder
    std::uint64_t other_payloads = 0;  // payloads that are not SIP
    SipTally sip;
    bool complete = true;  // the input was read to its end
    std::string error;     // why not, when !complete
    // With two threads: the CPU time each used (the reading thread, and the
    // calling one, which parses and tracks), which tells the bound of the run.
    std::optional<double> reading_thread_cpu_s, calling_thread_cpu_s;

    void see_time(core::Timestamp t);
};

}  // namespace sipwarden::watch
