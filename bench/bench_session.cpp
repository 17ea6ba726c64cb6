// Session tracking: heap bytes per concurrently tracked call, and the cost
// of tracking per SIP message and per RTP packet beside the cost of parsing
// the same messages (measured in the same run).
//   build/release/bench/bench_session --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>

#include <memory>
#include <string>
#include <vector>

#include "core/large_pages.h"
#include "session/tracker.h"
#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"

namespace {

using namespace sipwarden;

class NullSink : public session::EventSink {
public:
    void on_event(const session::Event&) override { ++events; }
    std::uint64_t events = 0;
};

core::Endpoint endpoint(std::uint32_t host, std::uint16_t port) {
    const std::uint8_t b[4] = {10, static_cast<std::uint8_t>(host >> 16), static_cast<std::uint8_t>(host >> 8),
                               static_cast<std::uint8_t>(host)};
    return {core::IpAddress::v4(b), port};
}

std::string sdp(std::uint32_t host, int port) {
    const auto e = endpoint(host, 0).address.to_string();
    return "v=0\r\no=- 1 1 IN IP4 " + e + "\r\ns=-\r\nc=IN IP4 " + e + "\r\nt=0 0\r\nm=audio " + std::to_string(port) +
           " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
}

// The callee's media address of call n: its own, or one for all calls.
core::Endpoint answer_endpoint(std::uint32_t n, bool shared) {
    return shared ? endpoint(1, 6200) : endpoint(n * 2 + 1, static_cast<std::uint16_t>(20000 + (n % 20000) * 2));
}

// The messages of one call set-up (INVITE, 100, 180, 200, ACK), as text;
// with `shared_answer`, the callee answers on the address all calls share.
std::vector<std::string> call_messages(std::uint32_t n, bool shared_answer = false) {
    const std::string id = "call" + std::to_string(n) + "-7f3a9c@pbx.example.com";
    const std::string via = "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + std::to_string(n) + "x;rport\r\n";
    const std::string from = "From: \"Extension " + std::to_string(n % 1000) +
                             "\" <sip:" + std::to_string(1000 + n % 1000) + "@pbx.example.com>;tag=f" +
                             std::to_string(n) + "\r\n";
    const std::string to = "To: <sip:+4420" + std::to_string(70000000 + n) + "@trunk.example.net>";
    const std::string common = from + "Call-ID: " + id + "\r\n";
    const std::string offer = sdp(n * 2, 10000 + static_cast<int>(n % 20000) * 2);
    const core::Endpoint answered = answer_endpoint(n, shared_answer);
    const std::string answer = shared_answer ? sdp(1, answered.port) : sdp(n * 2 + 1, answered.port);
    return {
        "INVITE sip:+4420" + std::to_string(70000000 + n) + "@trunk.example.net SIP/2.0\r\n" + via + common + to +
            "\r\nCSeq: 1 INVITE\r\nContact: <sip:1000@10.0.0.1:5060>\r\nUser-Agent: Yealink SIP-T46S 66.86.0.15\r\n"
            "Max-Forwards: 70\r\nContent-Type: application/sdp\r\nContent-Length: " +
            std::to_string(offer.size()) + "\r\n\r\n" + offer,
        "SIP/2.0 100 Trying\r\n" + via + common + to + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
        "SIP/2.0 180 Ringing\r\n" + via + common + to + ";tag=t" + std::to_string(n) +
            "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
        "SIP/2.0 200 OK\r\n" + via + common + to + ";tag=t" + std::to_string(n) +
            "\r\nCSeq: 1 INVITE\r\nServer: Carrier SBC\r\nContent-Type: application/sdp\r\nContent-Length: " +
            std::to_string(answer.size()) + "\r\n\r\n" + answer,
        "ACK sip:+4420@10.9.9.9 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKack" + std::to_string(n) +
            "\r\n" + common + to + ";tag=t" + std::to_string(n) +
            "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
    };
}

std::vector<std::uint8_t> rtp_packet(std::uint32_t ssrc, std::uint16_t seq) {
    std::vector<std::uint8_t> p(172, 0xd5);
    p[0] = 0x80;
    p[2] = static_cast<std::uint8_t>(seq >> 8);
    p[3] = static_cast<std::uint8_t>(seq);
    p[8] = static_cast<std::uint8_t>(ssrc >> 24);
    p[9] = static_cast<std::uint8_t>(ssrc >> 16);
    p[10] = static_cast<std::uint8_t>(ssrc >> 8);
    p[11] = static_cast<std::uint8_t>(ssrc);
    return p;
}

struct Feeder {
    sip::Message message;
    sip::SessionDescription description;
    void sip(session::SessionTracker& tracker, const std::string& text, bool from_caller, std::uint32_t n, double t) {
        message.parse(text);
        const auto body = sip::find_sdp(message);
        const bool has_sdp = !body.empty() && description.parse(body);
        const auto caller = endpoint(n * 2, 5060), callee = endpoint(n * 2 + 1, 5060);
        tracker.on_sip({message, has_sdp ? &description : nullptr, from_caller ? caller : callee,
                        from_caller ? callee : caller, session::Transport::udp,
                        core::Timestamp::from_ns(static_cast<std::int64_t>(t * 1e9))});
    }
};

// Heap blocks in use (the arenas' and malloc's own mappings) and the
// trackers' large-page tables (core::LargePageAllocator), in bytes.
std::size_t memory_in_use() {
    const auto heap = mallinfo2();
    return heap.uordblks + heap.hblkhd + core::large_bytes_mapped();
}

// Resident bytes of the process (/proc/self/statm): what the tables have
// touched, without the capacity a growing vector reserves beyond its size.
std::size_t resident_bytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (f == nullptr) return 0;
    unsigned long size = 0, resident = 0;
    const int read = std::fscanf(f, "%lu %lu", &size, &resident);
    std::fclose(f);
    return read == 2 ? resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

// Sets up `calls` calls (answered, media flowing both ways) and reports the
// memory they hold, allocated and resident. Timers do not run: all stay
// tracked at once.
void BM_MemoryPerConcurrentCall(benchmark::State& state) {
    const auto calls = static_cast<std::uint32_t>(state.range(0));
    for (auto _ : state) {
        NullSink sink;
        Feeder feeder;
        const auto before = memory_in_use();
        const auto resident_before = resident_bytes();
        auto tracker = std::make_unique<session::SessionTracker>(sink);
        for (std::uint32_t n = 0; n < calls; ++n) {
            const auto messages = call_messages(n);
            for (std::size_t i = 0; i < messages.size(); ++i)
                feeder.sip(*tracker, messages[i], i == 0 || i == 4, n, 1000 + static_cast<double>(i) * 0.001);
            for (std::uint16_t seq = 1; seq <= 3; ++seq) {
                for (const bool to_callee : {true, false}) {
                    auto packet = rtp_packet(to_callee ? n * 2 : n * 2 + 1, seq);
                    const auto dst = to_callee
                                         ? endpoint(n * 2 + 1, static_cast<std::uint16_t>(20000 + (n % 20000) * 2))
                                         : endpoint(n * 2, static_cast<std::uint16_t>(10000 + (n % 20000) * 2));
                    tracker->on_media({rtp::DatagramHead::of(core::Bytes(packet.data(), packet.size())),
                                       endpoint(99, 1), dst, core::Timestamp::from_seconds(1001)});
                }
            }
        }
        const auto after = memory_in_use();
        const auto resident_after = resident_bytes();
        const auto stats = tracker->stats();
        state.counters["calls_tracked"] = static_cast<double>(stats.calls_tracked);
        state.counters["flows"] = static_cast<double>(stats.flows_tracked);
        state.counters["transactions"] = static_cast<double>(stats.transactions_tracked);
        state.counters["rtp_on_flows"] = static_cast<double>(stats.media.rtp_packets);
        state.counters["bytes_per_call"] = static_cast<double>(after - before) / calls;
        state.counters["resident_per_call"] =
            (static_cast<double>(resident_after) - static_cast<double>(resident_before)) / calls;
    }
}
BENCHMARK(BM_MemoryPerConcurrentCall)->Arg(10000)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);

