// Agreement with a reference decoder: for every capture in tests/data/pcaps
// (and ../shared/corpus/pcaps when present), the SIP messages sipwarden
// finds — per method and status, and the set of Call-IDs — must equal what
// tshark finds, except for the differences listed and explained below.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <zlib.h>

#include "agreement_support.h"
#include "net/capture_file.h"
#include "tshark_text.h"
#include "watch/capture_run.h"

namespace sipwarden {
namespace {

namespace fs = std::filesystem;
using agreement::run;
using agreement::split;

// What one side saw: per frame, the messages as "KIND CALL-ID" (KIND is the
// method or the status code).
using Frames = std::map<std::uint64_t, std::vector<std::string>>;

class Collector : public watch::MessageObserver {
public:
    void on_sip(const net::Payload& payload, const sip::Message& message, const sip::SessionDescription*) override {
        const std::string kind =
            message.is_request() ? std::string(message.method_text()) : std::to_string(message.status_code());
        frames[payload.frame_number].push_back(kind + " " + std::string(message.call_id()));
    }
    Frames frames;
};

Frames ours(const fs::path& path) {
    auto source = net::CaptureFileReader::open(path.string());
    EXPECT_TRUE(source) << path;
    Collector collector;
    if (!source) return {};
    watch::RunOptions options;
    options.observer = &collector;
    watch::CaptureSummary summary;
    watch::summarize(**source, nullptr, summary, options);
    return collector.frames;
}

std::string tshark(const fs::path& path, const std::string& filter, const std::string& fields) {
    return run("tshark -n -r '" + path.string() + "' -Y '" + filter + "' -T fields " + fields +
               " -E occurrence=a -E 'aggregator=\x1f' 2>/dev/null");
}

// tshark's view. ICMP errors quote the datagram that caused them and tshark
// dissects the SIP inside the quote; sipwarden counts an ICMP error as ICMP,
// so frames with ICMP are left out of the reference.
Frames reference(const fs::path& path) {
    Frames frames;
    const auto out =
        tshark(path, "sip && !icmp && !icmpv6", "-e frame.number -e sip.Method -e sip.Status-Code -e sip.Call-ID");
    for (const auto& line : split(out, '\n')) {
        const auto fields = split(line, '\t');
        if (fields.size() < 4) continue;
        // One frame can hold several messages (TCP): the fields list them in order.
        const auto methods = split(fields[1], '\x1f'), statuses = split(fields[2], '\x1f'),
                   ids = split(fields[3], '\x1f');
        std::vector<std::string> kinds;
        for (const auto& list : {methods, statuses})
            for (const auto& k : list)
                if (!k.empty()) kinds.push_back(k);
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            frames[std::stoull(fields[0])].push_back(kinds[i] + " " + (i < ids.size() ? ids[i] : std::string()));
        }
    }
    return frames;
}

// tshark 4.0 has no HEP dissector (Homer ships it as a Lua plugin), so for
// HEP the reference is an independent walk over the UDP payload tshark
// extracts: the chunks by hand, the SIP first line and Call-ID by hand.
std::string hex_decode(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::string inflate_all(const std::string& packed) {
    std::string out(65536, '\0');
    z_stream z{};
    inflateInit2(&z, 15 + 32);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    z.avail_in = static_cast<uInt>(packed.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    inflate(&z, Z_FINISH);
    out.resize(z.total_out);
    inflateEnd(&z);
    return out;
}

std::string hep_sip(const std::string& packet) {
    if (packet.size() < 6 || packet.compare(0, 4, "HEP3") != 0) return {};
    std::size_t at = 6;
    while (at + 6 <= packet.size()) {
        const auto u16 = [&](std::size_t i) {
            return (static_cast<unsigned char>(packet[i]) << 8) | static_cast<unsigned char>(packet[i + 1]);
        };
        const auto type = static_cast<std::size_t>(u16(at + 2)), length = static_cast<std::size_t>(u16(at + 4));
        if (length < 6 || at + length > packet.size()) return {};
        if (type == 15) return packet.substr(at + 6, length - 6);
        if (type == 16) return inflate_all(packet.substr(at + 6, length - 6));
        at += length;
    }
    return {};
}

std::string kind_and_call_id(const std::string& sip) {
    const auto first_line = sip.substr(0, sip.find("\r\n"));
    const auto parts = split(first_line, ' ');
    if (parts.size() < 2) return {};
    std::string kind = parts[0] == "SIP/2.0" ? parts[1] : parts[0];
    for (const auto& line : split(sip, '\n')) {
        for (const char* name : {"Call-ID:", "i:"}) {
            if (line.rfind(name, 0) == 0) {
                auto id = line.substr(std::string(name).size());
                while (!id.empty() && (id.front() == ' ')) id.erase(0, 1);
                while (!id.empty() && (id.back() == '\r' || id.back() == ' ')) id.pop_back();
                return kind + " " + id;
            }
        }
    }
    return kind + " ";
}

Frames hep_reference(const fs::path& path) {
    Frames frames;
    for (const auto& line : split(tshark(path, "udp", "-e frame.number -e udp.payload"), '\n')) {
        const auto fields = split(line, '\t');
        if (fields.size() < 2) continue;
        const auto sip = hep_sip(hex_decode(fields[1]));
        // HEP also carries logs and RTCP reports; only SIP counts.
        if (sip.substr(0, sip.find('\r')).find("SIP/2.0") != std::string::npos)
            frames[std::stoull(fields[0])].push_back(kind_and_call_id(sip));
    }
    return frames;
}

// Frames where sipwarden and tshark disagree, and why. Each entry is checked:
// the two sides must differ exactly as stated, so the list stays true.
struct Explained {
    std::string_view file;
    std::uint64_t frame;
    std::string_view ours;    // kinds sipwarden sees in the frame ("" for none)
    std::string_view tshark;  // kinds tshark sees
    std::string_view why;
};

constexpr std::string_view k_port_heuristic = "tshark decodes by port number; the payload is SIP by content";
constexpr std::string_view k_tolerant = "fuzzed message: sipwarden parses it and records anomalies, tshark rejects it";

const Explained k_explained[] = {
    {"gtpingtp.pcap", 2, "487", "",
     "UDP port 2152 is GTP to tshark (it shows a GTPv2 message); "
     "the datagram is a SIP 487"},
    {"SIP-Bruteforce-Single-IP.pcap", 1974, "REGISTER", "",
     "UDP port 1293 is PacketCable to tshark; "
     "the datagram is a SIP REGISTER"},
    {"SIP-Bruteforce-Single-IP.pcap", 1975, "401", "", k_port_heuristic},
    {"SIP-Bruteforce-Single-IP.pcap", 1976, "REGISTER", "", k_port_heuristic},
    {"SIP-Bruteforce-Single-IP.pcap", 1977, "401", "", k_port_heuristic},
    {"SIP-Bruteforce-Single-IP.pcap", 1978, "REGISTER", "", k_port_heuristic},
    {"SIP-Bruteforce-Single-IP.pcap", 1979, "401", "", k_port_heuristic},
    {"fuzz-2006-06-26-2594.pcap", 108, "401", "",
     "reason phrase holds a NUL byte: "
     "tshark gives up on the message"},
    {"fuzz-2006-06-26-2594.pcap", 181, "0", "",
     "status code '\\x8500' is not a number: sipwarden keeps the response "
     "as status 0 with sip.bad_status_code"},
    {"fuzz-2006-06-26-2594.pcap", 274, "0", "",
     "status code '40 ' has two digits: kept as status 0 with sip.bad_status_code"},
    {"fuzz-2006-06-26-2594.pcap", 346, "INVITE", "",
     "NUL byte inside the Request-URI: "
     "tshark gives up on the message"},
    {"fuzz-2006-06-26-2594.pcap", 348, "403", "", k_tolerant},
    {"fuzz-2006-06-26-2594.pcap", 441, "REGISTER", "", k_tolerant},
    {"fuzz-2006-06-26-2594.pcap", 560, "0", "",
     "'sIP/2.0 4v1': the version is matched case-insensitively (RFC 3261 §7.1), "
     "the code is not a number"},
    {"fuzz-2006-06-26-2594.pcap", 247, "", "CANCEL",
     "the request line ends in a bare CR followed by '7Via:': "
     "not a line end for sipwarden (RFC 3261 requires CRLF), tshark accepts it"},
};

std::string kinds_of(const std::vector<std::string>& messages) {
    std::string out;
    for (const auto& m : messages) out += (out.empty() ? "" : " ") + m.substr(0, m.find(' '));
    return out;
}

// Kinds and Call-IDs of one frame, each sorted: tshark lists all methods of a
// frame before all status codes, so the pairing inside a frame is not kept.
std::pair<std::vector<std::string>, std::vector<std::string>> normal(const std::vector<std::string>& messages,
                                                                     bool ours) {
    std::vector<std::string> kinds, ids;
    for (const auto& m : messages) {
        const auto space = m.find(' ');
        kinds.push_back(m.substr(0, space));
        const auto id = space == std::string::npos ? std::string() : m.substr(space + 1);
        ids.push_back(ours ? as_tshark_prints(id) : id);
    }
    std::sort(kinds.begin(), kinds.end());
    std::sort(ids.begin(), ids.end());
    return {kinds, ids};
}

void compare(const fs::path& path, Frames a, Frames b) {
    const auto name = path.filename().string();
    for (const auto& e : k_explained) {
        if (e.file != name) continue;
        EXPECT_EQ(kinds_of(a[e.frame]), e.ours) << name << " frame " << e.frame << ": " << e.why;
        EXPECT_EQ(kinds_of(b[e.frame]), e.tshark) << name << " frame " << e.frame << ": " << e.why;
        a.erase(e.frame);
        b.erase(e.frame);
    }
    std::erase_if(a, [](const auto& f) { return f.second.empty(); });
    std::erase_if(b, [](const auto& f) { return f.second.empty(); });
    for (const auto& [frame, messages] : a) {
        auto it = b.find(frame);
        EXPECT_TRUE(it != b.end() && normal(it->second, false) == normal(messages, true))
            << name << " frame " << frame << ": sipwarden " << ::testing::PrintToString(messages) << ", tshark "
            << (it == b.end() ? std::string("nothing") : ::testing::PrintToString(it->second));
    }
    for (const auto& [frame, messages] : b) {
        EXPECT_TRUE(a.count(frame)) << name << " frame " << frame << ": sipwarden nothing, tshark "
                                    << ::testing::PrintToString(messages);
    }
}

std::vector<fs::path> captures() {
    return agreement::find_captures({SIPWARDEN_SOURCE_DIR "/tests/data/pcaps", SIPWARDEN_SHARED_DIR "/corpus/pcaps"});
}

TEST(TsharkAgreement, SipMessagesAndCallIdsPerCapture) {
    if (run("command -v tshark").empty()) GTEST_SKIP() << "tshark is not installed (tools/dev setup installs it)";
    int compared = 0;
    for (const auto& path : captures()) {
        const bool hep = path.parent_path().filename() == "hep";
        compare(path, ours(path), hep ? hep_reference(path) : reference(path));
        ++compared;
    }
    EXPECT_GT(compared, 50);
}

}  // namespace
}  // namespace sipwarden
