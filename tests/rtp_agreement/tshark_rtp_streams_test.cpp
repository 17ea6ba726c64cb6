// Agreement with a reference analyzer: for every capture in tests/data/pcaps
// (and ../shared/corpus/pcaps when present), each RTP stream that
// `tshark -z rtp,streams` lists is rebuilt from sipwarden's own packet path
// (CaptureFileReader + Decoder + parse_rtp) and fed to StreamStats; packets,
// lost and max jitter must equal tshark's, except for the differences listed
// and explained below.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <unistd.h>

#include "../agreement/agreement_support.h"
#include "net/capture_file.h"
#include "net/decoder.h"
#include "rtp/payload_types.h"
#include "rtp/rtp_packet.h"
#include "rtp/stream_stats.h"
#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"

namespace sipwarden {
namespace {

namespace fs = std::filesystem;
using agreement::run;

// A stream as tshark names it: source, destination, SSRC.
struct StreamKey {
    core::Endpoint source, destination;
    std::uint32_t ssrc = 0;
    friend auto operator<=>(const StreamKey&, const StreamKey&) = default;
};

struct TsharkStream {
    StreamKey key;
    std::string payload;
    std::int64_t packets = 0, lost = 0;
    double max_jitter_ms = 0;
};

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

core::Endpoint endpoint(const std::string& address, const std::string& port) {
    return {core::IpAddress::parse(address).value_or(core::IpAddress{}), static_cast<std::uint16_t>(std::stoul(port))};
}

// One row of tshark 4.0's table: start, end, source address and port,
// destination address and port, SSRC, payload names (may hold spaces),
// packets, lost and "(percent)", min/mean/max delta, min/mean/max jitter,
// and "X" when it saw a problem.
std::optional<TsharkStream> parse_row(const std::string& line) {
    auto w = words(line);
    if (!w.empty() && w.back() == "X") w.pop_back();
    if (w.size() < 17 || w[6].rfind("0x", 0) != 0) return std::nullopt;
    TsharkStream s;
    s.key = {endpoint(w[2], w[3]), endpoint(w[4], w[5]), static_cast<std::uint32_t>(std::stoul(w[6], nullptr, 16))};
    const std::size_t n = w.size();
    s.max_jitter_ms = std::stod(w[n - 1]);
    s.lost = std::stoll(w[n - 8]);
    s.packets = std::stoll(w[n - 9]);
    for (std::size_t i = 7; i < n - 9; ++i) s.payload += (s.payload.empty() ? "" : " ") + w[i];
    return s;
}

std::vector<TsharkStream> tshark_streams(const fs::path& path) {
    std::vector<TsharkStream> out;
    std::istringstream in(
        run("tshark -n -r '" + path.string() + "' -o rtp.heuristic_rtp:TRUE -q -z rtp,streams 2>/dev/null"));
    for (std::string line; std::getline(in, line);)
        if (auto s = parse_row(line)) out.push_back(*s);
    return out;
}

// The clock rates SDP announced for an address and port (a=rtpmap), as
// tshark applies them: to RTP whose destination, else source, is that media
// address, from the SDP's frame on. tshark leaves telephone-event out of
// the jitter (RFC 4733 timestamps mark the start of an event).
class RtpMaps {
public:
    // tshark converts timestamps to milliseconds with the clock rate in
    // whole kHz (an integer division); `whole_khz` does the same.
    explicit RtpMaps(bool whole_khz) : m_whole_khz(whole_khz) {}

    void learn(const sip::SessionDescription& sdp) {
        for (const sip::Media& media : sdp.media()) {
            const auto address = core::IpAddress::parse(sdp.connection_for(media).address);
            if (!address || !media.is_rtp()) continue;
            auto& rates = m_rates[core::Endpoint{*address, media.port}];
            for (const sip::RtpMap& map : sdp.rtpmaps(media))
                rates[map.payload_type] = map.encoding == "telephone-event" ? 0 : map.clock_rate;
        }
    }
    std::uint32_t clock_rate(const net::Payload& payload, std::uint8_t payload_type) const {
        const std::uint32_t rate = announced_rate(payload, payload_type);
        return m_whole_khz ? rate / 1000 * 1000 : rate;
    }

private:
    std::uint32_t announced_rate(const net::Payload& payload, std::uint8_t payload_type) const {
        if (payload_type < 96) return rtp::static_clock_rate(payload_type);
        for (const auto* side : {&payload.destination, &payload.source}) {
            auto it = m_rates.find(*side);
            if (it == m_rates.end()) continue;
            auto rate = it->second.find(payload_type);
            return rate == it->second.end() ? 0 : rate->second;
        }
        return 0;
    }

