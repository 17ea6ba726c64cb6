// Agreement of session tracking with tshark on every capture we have:
// calls (Call-IDs with an INVITE) and their final status, registrations and
// their outcome, derived from tshark's field extraction of every SIP
// message; RTP streams (packets, loss, SSRC) from `tshark -z rtp,streams`,
// which, like sipwarden, follows the media that SDP negotiated. Every
// difference is listed and explained below.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "agreement_support.h"
#include "net/capture_file.h"
#include "session/tracker.h"
#include "tshark_text.h"
#include "watch/capture_run.h"
#include "watch/session_feed.h"

namespace sipwarden {
namespace {

namespace fs = std::filesystem;
using agreement::run;
using agreement::split;

struct Outcomes {
    std::map<std::string, int> calls;                                       // Call-ID -> final status (0: none)
    std::map<std::string, int> registrations;                               // Call-ID -> last final status (0: none)
    std::map<std::string, std::pair<std::uint64_t, std::int64_t>> streams;  // "dst ssrc" -> packets, lost
};

class Collector : public session::EventSink {
public:
    void on_event(const session::Event& event) override {
        if (const auto* e = std::get_if<session::CallEnded>(&event)) {
            out.calls[as_tshark_prints(std::string(e->call.call_id))] = e->call.final_status;
        } else if (const auto* r = std::get_if<session::RegistrationEvent>(&event)) {
            auto& status = out.registrations[as_tshark_prints(std::string(r->registration.call_id))];
            if (r->registration.status >= 200) status = r->registration.status;
        } else if (const auto* s = std::get_if<session::MediaStreamEnded>(&event)) {
            char key[96];
            std::snprintf(key, sizeof key, "%s 0x%08x", s->stream.destination.to_string().c_str(), s->stream.ssrc);
            auto& row = out.streams[key];
            row.first += s->stream.packets;
            row.second += s->stream.lost;
        }
    }
    Outcomes out;
};

Outcomes ours(const fs::path& path) {
    Collector collector;
    auto source = net::CaptureFileReader::open(path.string());
    if (!source) return {};
    session::SessionTracker tracker(collector);
    watch::SessionFeed feed(tracker);
    watch::RunOptions options;
    options.observer = &feed;
    watch::CaptureSummary summary;
    watch::summarize(**source, nullptr, summary, options);
    tracker.finish();
    return collector.out;
}

// Reference outcomes from tshark. A call's final status: its first 2xx to
// an INVITE, else the last 3xx-6xx to its latest INVITE (the highest CSeq:
// a retry with credentials after a 401/407 starts over, with no final
// status until it gets one); a registration's: its last final response to
// a REGISTER. A frame holding both requests and responses
// (SIP over TCP) cannot be paired field by field: such frames must not
// concern INVITE or REGISTER, or the test says so.
// A CSeq number as tshark printed it; -1 when it is not one.
long cseq_number(const std::string& text) {
    if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stol(text);
}

Outcomes reference(const fs::path& path, std::vector<std::string>& problems) {
    Outcomes r;
    std::map<std::string, bool> answered;
    std::map<std::string, long> latest_invite;  // Call-ID -> highest INVITE CSeq number before an answer
    const std::string fields =
        run("tshark -n -r '" + path.string() +
            "' -Y 'sip && !icmp && !icmpv6' -T fields -e frame.number -e sip.Call-ID -e sip.CSeq.method"
            " -e sip.Method -e sip.Status-Code -e sip.CSeq.seq -E occurrence=a -E 'aggregator=\x1f' 2>/dev/null");
    for (const auto& line : split(fields, '\n')) {
        const auto f = split(line, '\t');
        if (f.size() < 6) continue;
        const auto ids = split(f[1], '\x1f'), cseq = split(f[2], '\x1f'), numbers = split(f[5], '\x1f');
        auto methods = split(f[3], '\x1f'), statuses = split(f[4], '\x1f');
        std::erase(methods, std::string());
        std::erase(statuses, std::string());
        if (methods.size() + statuses.size() != ids.size() || cseq.size() != ids.size() ||
            numbers.size() != ids.size()) {
            if (f[2].find("INVITE") != std::string::npos || f[2].find("REGISTER") != std::string::npos) {
                problems.push_back("frame " + f[0] + ": fields of INVITE/REGISTER messages do not line up");
            }
            continue;
        }
        // tshark lists a frame's methods, then its status codes: walk the
        // messages in order, taking a request when the next method is the
        // message's CSeq method (a response to a request of the same method
        // in the same frame would be taken wrongly; the counts then differ).
        const bool mixed = !methods.empty() && !statuses.empty();
        std::size_t next_method = 0, next_status = 0;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const auto& id = ids[i];
            if (next_method < methods.size() && (!mixed || methods[next_method] == cseq[i])) {
                const auto& method = methods[next_method++];
                if (method == "INVITE") {
                    r.calls.emplace(id, 0);
                    const long number = cseq_number(numbers[i]);
                    auto [latest, first] = latest_invite.emplace(id, number);
                    if (!first && number > latest->second && !answered[id]) {
                        latest->second = number;
                        r.calls[id] = 0;
                    }
                }
                if (method == "REGISTER") r.registrations.emplace(id, 0);
                continue;
            }
            if (next_status >= statuses.size()) {
                if (f[2].find("INVITE") != std::string::npos || f[2].find("REGISTER") != std::string::npos) {
                    problems.push_back("frame " + f[0] + ": cannot pair its messages with tshark's fields");
                }
                break;
            }
            const int status = std::stoi(statuses[next_status++]);
            // A capture point may see a response before its request (the
            // retry's 403 before the retry): the response's CSeq counts as
            // seen, and the request then does not start over.
            if (cseq[i] == "INVITE" && r.calls.count(id) && status >= 200 && !answered[id] &&
                cseq_number(numbers[i]) >= latest_invite[id]) {
                latest_invite[id] = cseq_number(numbers[i]);
                r.calls[id] = status;
                answered[id] = status < 300;
            }
            if (cseq[i] == "REGISTER" && r.registrations.count(id) && status >= 200) r.registrations[id] = status;
        }
    }
    // RTP streams: "Start End SrcIP SrcPort DstIP DstPort SSRC Payload Pkts Lost ...".
    std::istringstream table(run("tshark -n -r '" + path.string() + "' -q -z rtp,streams 2>/dev/null"));
    std::string row;
    while (std::getline(table, row)) {
        std::istringstream words(row);
        std::string start, end, src, sport, dst, dport, ssrc, payload, packets, lost;
        if (!(words >> start >> end >> src >> sport >> dst >> dport >> ssrc) || ssrc.rfind("0x", 0) != 0) continue;
        // The payload column may hold several words ("g711U", "telephone-event"...): the packet count is the first
        // number after it.
        std::vector<std::string> rest;
        for (std::string w; words >> w;) rest.push_back(w);
        std::size_t at = 0;
        while (at < rest.size() && rest[at].find_first_not_of("0123456789") != std::string::npos) ++at;
        if (at + 1 >= rest.size()) continue;
        const std::string destination =
            dst.find(':') != std::string::npos ? "[" + dst + "]:" + dport : dst + ":" + dport;
        std::string id = ssrc;
        for (std::size_t i = 2; i < id.size(); ++i)
            id[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(id[i])));
        auto& stream = r.streams[destination + " " + id];
        stream.first += std::stoull(rest[at]);
        stream.second += std::stoll(rest[at + 1]);
    }
    return r;
}