// Calls answered on one media address (a media server, SIPp's -rtp_echo
// UAS) against calls answered each on its own: set-up, three RTP packets
// each way, and the end of tracking, per call. The two must cost about the
// same however many calls share the address: each call's flow there is
// filed apart (docs/session-tracking.md, "Media").
void BM_CallsOnOneMediaAddress(benchmark::State& state) {
    const auto calls = static_cast<std::uint32_t>(state.range(0));
    const bool shared = state.range(1) != 0;
    std::vector<std::vector<std::string>> messages;
    for (std::uint32_t n = 0; n < calls; ++n) messages.push_back(call_messages(n, shared));
    for (auto _ : state) {
        NullSink sink;
        Feeder feeder;
        session::SessionTracker tracker(sink);
        for (std::uint32_t n = 0; n < calls; ++n) {
            for (std::size_t i = 0; i < messages[n].size(); ++i)
                feeder.sip(tracker, messages[n][i], i == 0 || i == 4, n, 1000 + static_cast<double>(i) * 0.001);
        }
        const core::Timestamp at = core::Timestamp::from_seconds(1001);
        for (std::uint16_t seq = 1; seq <= 3; ++seq) {
            for (std::uint32_t n = 0; n < calls; ++n) {
                const core::Endpoint caller = endpoint(n * 2, static_cast<std::uint16_t>(10000 + (n % 20000) * 2));
                const core::Endpoint callee = answer_endpoint(n, shared);
                auto to_callee = rtp_packet(n * 2, seq), to_caller = rtp_packet(n * 2 + 1, seq);
                tracker.on_media(
                    {rtp::DatagramHead::of(core::Bytes(to_callee.data(), to_callee.size())), caller, callee, at});
                tracker.on_media(
                    {rtp::DatagramHead::of(core::Bytes(to_caller.data(), to_caller.size())), callee, caller, at});
            }
        }
        tracker.finish();
        state.counters["rtp_on_flows"] = static_cast<double>(tracker.stats().media.rtp_packets);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * calls);
}
BENCHMARK(BM_CallsOnOneMediaAddress)
    ->ArgsProduct({{1000, 20000}, {0, 1}})
    ->ArgNames({"calls", "shared"})
    ->Unit(benchmark::kMillisecond);

// Parsing alone vs parsing + tracking, per SIP message of a call set-up.
void run_messages(benchmark::State& state, bool track) {
    std::vector<std::vector<std::string>> calls;
    for (std::uint32_t n = 0; n < 2000; ++n) calls.push_back(call_messages(n));
    NullSink sink;
    Feeder feeder;
    session::SessionTracker tracker(sink);
    double t = 1000;
    std::uint32_t round = 0;
    for (auto _ : state) {
        const auto& messages = calls[round % calls.size()];
        for (std::size_t i = 0; i < messages.size(); ++i) {
            if (track) {
                feeder.sip(tracker, messages[i], i == 0 || i == 4, round, t);
            } else {
                feeder.message.parse(messages[i]);
                const auto body = sip::find_sdp(feeder.message);
                if (!body.empty()) feeder.description.parse(body);
            }
            t += 0.0001;
        }
        ++round;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 5);
}
void BM_ParseOnly(benchmark::State& state) { run_messages(state, false); }
void BM_ParseAndTrack(benchmark::State& state) { run_messages(state, true); }
BENCHMARK(BM_ParseOnly);
BENCHMARK(BM_ParseAndTrack);

}  // namespace

BENCHMARK_MAIN();