    bool m_whole_khz;
    std::map<core::Endpoint, std::map<std::uint8_t, std::uint32_t>> m_rates;
};

// sipwarden's side: every UDP payload that parse_rtp accepts, per stream,
// and per stream and status the payloads that start like RTP but fail it.
class Streams final : public net::PayloadSink {
public:
    explicit Streams(bool whole_khz) : m_maps(whole_khz) {}

    void on_payload(const net::Payload& payload) override {
        if (payload.from_hep) return;
        if (sip::looks_like_sip(core::as_text(payload.data))) {
            learn_sdp(payload);
            return;
        }
        if (payload.transport != net::Transport::udp || payload.data.size() < 12 || (payload.data[0] >> 6) != 2) return;
        starts_like_rtp = true;
        rtp::RtpHeader header;
        const auto status = rtp::parse_rtp(payload.data, header);
        if (status != rtp::RtpStatus::ok) {
            ++rejected[{payload.source, payload.destination, ssrc_bytes(payload.data)}][status];
            return;
        }
        const StreamKey key{payload.source, payload.destination, header.ssrc};
        stats[key].add(header, payload.timestamp, m_maps.clock_rate(payload, header.payload_type));
    }

    std::map<StreamKey, rtp::StreamStats> stats;
    std::map<StreamKey, std::map<rtp::RtpStatus, int>> rejected;
    bool starts_like_rtp = false;  // some UDP payload has 12 bytes and version 2

private:
    static std::uint32_t ssrc_bytes(core::Bytes data) {
        std::uint32_t ssrc = 0;
        core::ByteReader reader(data);
        reader.skip(8);
        reader.be32(ssrc);
        return ssrc;
    }
    void learn_sdp(const net::Payload& payload) {
        if (!m_message.parse(core::as_text(payload.data))) return;
        const auto body = sip::find_sdp(m_message);
        if (!body.empty() && m_sdp.parse(body)) m_maps.learn(m_sdp);
    }