std::vector<fs::path> captures() {
    // tshark 4.0 has no HEP dissector: the hep folder is left out.
    return agreement::find_captures({SIPWARDEN_SOURCE_DIR "/tests/data/pcaps",
                                     SIPWARDEN_SOURCE_DIR "/examples/captures", SIPWARDEN_SHARED_DIR "/corpus/pcaps"},
                                    "hep");
}

// Differences that are understood. Each is checked: the two sides must
// differ exactly as stated.
constexpr std::string_view k_fuzzed_sdp =
    "fuzzed capture: the 183 carrying this SDP has a corrupted Call-ID that matches no INVITE; tshark takes SDP from "
    "any message, sipwarden only within a call it follows (the packets count as unsolicited media)";
struct Explained {
    std::string_view file;
    std::string_view what;    // "call", "registration" or "stream"
    std::string_view key;     // Call-ID or "dst ssrc"
    std::string_view ours;    // our value as text ("-" when absent)
    std::string_view theirs;  // tshark's value as text
    std::string_view why;
};

constexpr std::string_view k_not_sip_signalled = "RTP set up by other signalling, which sipwarden does not follow";

const Explained k_explained[] = {
    {"digium.pcap", "call", "2e48d1153c4ad9145ace323d4fb6eb55@172.16.8.103", "200", "0",
     "the callee's responses end the Call-ID line with CR CR LF: tshark takes the stray CR as the end of the "
     "headers and loses CSeq, so it cannot tie the 200 to the INVITE"},
    {"SIP-Bruteforce-Single-IP.pcap", "registration", "ciokkotnwnqjboqymaogmfrauxpfprpcllwqtynnwpmwyhnhvk", "401", "-",
     "sent from UDP port 1293, which tshark decodes as PacketCable by port number; the datagrams are SIP"},
    {"FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", "stream", "10.23.1.52:16756 0x0eaf0eaf", "159/0", "132/1712",
     "the switch of this port to T.38 (UDPTL) is negotiated in MGCP, whose SDP tshark follows; in SIP the port "
     "stays RTP, so sipwarden counts the 27 UDPTL datagrams (which parse as RTP) and treats their far sequence "
     "numbers as jumps (RFC 3550 A.1), not as 1712 losses"},
    {"fuzz-2006-06-26-2594.pcap", "registration",
     "578222729-4665d775@\xEF\xBF\xBD"
     "78222732-4665d772",
     "0", "-",
     "fuzzed REGISTER (frame 441, 'From\\x1a' instead of 'From:'): tshark does not take the datagram for SIP, "
     "sipwarden parses it with anomalies (see the message agreement test)"},
    {"fuzz-2006-06-26-2594.pcap", "stream", "212.242.33.36:40392 0x37968baa", "-", "1/0", k_fuzzed_sdp},
    {"fuzz-2006-06-26-2594.pcap", "stream", "212.242.33.36:40392 0x3796cb71", "-", "3/0", k_fuzzed_sdp},
    {"fuzz-2006-06-26-2594.pcap", "stream", "212.242.33.36:40392 0xaaaaaaaa", "-", "1/0", k_fuzzed_sdp},
    {"fuzz-2006-06-26-2594.pcap", "stream", "214.242.33.36:40392 0x3796cb71", "-", "1/0", k_fuzzed_sdp},
    {"fuzz-2006-06-26-2594.pcap", "stream", "37.115.0.36:40392 0x3796cb71", "-", "1/0", k_fuzzed_sdp},
    {"skinny.pcap", "stream", "192.168.193.24:9395 0xf6bf57e2", "-", "18/0", k_not_sip_signalled},
    {"skinny.pcap", "stream", "192.168.193.24:9396 0x1e063b22", "-", "16/0", k_not_sip_signalled},
    {"skinny.pcap", "stream", "192.168.193.24:9399 0x7c1071e8", "-", "17/0", k_not_sip_signalled},
    {"skinny.pcap", "stream", "192.168.193.24:9400 0x7c1071f3", "-", "15/0", k_not_sip_signalled},
    {"skinny.pcap", "stream", "192.168.195.50:17718 0xf6bf57dc", "-", "36/-18", k_not_sip_signalled},
    {"skinny.pcap", "stream", "192.168.195.58:32144 0x7c1071e2", "-", "33/-16", k_not_sip_signalled},
    {"stun.pcap", "stream", "142.250.82.99:3478 0xd3f9fd82", "-", "6/0",
     "WebRTC media that tshark finds through ICE/DTLS; there is no SIP in the capture"},
};

