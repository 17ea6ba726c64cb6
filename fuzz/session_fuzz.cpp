// Fuzz target: session tracking and the watch report over a sequence of SIP
// messages and other UDP datagrams, as the capture pipeline hands them on.
// The parsers have targets of their own; this one reaches the state the
// trackers keep between messages (transactions, dialogs, forks, re-INVITEs,
// registrations, media flows, unsolicited media, timers and table limits)
// and every report format. Tight limits make the eviction paths reachable.
//
// Input: one byte picking the report format, then records of
//   flags (1: bit 0 SIP, bit 1 TCP), time step (2, little-endian, 10 ms units),
//   source and destination (IPv4 address 4 + port 2 each, network order),
//   length (2, little-endian), payload.
// fuzz/make_session_seeds.py writes such records from capture files.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "session/tracker.h"
#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"
#include "watch/capture_summary.h"
#include "watch/session_report.h"

namespace {
using namespace sipwarden;

constexpr std::size_t k_record_header = 17;
constexpr std::size_t k_max_records = 4096;

std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }

core::Endpoint endpoint_at(const std::uint8_t* p) {
    const auto port = static_cast<std::uint16_t>(p[4] << 8 | p[5]);
    return core::Endpoint{core::IpAddress::v4_from(p), port};
}

session::Limits tight_limits() {
    session::Limits limits;
    limits.max_transactions = 64;
    limits.max_calls = 16;
    limits.max_registrations = 16;
    limits.max_media_flows = 32;
    limits.max_ssrcs_per_flow = 2;
    limits.max_unsolicited = 16;
    limits.max_media_per_call = 2;
    limits.max_field_bytes = 40;
    limits.max_call_id_bytes = 64;
    return limits;
}

std::FILE* sink_file() {
    static std::FILE* const file = std::fopen("/dev/null", "w");
    return file;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || sink_file() == nullptr) return 0;
    constexpr watch::ReportFormat k_formats[] = {watch::ReportFormat::text, watch::ReportFormat::json,
                                                 watch::ReportFormat::csv};
    watch::ReportLimits report_limits;
    report_limits.calls_listed = 4;
    report_limits.aggregate_entries = 16;
    report_limits.top = 3;
    watch::SessionReport report(k_formats[data[0] % 3], sink_file(), report_limits);
    session::SessionTracker tracker(report, tight_limits());
    const sip::Limits sip_limits;
    auto message = std::make_unique<sip::Message>();
    auto sdp = std::make_unique<sip::SessionDescription>();
    std::int64_t now_ns = 1'700'000'000LL * core::k_ns_per_second;
    std::size_t at = 1;
    for (std::size_t n = 0; n < k_max_records && size - at >= k_record_header; ++n) {
        const std::uint8_t* r = data + at;
        const bool is_sip = (r[0] & 1) != 0;
        now_ns += static_cast<std::int64_t>(le16(r + 1)) * 10'000'000LL;
        const core::Endpoint source = endpoint_at(r + 3);
        const core::Endpoint destination = endpoint_at(r + 9);
        const std::size_t length = std::min<std::size_t>(le16(r + 15), size - at - k_record_header);
        const core::Bytes payload(r + k_record_header, length);
        at += k_record_header + length;
        const auto time = core::Timestamp::from_ns(now_ns);
        if (!is_sip) {
            const auto whole = rtp::DatagramHead::of(payload);
            auto head = whole;
            head.head = whole.head.first(rtp::DatagramHead::head_size(whole.head));
            tracker.on_media(session::MediaInput{head, source, destination, time});
            continue;
        }
        if (!message->parse(core::as_text(payload), sip_limits)) continue;
        const std::string_view body = sip::find_sdp(*message, sip_limits);
        const bool has_sdp = !body.empty() && sdp->parse(body, sip_limits);
        const auto transport = (r[0] & 2) != 0 ? session::Transport::tcp : session::Transport::udp;
        tracker.on_sip(
            session::SipInput{*message, has_sdp ? sdp.get() : nullptr, source, destination, transport, time});
    }
    tracker.finish();
    report.finish(watch::CaptureSummary{}, tracker.stats(), false);
    return 0;
}