    sip::Message m_message;
    sip::SessionDescription m_sdp;
    RtpMaps m_maps;
};

Streams ours(const fs::path& path, bool whole_khz = false) {
    Streams streams(whole_khz);
    auto source = net::CaptureFileReader::open(path.string());
    EXPECT_TRUE(source) << path;
    if (!source) return streams;
    net::DecodeStats decode_stats;
    net::Decoder decoder(streams, decode_stats);
    net::Frame frame;
    while ((*source)->next(frame) == net::PacketSource::Status::frame) decoder.decode(frame);
    decoder.finish();
    return streams;
}

// How an explanation is proven by running tshark (or sipwarden) again.
enum class Proof {
    // tshark on a copy of the capture without the frames `filter` matches
    // gives sipwarden's figure: those frames cause the difference.
    without_frames,
    // `filter` matches exactly as many frames as the packet counts differ:
    // tshark counts them, sipwarden does not (or the other way round). With
    // a `status`, sipwarden rejected that many payloads of the stream for it.
    counted_frames,
    // sipwarden fed with the clock rate in whole kHz gives tshark's figure.
    whole_khz,
};

// Where sipwarden and tshark differ, and why. A stream is named by capture,
// SSRC, destination port and tshark's packet count. Each entry is checked:
// both sides must give exactly the values stated, and the proof must hold,
// so the list stays true.
struct Explained {
    std::string_view file;
    std::uint32_t ssrc;
    std::uint16_t destination_port;
    std::int64_t tshark_packets;
    std::string_view field;  // "packets", "lost" or "max_jitter"
    double ours, tshark;
    Proof proof;
    std::string_view filter;  // tshark display filter of the proof
    std::optional<rtp::RtpStatus> status;
    std::string_view why;
};

constexpr std::string_view k_no_clock_reference =
    "tshark moves its jitter reference to packets whose payload type has no clock rate (an event, an "
    "unknown dynamic type), so the next audio packet's transit difference spans two clocks; sipwarden "
    "leaves such packets out of the jitter (RFC 3550 A.8 compares timestamps of one clock)";

const Explained k_explained[] = {
    {"SIP_DTMF2.pcap", 0x5711bf84, 4376, 666, "max_jitter", 0.0154, 15.767, Proof::without_frames, "rtp.p_type == 96",
     std::nullopt, k_no_clock_reference},
    {"ulaw-2013785496.pcap", 0x34d01d16, 10866, 974, "max_jitter", 6.775, 23.397, Proof::without_frames,
     "rtp.p_type == 101", std::nullopt, k_no_clock_reference},
    {"SIP_Eyebeam2Eyebeam_Video_Audio.pcap", 0xc7fbc002, 5064, 235, "max_jitter", 6.4746, 81.944, Proof::without_frames,
     "rtp.p_type == 125", std::nullopt, k_no_clock_reference},
    {"FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", 0x17d90134, 15580, 1171, "max_jitter", 1.2531, 1.343, Proof::without_frames,
     "rtp.p_type == 100", std::nullopt, k_no_clock_reference},
    {"FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", 0x0eaf0eaf, 16756, 132, "max_jitter", 6.9740, 7.007, Proof::without_frames,
     "rtp.p_type == 102", std::nullopt, k_no_clock_reference},
    {"fuzz-2006-06-26-2594.pcap", 0x3796cb71, 40392, 3, "max_jitter", 0, 0.896, Proof::without_frames,
     "rtp.p_type == 99", std::nullopt, k_no_clock_reference},
    {"FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", 0x0eaf0eaf, 16756, 132, "packets", 159, 132, Proof::counted_frames,
     "t38 && udp.dstport == 16756 && udp.payload[0:2] == 80:08 && udp.payload[8:4] == 0e:af:0e:af", std::nullopt,
     "the last SDP offers audio and image (T.38) on the same port, and tshark hands the port to T.38: it "
     "decodes the stream's last 27 packets (version 2, PCMA, the same SSRC) as UDPTL"},
    {"fuzz-2006-06-26-2594.pcap", 0xaaaaaaaa, 40392, 1, "packets", 0, 1, Proof::counted_frames,
     "rtp.ssrc == 0xaaaaaaaa && rtp.padding == 1", rtp::RtpStatus::bad_padding,
     "a datagram of 162 bytes 0xAA: with 10 CSRCs the header is 52 bytes, and the padding count 170 is larger "
     "than the 110 that follow, so parse_rtp rejects it; tshark counts it and marks it malformed"},
    {"stun_dtls_rtp.pcapng", 0x2f696c70, 50221, 2, "packets", 0, 2, Proof::counted_frames,
     "tcp && stun && rtp.ssrc == 0x2f696c70", std::nullopt,
     "RTP relayed in TURN ChannelData over TCP (RFC 8656 §12.5): sipwarden's decoder passes TCP streams on "
     "only as SIP or HEP messages"},
    {"stun_dtls_rtp.pcapng", 0x321d28bb, 50221, 9, "packets", 0, 9, Proof::counted_frames,
     "tcp && stun && rtp.ssrc == 0x321d28bb", std::nullopt,
     "RTP relayed in TURN ChannelData over TCP (RFC 8656 §12.5), as above"},
    {"sip-rtp-l16.pcap", 0x043da985, 6000, 366, "max_jitter", 8.7835, 8.731, Proof::whole_khz, "", std::nullopt,
     "L16/11025: tshark divides timestamps by 11 (clock_rate / 1000 in integers) instead of 11.025 to get "
     "milliseconds; with 256 samples sent every 32 ms the jitter is large and the 0.2% error shows"},
};

// tshark prints jitter with three decimals.
constexpr double k_jitter_tolerance_ms = 0.0005 + 1e-9;

struct Figures {
    double packets = 0, lost = 0, max_jitter = 0;
};

double field_of(const Figures& f, std::string_view field) {
    return field == "packets" ? f.packets : field == "lost" ? f.lost : f.max_jitter;
}
double tolerance_of(std::string_view field) { return field == "max_jitter" ? k_jitter_tolerance_ms : 0; }
bool near(double a, double b, double tolerance) { return std::fabs(a - b) <= tolerance; }

Figures figures(const rtp::StreamStats& s) {
    return {static_cast<double>(s.packets()), static_cast<double>(s.lost()), s.max_jitter_ms()};
}
Figures figures(const TsharkStream& s) {
    return {static_cast<double>(s.packets), static_cast<double>(s.lost), s.max_jitter_ms};
}

std::string tshark_command(const fs::path& path) {
    return "tshark -n -r '" + path.string() + "' -o rtp.heuristic_rtp:TRUE";
}

std::optional<TsharkStream> find(const std::vector<TsharkStream>& streams, const StreamKey& key) {
    for (const auto& s : streams)
        if (s.key == key) return s;
    return std::nullopt;
}

int count_frames(const fs::path& path, std::string_view filter) {
    const auto out =
        run(tshark_command(path) + " -Y '" + std::string(filter) + "' -T fields -e frame.number 2>/dev/null");
    return static_cast<int>(std::count(out.begin(), out.end(), '\n'));
}

// Runs the proof of `e` for the stream `reference`; returns what failed, or "".
std::string prove(const fs::path& path, const TsharkStream& reference, const Streams& streams, const Explained& e) {
    if (e.proof == Proof::without_frames) {
        const fs::path copy = fs::temp_directory_path() / ("sipwarden-rtp-" + std::to_string(getpid()) + ".pcapng");
        run(tshark_command(path) + " -Y '!(" + std::string(e.filter) + ")' -w '" + copy.string() + "' 2>/dev/null");
        const auto again = find(tshark_streams(copy), reference.key);
        fs::remove(copy);
        if (!again) return "the stream is gone without those frames";
        const double value = field_of(figures(*again), e.field);
        return near(value, e.ours, tolerance_of(e.field)) ? "" : "without them tshark gives " + std::to_string(value);
    }
    if (e.proof == Proof::counted_frames) {
        const int frames = count_frames(path, e.filter);
        if (frames != static_cast<int>(std::fabs(e.ours - e.tshark))) return std::to_string(frames) + " frames match";
        if (!e.status) return "";
        auto it = streams.rejected.find(reference.key);
        const int rejected = it == streams.rejected.end()  ? 0
                             : it->second.count(*e.status) ? it->second.at(*e.status)
                                                           : 0;
        return rejected == frames ? "" : std::to_string(rejected) + " payloads rejected for that status";
    }
    const Streams whole = ours(path, true);
    auto it = whole.stats.find(reference.key);
    const double value = it == whole.stats.end() ? 0 : field_of(figures(it->second), e.field);
    return near(value, e.tshark, tolerance_of(e.field)) ? "" : "in whole kHz sipwarden gives " + std::to_string(value);
}

const Explained* explanation(const fs::path& path, const TsharkStream& reference, std::string_view field) {
    for (const auto& e : k_explained)
        if (e.file == path.filename().string() && e.ssrc == reference.key.ssrc &&
            e.destination_port == reference.key.destination.port && e.tshark_packets == reference.packets &&
            e.field == field)
            return &e;
    return nullptr;
}

std::string describe(const fs::path& path, const TsharkStream& s) {
    std::ostringstream out;
    out << path.filename().string() << " SSRC 0x" << std::hex << s.key.ssrc << std::dec << " to port "
        << s.key.destination.port << " (" << s.payload << ", " << s.packets << " packets)";
    return out.str();
}

std::set<const Explained*> g_used;

void compare(const fs::path& path, const TsharkStream& reference, const Streams& streams) {
    auto it = streams.stats.find(reference.key);
    const Figures mine = it == streams.stats.end() ? Figures{} : figures(it->second);
    const Figures theirs = figures(reference);
    for (std::string_view field : {"packets", "lost", "max_jitter"}) {
        const double a = field_of(mine, field), b = field_of(theirs, field), tolerance = tolerance_of(field);
        const Explained* e = explanation(path, reference, field);
        if (e == nullptr) {
            EXPECT_TRUE(near(a, b, tolerance))
                << describe(path, reference) << " " << field << ": sipwarden " << a << ", tshark " << b;
            continue;
        }
        g_used.insert(e);
        EXPECT_TRUE(near(a, e->ours, tolerance) && near(b, e->tshark, tolerance))
            << describe(path, reference) << " " << field << ": sipwarden " << a << ", tshark " << b << "; explained as "
            << e->ours << " and " << e->tshark << ": " << e->why;
        const std::string failed = prove(path, reference, streams, *e);
        EXPECT_EQ(failed, "") << describe(path, reference) << " " << field << ": the proof fails: " << e->why;
    }
}

// The test's captures, and those named in SIPWARDEN_RTP_CAPTURES (files or
// folders separated by ':'), e.g. a benchmark capture compared by hand.
std::vector<std::string> capture_roots() {
    std::vector<std::string> roots = {SIPWARDEN_SOURCE_DIR "/tests/data/pcaps", SIPWARDEN_SHARED_DIR "/corpus/pcaps"};
    const char* extra = std::getenv("SIPWARDEN_RTP_CAPTURES");
    std::istringstream in(extra != nullptr ? extra : "");
    for (std::string root; std::getline(in, root, ':');)
        if (!root.empty()) roots.push_back(root);
    return roots;
}

std::vector<fs::path> captures() { return agreement::find_captures(capture_roots()); }

TEST(TsharkRtpAgreement, StreamsPerCapture) {
    if (run("command -v tshark").empty()) GTEST_SKIP() << "tshark is not installed (tools/dev setup installs it)";
    int streams_compared = 0;
    std::set<std::string> files;
    for (const auto& path : captures()) {
        files.insert(path.filename().string());
        const Streams streams = ours(path);
        // tshark finds RTP over UDP only where a payload starts with version
        // 2; RTP over TCP (TURN) shows up in captures that have both.
        if (!streams.starts_like_rtp) continue;
        for (const auto& reference : tshark_streams(path)) {
            compare(path, reference, streams);
            ++streams_compared;
        }
    }
    EXPECT_GT(streams_compared, 40);
    // An explanation for a capture that was compared must have been used.
    for (const auto& e : k_explained) {
        if (files.count(std::string(e.file)) == 0) continue;
        EXPECT_TRUE(g_used.count(&e)) << e.file << " SSRC " << e.ssrc << " " << e.field << ": explanation not used";
    }
    std::printf("RTP streams compared with tshark: %d\n", streams_compared);
}

}  // namespace
}  // namespace sipwarden