template <typename Value>
std::string text_of(const std::map<std::string, Value>& map, const std::string& key) {
    auto it = map.find(key);
    if (it == map.end()) return "-";
    if constexpr (std::is_same_v<Value, int>) {
        return std::to_string(it->second);
    } else {
        return std::to_string(it->second.first) + "/" + std::to_string(it->second.second);
    }
}

template <typename Value>
void compare(const std::string& file, std::string_view what, std::map<std::string, Value> a,
             std::map<std::string, Value> b) {
    for (const auto& e : k_explained) {
        if (e.file != file || e.what != what) continue;
        const std::string key(e.key);
        EXPECT_EQ(text_of(a, key), e.ours) << file << " " << what << " " << key << ": " << e.why;
        EXPECT_EQ(text_of(b, key), e.theirs) << file << " " << what << " " << key << ": " << e.why;
        a.erase(key);
        b.erase(key);
    }
    std::set<std::string> keys;
    for (const auto& [k, v] : a) keys.insert(k);
    for (const auto& [k, v] : b) keys.insert(k);
    for (const auto& k : keys) {
        EXPECT_EQ(text_of(a, k), text_of(b, k)) << file << " " << what << " " << k << " (sipwarden, tshark)";
    }
}

TEST(SessionAgreement, CallsRegistrationsAndStreamsPerCapture) {
    if (run("command -v tshark").empty()) GTEST_SKIP() << "tshark is not installed (tools/dev setup installs it)";
    int calls = 0, registrations = 0, streams = 0;
    for (const auto& path : captures()) {
        std::vector<std::string> problems;
        const Outcomes a = ours(path), b = reference(path, problems);
        const std::string file = path.filename().string();
        EXPECT_TRUE(problems.empty()) << file << ": " << problems.front();
        compare(file, "call", a.calls, b.calls);
        compare(file, "registration", a.registrations, b.registrations);
        compare(file, "stream", a.streams, b.streams);
        calls += static_cast<int>(b.calls.size());
        registrations += static_cast<int>(b.registrations.size());
        streams += static_cast<int>(b.streams.size());
    }
    // The corpus must exercise all three, or the comparison proves little.
    EXPECT_GT(calls, 20);
    EXPECT_GT(registrations, 5);
    EXPECT_GT(streams, 5);
}

}  // namespace
}  // namespace sipwarden
