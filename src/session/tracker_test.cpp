#include "session/tracker.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"

namespace sipwarden::session {
namespace {

// Records every event as a line of text, and the last call seen.
class Recorder : public EventSink {
public:
    void on_event(const Event& event) override {
        std::visit([&](const auto& e) { record(e); }, event);
    }
    std::vector<std::string> lines;
    struct CallCopy {
        std::string call_id, caller_user, callee_user, request_user, digest_username, user_agent, server;
        CallState state;
        EndReason reason;
        int final_status, auth_challenges, reinvites, forks, media_streams;
        double duration, setup;
        bool ringing;
    };
    std::vector<CallCopy> ended;
    std::vector<MediaStreamInfo> streams;  // views cleared
    std::vector<std::string> stream_calls;
    std::vector<RegistrationInfo> registrations;
    std::vector<std::string> registration_usernames;
    int source_changes = 0;
    std::vector<UnsolicitedMediaInfo> unsolicited_ended;
    std::vector<std::string> unsolicited_calls;

private:
    void record(const CallStarted& e) { lines.push_back("call-started " + std::string(e.call.call_id)); }
    void record(const CallAnswered& e) { lines.push_back("call-answered " + std::string(e.call.call_id)); }
    void record(const CallEnded& e) {
        lines.push_back("call-ended " + std::string(e.call.call_id) + " " + std::string(to_string(e.call.end_reason)) +
                        " " + std::to_string(e.call.final_status));
        const auto& c = e.call;
        ended.push_back({std::string(c.call_id), std::string(c.caller.user), std::string(c.callee.user),
                         std::string(c.request_user), std::string(c.digest_username), std::string(c.user_agent),
                         std::string(c.server), c.state, c.end_reason, c.final_status, c.auth_challenges, c.reinvites,
                         c.forks, c.media_streams, c.duration_s(), c.setup_s(), c.first_provisional.ns() != 0});
    }
    void record(const RegistrationEvent& e) {
        lines.push_back("register-" + std::string(to_string(e.outcome)) + " " + std::to_string(e.registration.status));
        registrations.push_back(e.registration);
        registration_usernames.emplace_back(e.registration.digest_username);
    }
    void record(const RequestSeen& e) { lines.push_back("request " + std::string(e.method)); }
    void record(const ResponseSeen& e) {
        lines.push_back("response " + std::string(e.method) + " " + std::to_string(e.status));
    }
    void record(const MediaStreamStarted&) { lines.push_back("stream-started"); }
    void record(const MediaStreamEnded& e) {
        lines.push_back("stream-ended " + std::to_string(e.stream.packets));
        streams.push_back(e.stream);
        stream_calls.emplace_back(e.stream.call_id);
    }
    void record(const MediaSourceChanged&) { ++source_changes; }
    void record(const UnsolicitedMediaStarted&) { lines.push_back("unsolicited-started"); }
    void record(const UnsolicitedMediaEnded& e) {
        lines.push_back("unsolicited-ended " + std::to_string(e.media.packets));
        unsolicited_ended.push_back(e.media);
        unsolicited_calls.emplace_back(e.media.call_id);
    }
    void record(const AnomalySeen& e) { lines.push_back("anomaly " + std::string(e.code)); }
    void record(const LimitReached& e) { lines.push_back("limit " + std::string(e.table)); }
};

core::Endpoint ep(const char* address, std::uint16_t port) { return {*core::IpAddress::parse(address), port}; }

const core::Endpoint k_alice = ep("192.0.2.10", 5060);
const core::Endpoint k_pbx = ep("192.0.2.1", 5060);
const core::Endpoint k_bob = ep("192.0.2.20", 5060);

class TrackerTest : public ::testing::Test {
protected:
    // Sends one SIP message (text with \n line ends) at time `second`.
    void sip(std::string text, const core::Endpoint& from, const core::Endpoint& to, double second) {
        std::string wire;
        for (char c : text) wire += c == '\n' ? std::string("\r\n") : std::string(1, c);
        const auto blank = wire.find("\r\n\r\n");
        if (blank != std::string::npos) {
            const auto body_size = wire.size() - blank - 4;
            const auto at = wire.find("Content-Length: 0");
            if (at != std::string::npos && at < blank)
                wire.replace(at, 17, "Content-Length: " + std::to_string(body_size));
        }
        messages.push_back(wire);
        ASSERT_TRUE(message.parse(messages.back())) << text;
        const auto body = sip::find_sdp(message);
        const bool has_sdp = !body.empty() && sdp.parse(body);
        tracker.on_sip(SipInput{message, has_sdp ? &sdp : nullptr, from, to, Transport::udp, at(second)});
    }
    // RTP of payload type `type`, timestamp `seq` * 160 unless `timestamp` is given.
    void rtp(const core::Endpoint& from, const core::Endpoint& to, std::uint32_t ssrc, std::uint16_t seq, double second,
             std::uint8_t type = 0, std::optional<std::uint32_t> timestamp = std::nullopt) {
        const std::uint32_t ts = timestamp.value_or(seq * 160u);
        std::vector<std::uint8_t> packet = {0x80,
                                            type,
                                            static_cast<std::uint8_t>(seq >> 8),
                                            static_cast<std::uint8_t>(seq),
                                            static_cast<std::uint8_t>(ts >> 24),
                                            static_cast<std::uint8_t>(ts >> 16),
                                            static_cast<std::uint8_t>(ts >> 8),
                                            static_cast<std::uint8_t>(ts),
                                            static_cast<std::uint8_t>(ssrc >> 24),
                                            static_cast<std::uint8_t>(ssrc >> 16),
                                            static_cast<std::uint8_t>(ssrc >> 8),
                                            static_cast<std::uint8_t>(ssrc)};
        packet.resize(172, 0xd5);
        packets.push_back(packet);
        tracker.on_media(MediaInput{rtp::DatagramHead::of(core::Bytes(packets.back().data(), packets.back().size())),
                                    from, to, at(second)});
    }
    static core::Timestamp at(double second) {
        return core::Timestamp::from_ns(static_cast<std::int64_t>((1'700'000'000.0 + second) * 1e9));
    }
    bool saw(const std::string& line) const {
        return std::find(recorder.lines.begin(), recorder.lines.end(), line) != recorder.lines.end();
    }
    int count(const std::string& prefix) const {
        return static_cast<int>(std::count_if(recorder.lines.begin(), recorder.lines.end(),
                                              [&](const std::string& l) { return l.rfind(prefix, 0) == 0; }));
    }

    Recorder recorder;
    Limits limits;
    SessionTracker tracker{recorder, limits};
    sip::Message message;
    sip::SessionDescription sdp;
    std::deque<std::string> messages;
    std::deque<std::vector<std::uint8_t>> packets;
};

std::string invite(const std::string& call_id, int cseq, const std::string& branch, const std::string& extra = "",
                   const std::string& body = "") {
    return "INVITE sip:+442071234567@pbx.example.com SIP/2.0\n"
           "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" +
           branch +
           "\n"
           "From: \"Alice\" <sip:alice@pbx.example.com>;tag=a1\n"
           "To: <sip:+442071234567@pbx.example.com>\n"
           "Call-ID: " +
           call_id +
           "\n"
           "CSeq: " +
           std::to_string(cseq) +
           " INVITE\n"
           "Contact: <sip:alice@192.0.2.10:5060>\n"
           "User-Agent: TestPhone/1.0\n"
           "Max-Forwards: 70\n" +
           extra +
           (body.empty() ? "Content-Length: 0\n\n" : "Content-Type: application/sdp\nContent-Length: 0\n\n" + body);
}

std::string response(int status, const std::string& reason, const std::string& call_id, int cseq,
                     const std::string& method, const std::string& branch, const std::string& to_tag = "b1",
                     const std::string& body = "") {
    return "SIP/2.0 " + std::to_string(status) + " " + reason +
           "\n"
           "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" +
           branch +
           "\n"
           "From: \"Alice\" <sip:alice@pbx.example.com>;tag=a1\n"
           "To: <sip:+442071234567@pbx.example.com>" +
           (to_tag.empty() ? "" : ";tag=" + to_tag) +
           "\n"
           "Call-ID: " +
           call_id +
           "\n"
           "CSeq: " +
           std::to_string(cseq) + " " + method +
           "\n"
           "Server: TestPBX/2.0\n" +
           (body.empty() ? "Content-Length: 0\n\n" : "Content-Type: application/sdp\nContent-Length: 0\n\n" + body);
}

std::string in_dialog(const std::string& method, const std::string& call_id, int cseq, const std::string& branch,
                      bool from_caller) {
    const std::string alice = "\"Alice\" <sip:alice@pbx.example.com>;tag=a1";
    const std::string callee = "<sip:+442071234567@pbx.example.com>;tag=b1";
    return method +
           " sip:peer@192.0.2.99 SIP/2.0\n"
           "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=" +
           branch +
           "\n"
           "From: " +
           (from_caller ? alice : callee) +
           "\n"
           "To: " +
           (from_caller ? callee : alice) +
           "\n"
           "Call-ID: " +
           call_id +
           "\n"
           "CSeq: " +
           std::to_string(cseq) + " " + method +
           "\n"
           "Max-Forwards: 70\nContent-Length: 0\n\n";
}

std::string sdp_body(const std::string& address, int port) {
    return "v=0\no=- 1 1 IN IP4 " + address + "\ns=-\nc=IN IP4 " + address + "\nt=0 0\nm=audio " +
           std::to_string(port) +
           " RTP/AVP 0 101\na=rtpmap:0 PCMU/8000\na=rtpmap:101 telephone-event/8000\na=sendrecv\n";
}

TEST_F(TrackerTest, AnsweredCallEndedByTheCaller) {
    sip(invite("c1", 1, "z9hG4bKi1"), k_alice, k_pbx, 0);
    sip(response(100, "Trying", "c1", 1, "INVITE", "z9hG4bKi1", ""), k_pbx, k_alice, 0.01);
    sip(response(180, "Ringing", "c1", 1, "INVITE", "z9hG4bKi1"), k_pbx, k_alice, 1);
    sip(response(200, "OK", "c1", 1, "INVITE", "z9hG4bKi1"), k_pbx, k_alice, 5);
    sip(in_dialog("ACK", "c1", 1, "z9hG4bKa1", true), k_alice, k_pbx, 5.1);
    sip(in_dialog("BYE", "c1", 2, "z9hG4bKb1", true), k_alice, k_pbx, 65);
    sip(response(200, "OK", "c1", 2, "BYE", "z9hG4bKb1"), k_pbx, k_alice, 65.1);
    ASSERT_EQ(recorder.ended.size(), 1u);
    const auto& call = recorder.ended[0];
    EXPECT_EQ(call.reason, EndReason::caller_bye);
    EXPECT_EQ(call.final_status, 200);
    EXPECT_DOUBLE_EQ(call.duration, 60.0);
    EXPECT_DOUBLE_EQ(call.setup, 5.0);
    EXPECT_TRUE(call.ringing);
    EXPECT_EQ(call.caller_user, "alice");
    EXPECT_EQ(call.request_user, "+442071234567");
    EXPECT_EQ(call.user_agent, "TestPhone/1.0");
    EXPECT_EQ(call.server, "TestPBX/2.0");
    EXPECT_TRUE(saw("call-answered c1"));
    EXPECT_EQ(count("request"), 0) << "INVITE/ACK/BYE are call events, not plain requests";
}

TEST_F(TrackerTest, CalleeHangsUp) {
    sip(invite("c2", 1, "z9hG4bKi2"), k_alice, k_pbx, 0);
    sip(response(200, "OK", "c2", 1, "INVITE", "z9hG4bKi2"), k_pbx, k_alice, 1);
    sip(in_dialog("BYE", "c2", 1, "z9hG4bKbye", false), k_pbx, k_alice, 11);
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].reason, EndReason::callee_bye);
}

TEST_F(TrackerTest, CancelledBeforeAnswer) {
    sip(invite("c3", 1, "z9hG4bKi3"), k_alice, k_pbx, 0);
    sip(response(180, "Ringing", "c3", 1, "INVITE", "z9hG4bKi3"), k_pbx, k_alice, 1);
    sip("CANCEL sip:+442071234567@pbx.example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKi3\n"
        "From: \"Alice\" <sip:alice@pbx.example.com>;tag=a1\nTo: <sip:+442071234567@pbx.example.com>\nCall-ID: c3\n"
        "CSeq: 1 CANCEL\nMax-Forwards: 70\nContent-Length: 0\n\n",
        k_alice, k_pbx, 3);
    sip(response(200, "OK", "c3", 1, "CANCEL", "z9hG4bKi3"), k_pbx, k_alice, 3.1);
    sip(response(487, "Request Terminated", "c3", 1, "INVITE", "z9hG4bKi3"), k_pbx, k_alice, 3.2);
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].reason, EndReason::cancelled);
    EXPECT_EQ(recorder.ended[0].final_status, 487);
}

TEST_F(TrackerTest, RejectedCall) {
    sip(invite("c4", 1, "z9hG4bKi4"), k_alice, k_pbx, 0);
    sip(response(486, "Busy Here", "c4", 1, "INVITE", "z9hG4bKi4"), k_pbx, k_alice, 2);
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].reason, EndReason::rejected);
    EXPECT_EQ(recorder.ended[0].final_status, 486);
}

TEST_F(TrackerTest, AuthenticationChallengeThenAnswer) {
    sip(invite("c5", 1, "z9hG4bKi5a"), k_alice, k_pbx, 0);
    // The challenge carries its own To tag (as Asterisk's does): no fork.
    sip(response(407, "Proxy Authentication Required", "c5", 1, "INVITE", "z9hG4bKi5a", "challenge"), k_pbx, k_alice,
        0.1);
    sip(invite("c5", 2, "z9hG4bKi5b",
               "Proxy-Authorization: Digest username=\"1001\", realm=\"pbx\", nonce=\"n\", uri=\"sip:x\", "
               "response=\"r\"\n"),
        k_alice, k_pbx, 0.2);
    EXPECT_TRUE(recorder.ended.empty()) << "a challenge that is answered does not end the call";
    sip(response(200, "OK", "c5", 2, "INVITE", "z9hG4bKi5b"), k_pbx, k_alice, 2);
    tracker.finish();
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].final_status, 200);
    EXPECT_EQ(recorder.ended[0].auth_challenges, 1);
    EXPECT_EQ(recorder.ended[0].digest_username, "1001");
    EXPECT_EQ(recorder.ended[0].reason, EndReason::capture_end);
    EXPECT_EQ(recorder.ended[0].forks, 1);
}

// RTP-looking datagrams to an address no call negotiated count as
// unsolicited media only once a second packet continues the first's SSRC and
// sequence: a lone datagram (or unrelated ones) that happens to look like RTP
// does not.
TEST_F(TrackerTest, UnsolicitedRtpNeedsASecondSequentialPacket) {
    const auto attacker = ep("198.51.100.66", 40000);
    rtp(attacker, ep("192.0.2.20", 7000), 0x1234, 10, 1);  // alone
    rtp(attacker, ep("192.0.2.20", 7002), 0x1111, 10, 1);  // two unrelated
    rtp(attacker, ep("192.0.2.20", 7002), 0x2222, 500, 1.02);
    EXPECT_EQ(count("unsolicited-started"), 0);
    rtp(attacker, ep("192.0.2.20", 7004), 0x3333, 65535, 1);  // a stream, across the wrap
    rtp(attacker, ep("192.0.2.20", 7004), 0x3333, 0, 1.02);
    rtp(attacker, ep("192.0.2.20", 7004), 0x3333, 1, 1.04);
    EXPECT_EQ(count("unsolicited-started"), 1);
    tracker.finish();
    ASSERT_EQ(recorder.unsolicited_ended.size(), 1u);
    EXPECT_EQ(recorder.unsolicited_ended[0].destination.port, 7004);
    EXPECT_EQ(recorder.unsolicited_ended[0].packets, 3u);
    EXPECT_EQ(tracker.stats().media.unsolicited_packets, 3u);
    EXPECT_EQ(tracker.stats().media.other_udp, 3u);
}

// SSRCs beyond max_ssrcs_per_flow are not tracked; their changes are still
// counted once per change, not once per packet.
TEST_F(TrackerTest, SsrcChangesBeyondTheLimitAreCountedPerChange) {
    sip(invite("s1", 1, "z9hG4bKs1", "", sdp_body("192.0.2.10", 4000)), k_alice, k_pbx, 0);
    sip(response(200, "OK", "s1", 1, "INVITE", "z9hG4bKs1", "b1", sdp_body("192.0.2.20", 5000)), k_pbx, k_alice, 1);
    double t = 1;
    std::uint32_t ssrc = 0x100;
    for (std::size_t n = 0; n < limits.max_ssrcs_per_flow; ++n, ++ssrc)
        for (std::uint16_t seq = 1; seq <= 3; ++seq)
            rtp(ep("192.0.2.10", 4000), ep("192.0.2.20", 5000), ssrc, seq, t += 0.02);
    for (std::uint32_t extra : {0x900u, 0x901u})
        for (std::uint16_t seq = 1; seq <= 20; ++seq)
            rtp(ep("192.0.2.10", 4000), ep("192.0.2.20", 5000), extra, seq, t += 0.02);
    tracker.finish();
    ASSERT_FALSE(recorder.streams.empty());
    for (const auto& s : recorder.streams) EXPECT_EQ(s.ssrc_changes, limits.max_ssrcs_per_flow - 1 + 2);
}

TEST_F(TrackerTest, ChallengeWithoutRetryEndsAsRejected) {
    sip(invite("c6", 1, "z9hG4bKi6"), k_alice, k_pbx, 0);
    sip(response(401, "Unauthorized", "c6", 1, "INVITE", "z9hG4bKi6"), k_pbx, k_alice, 0.1);
    tracker.advance(at(60));
    EXPECT_TRUE(recorder.ended.empty()) << "a person may take a while to type a password";
    tracker.advance(at(181));
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].reason, EndReason::rejected);
    EXPECT_EQ(recorder.ended[0].final_status, 401);
}

TEST_F(TrackerTest, SlowRetryAfterAChallengeContinuesTheCall) {
    // Regression: a softphone that asked its user for a password retried 51 s later.
    sip(invite("c10", 1, "z9hG4bKs1"), k_alice, k_pbx, 0);
    sip(response(407, "Proxy Authentication Required", "c10", 1, "INVITE", "z9hG4bKs1"), k_pbx, k_alice, 0.2);
    sip(invite("c10", 2, "z9hG4bKs2",
               "Proxy-Authorization: Digest username=\"2002\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"\n"),
        k_alice, k_pbx, 51);
    sip(response(403, "Forbidden", "c10", 2, "INVITE", "z9hG4bKs2"), k_pbx, k_alice, 51.2);
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].final_status, 403);
    EXPECT_EQ(recorder.ended[0].digest_username, "2002");
}

// Regression: the 407 of the first INVITE stayed the call's final status
// when the retry with credentials never got a final response.
TEST_F(TrackerTest, UnansweredRetryAfterAChallengeHasNoFinalStatus) {
    sip(invite("c11", 1, "z9hG4bKu1"), k_alice, k_pbx, 0);
    sip(response(407, "Proxy Authentication Required", "c11", 1, "INVITE", "z9hG4bKu1"), k_pbx, k_alice, 0.1);
    sip(invite("c11", 2, "z9hG4bKu2",
               "Proxy-Authorization: Digest username=\"2002\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"x\"\n"),
        k_alice, k_pbx, 0.2);
    sip(response(100, "Trying", "c11", 2, "INVITE", "z9hG4bKu2"), k_pbx, k_alice, 0.3);
    // A late copy of the challenge changes nothing.
    sip(response(407, "Proxy Authentication Required", "c11", 1, "INVITE", "z9hG4bKu1"), k_pbx, k_alice, 0.4);
    tracker.advance(at(200));
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].reason, EndReason::setup_timeout);
    EXPECT_EQ(recorder.ended[0].final_status, 0);
    EXPECT_EQ(recorder.ended[0].auth_challenges, 1);
    EXPECT_EQ(recorder.ended[0].digest_username, "2002");
}

TEST_F(TrackerTest, NoFinalResponseTimesOut) {
    sip(invite("c7", 1, "z9hG4bKi7"), k_alice, k_pbx, 0);
    tracker.advance(at(179));
    EXPECT_TRUE(recorder.ended.empty());
    tracker.advance(at(181));
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].reason, EndReason::setup_timeout);
}

TEST_F(TrackerTest, RetransmissionsAreRecognised) {
    sip(invite("c8", 1, "z9hG4bKi8"), k_alice, k_pbx, 0);
    sip(invite("c8", 1, "z9hG4bKi8"), k_alice, k_pbx, 0.5);
    sip(response(200, "OK", "c8", 1, "INVITE", "z9hG4bKi8"), k_pbx, k_alice, 1);
    sip(response(200, "OK", "c8", 1, "INVITE", "z9hG4bKi8"), k_pbx, k_alice, 1.5);
    EXPECT_EQ(count("call-started"), 1);
    EXPECT_EQ(count("call-answered"), 1);
    const auto stats = tracker.stats();
    EXPECT_EQ(stats.transactions.request_retransmissions, 1u);
    EXPECT_EQ(stats.transactions.response_retransmissions, 1u);
}

TEST_F(TrackerTest, ReinviteAndForks) {
    sip(invite("c9", 1, "z9hG4bKi9"), k_alice, k_pbx, 0);
    sip(response(180, "Ringing", "c9", 1, "INVITE", "z9hG4bKi9", "fork1"), k_pbx, k_alice, 0.5);
    sip(response(180, "Ringing", "c9", 1, "INVITE", "z9hG4bKi9", "fork2"), k_pbx, k_alice, 0.6);
    sip(response(200, "OK", "c9", 1, "INVITE", "z9hG4bKi9", "fork2"), k_pbx, k_alice, 1);
    sip("INVITE sip:peer@192.0.2.99 SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKre\n"
        "From: \"Alice\" <sip:alice@pbx.example.com>;tag=a1\nTo: <sip:+442071234567@pbx.example.com>;tag=fork2\n"
        "Call-ID: c9\nCSeq: 2 INVITE\nContact: <sip:alice@192.0.2.10>\nMax-Forwards: 70\nContent-Length: 0\n\n",
        k_alice, k_pbx, 30);
    sip(response(491, "Request Pending", "c9", 2, "INVITE", "z9hG4bKre", "fork2"), k_pbx, k_alice, 30.1);
    tracker.finish();
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].reinvites, 1);
    EXPECT_EQ(recorder.ended[0].forks, 2);
    EXPECT_EQ(recorder.ended[0].final_status, 200) << "a failed re-INVITE does not change the call's outcome";
}

std::string register_request(const std::string& call_id, int cseq, const std::string& branch,
                             const std::string& auth = "") {
    return "REGISTER sip:pbx.example.com SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch +
           "\nFrom: <sip:1001@pbx.example.com>;tag=r1\nTo: <sip:1001@pbx.example.com>\nCall-ID: " + call_id +
           "\nCSeq: " + std::to_string(cseq) +
           " REGISTER\nContact: <sip:1001@192.0.2.10:5060>;expires=3600\n"
           "User-Agent: TestPhone/1.0\nMax-Forwards: 70\n" +
           auth + "Content-Length: 0\n\n";
}

std::string register_response(int status, const std::string& call_id, int cseq, const std::string& branch,
                              const std::string& extra = "") {
    return "SIP/2.0 " + std::to_string(status) + " X\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=" + branch +
           "\nFrom: <sip:1001@pbx.example.com>;tag=r1\nTo: <sip:1001@pbx.example.com>;tag=t\nCall-ID: " + call_id +
           "\nCSeq: " + std::to_string(cseq) + " REGISTER\n" + extra + "Content-Length: 0\n\n";
}

TEST_F(TrackerTest, RegistrationChallengeAndSuccess) {
    sip(register_request("r1", 1, "z9hG4bKr1"), k_alice, k_pbx, 0);
    sip(register_response(401, "r1", 1, "z9hG4bKr1", "WWW-Authenticate: Digest realm=\"office\", nonce=\"abc\"\n"),
        k_pbx, k_alice, 0.1);
    sip(register_request("r1", 2, "z9hG4bKr2",
                         "Authorization: Digest username=\"1001\", realm=\"office\", nonce=\"abc\", uri=\"sip:pbx\", "
                         "response=\"x\"\n"),
        k_alice, k_pbx, 0.2);
    sip(register_response(200, "r1", 2, "z9hG4bKr2", "Contact: <sip:1001@192.0.2.10:5060>;expires=600\n"), k_pbx,
        k_alice, 0.3);
    ASSERT_EQ(recorder.registrations.size(), 4u);
    EXPECT_TRUE(saw("register-attempted 0"));
    EXPECT_TRUE(saw("register-challenged 401"));
    EXPECT_TRUE(saw("register-succeeded 200"));
    EXPECT_FALSE(recorder.registrations[0].with_credentials);
    EXPECT_TRUE(recorder.registrations[2].with_credentials);
    EXPECT_EQ(recorder.registration_usernames[2], "1001");
    EXPECT_EQ(recorder.registrations[3].attempt, 2);
    EXPECT_EQ(recorder.registrations[3].expires, 600);
}

TEST_F(TrackerTest, RegistrationRefused) {
    sip(register_request(
            "r2", 1, "z9hG4bKr3",
            "Authorization: Digest username=\"1001\", realm=\"o\", nonce=\"n\", uri=\"u\", response=\"bad\"\n"),
        k_alice, k_pbx, 0);
    sip(register_response(403, "r2", 1, "z9hG4bKr3"), k_pbx, k_alice, 0.1);
    EXPECT_TRUE(saw("register-failed 403"));
}

// Regression: a wrong password answered with a new 401 (as PJSIP and
// Kamailio answer it, where others send 403) counted as one more challenge,
// so a password-guessing run against such a registrar showed no failure.
// A 401/407 to a REGISTER that answered a challenge fails it, unless it
// only says the nonce went stale; an IMS device's first REGISTER, with an
// Authorization whose nonce and response are empty, is still challenged.
TEST_F(TrackerTest, ChallengeToCredentialsIsAFailureUnlessStale) {
    const std::string challenge = "WWW-Authenticate: Digest realm=\"office\", nonce=\"abc\"\n";
    const std::string answer =
        "Authorization: Digest username=\"1001\", realm=\"office\", nonce=\"abc\", uri=\"sip:pbx\", response=\"x\"\n";
    sip(register_request("g1", 1, "z9hG4bKg1"), k_alice, k_pbx, 0);
    sip(register_response(401, "g1", 1, "z9hG4bKg1", challenge), k_pbx, k_alice, 0.1);
    sip(register_request("g1", 2, "z9hG4bKg2", answer), k_alice, k_pbx, 0.2);
    sip(register_response(401, "g1", 2, "z9hG4bKg2", challenge), k_pbx, k_alice, 0.3);  // wrong password
    sip(register_request("g1", 3, "z9hG4bKg3", answer), k_alice, k_pbx, 0.4);
    sip(register_response(401, "g1", 3, "z9hG4bKg3",
                          "WWW-Authenticate: Digest realm=\"office\", nonce=\"def\", stale=TRUE\n"),
        k_pbx, k_alice, 0.5);
    sip(register_request("ims", 1, "z9hG4bKi1",
                         "Authorization: Digest username=\"1002@ims\", realm=\"ims\", nonce=\"\", uri=\"sip:ims\", "
                         "response=\"\"\n"),
        k_alice, k_pbx, 1);
    sip(register_response(401, "ims", 1, "z9hG4bKi1", challenge), k_pbx, k_alice, 1.1);
    std::vector<std::string> outcomes;
    for (const auto& line : recorder.lines)
        if (line.rfind("register-", 0) == 0 && line.rfind("register-attempted", 0) != 0) outcomes.push_back(line);
    EXPECT_EQ(outcomes, (std::vector<std::string>{"register-challenged 401", "register-failed 401",
                                                  "register-challenged 401", "register-challenged 401"}));
}

TEST_F(TrackerTest, OtherRequestsAndTheirResponses) {
    sip("OPTIONS sip:100@192.0.2.1 SIP/2.0\nVia: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKo1\nFrom: "
        "<sip:scan@x>;tag=s\n"
        "To: <sip:100@192.0.2.1>\nCall-ID: o1\nCSeq: 1 OPTIONS\nUser-Agent: friendly-scanner\nMax-Forwards: "
        "70\nContent-Length: 0\n\n",
        ep("203.0.113.5", 5060), k_pbx, 0);
    sip("SIP/2.0 404 Not Found\nVia: SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKo1\nFrom: <sip:scan@x>;tag=s\n"
        "To: <sip:100@192.0.2.1>;tag=x\nCall-ID: o1\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n",
        k_pbx, ep("203.0.113.5", 5060), 0.1);
    EXPECT_TRUE(saw("request OPTIONS"));
    EXPECT_TRUE(saw("response OPTIONS 404"));
}

TEST_F(TrackerTest, CallTableIsBounded) {
    limits.max_calls = 10;
    SessionTracker bounded(recorder, limits);
    for (int i = 0; i < 100; ++i) {
        messages.push_back("INVITE sip:1@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK" + std::to_string(i) +
                           "\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:1@x>\r\nCall-ID: flood" + std::to_string(i) +
                           "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        ASSERT_TRUE(message.parse(messages.back()));
        bounded.on_sip(SipInput{message, nullptr, k_alice, k_pbx, Transport::udp, at(i * 0.01)});
    }
    EXPECT_EQ(bounded.stats().calls.started, 10u);
    EXPECT_EQ(bounded.stats().calls.limit_reached, 90u);
    EXPECT_EQ(count("limit calls"), 90);
    // After the setup timeout and the linger, the table is empty again.
    bounded.advance(at(200));
    bounded.advance(at(240));
    EXPECT_EQ(bounded.stats().calls_tracked, 0u);
}

TEST_F(TrackerTest, UniqueCallIdFloodKeepsStateBounded) {
    // 50,000 INVITEs with unique Call-IDs, 500 per second: calls expire
    // after the setup timeout, so the table holds about 180 s of them.
    std::string text;
    for (int i = 0; i < 50000; ++i) {
        text = "INVITE sip:1@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bKf" + std::to_string(i) +
               "\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:1@x>\r\nCall-ID: u" + std::to_string(i) +
               "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        ASSERT_TRUE(message.parse(text));
        tracker.on_sip(SipInput{message, nullptr, k_alice, k_pbx, Transport::udp, at(i / 500.0)});
    }
    const auto stats = tracker.stats();
    EXPECT_LE(stats.calls_tracked_peak, 500u * (180 + 32 + 2));
    EXPECT_LE(stats.transactions_tracked_peak, 500u * (32 + 2));
    EXPECT_EQ(stats.calls.started, 50000u);
}

TEST_F(TrackerTest, MediaNegotiatedAndMeasured) {
    sip(invite("m1", 1, "z9hG4bKm1", "", sdp_body("192.0.2.10", 4000)), k_alice, k_pbx, 0);
    sip(response(200, "OK", "m1", 1, "INVITE", "z9hG4bKm1", "b1", sdp_body("192.0.2.20", 5000)), k_pbx, k_alice, 1);
    for (std::uint16_t seq = 1; seq <= 50; ++seq) {
        rtp(ep("192.0.2.10", 4000), ep("192.0.2.20", 5000), 0x1111, seq, 1 + seq * 0.02);
        if (seq != 25) rtp(ep("192.0.2.20", 5000), ep("192.0.2.10", 4000), 0x2222, seq, 1 + seq * 0.02);  // one lost
    }
    // An attacker sprays the callee's port from elsewhere (RTP bleed/injection).
    rtp(ep("198.51.100.66", 40000), ep("192.0.2.20", 5000), 0x1111, 51, 2.1);
    // RTP to a port nobody negotiated.
    for (std::uint16_t seq = 1; seq <= 5; ++seq)
        rtp(ep("198.51.100.66", 40000), ep("192.0.2.20", 7000), 0x9999, seq, 2 + seq * 0.02);
    sip(in_dialog("BYE", "m1", 2, "z9hG4bKmb", true), k_alice, k_pbx, 3);
    rtp(ep("192.0.2.20", 5000), ep("192.0.2.10", 4000), 0x2222, 51, 3.5);  // after the end
    tracker.advance(at(100));
    ASSERT_EQ(recorder.streams.size(), 2u);
    const MediaStreamInfo* to_callee = nullptr;
    const MediaStreamInfo* to_caller = nullptr;
    for (const auto& s : recorder.streams) (s.destination.port == 5000 ? to_callee : to_caller) = &s;
    ASSERT_TRUE(to_callee && to_caller);
    EXPECT_EQ(to_callee->packets, 51u);
    EXPECT_EQ(to_callee->ssrc, 0x1111u);
    EXPECT_EQ(to_callee->codec, "PCMU");
    EXPECT_EQ(to_callee->expected_source.port, 4000);
    EXPECT_EQ(to_caller->packets, 50u);
    EXPECT_EQ(to_caller->lost, 1);
    EXPECT_EQ(to_caller->after_end, 1u);
    EXPECT_EQ(recorder.source_changes, 1);
    EXPECT_EQ(recorder.stream_calls[0], "m1");
    ASSERT_FALSE(recorder.unsolicited_ended.empty());
    bool unnegotiated = false, after_call = false;
    for (std::size_t i = 0; i < recorder.unsolicited_ended.size(); ++i) {
        const auto& u = recorder.unsolicited_ended[i];
        if (u.destination.port == 7000 && u.packets == 5 && !u.after_call) unnegotiated = true;
        if (u.destination.port == 4000 && u.after_call) {
            after_call = true;
            // Regression: the end event (written by the report) lacked the Call-ID the start event had.
            EXPECT_EQ(recorder.unsolicited_calls[i], "m1");
        }
    }
    EXPECT_TRUE(unnegotiated);
    EXPECT_TRUE(after_call);
    ASSERT_EQ(recorder.ended.size(), 1u);
    EXPECT_EQ(recorder.ended[0].media_streams, 2);
}

// Regression: a UAS answering every call on one address (sipp -rtp_echo,
// a media server) made concurrent calls share one flow: their packets,
// all with the SSRC of the same replayed audio, became one stream with a
// source change per packet. Each call keeps its own; once a call has
// ended, a new call announcing the address takes it over.
TEST_F(TrackerTest, CallsAnsweredOnOneAddressKeepTheirOwnStreams) {
    const auto call = [&](const std::string& id, int caller_port, double second) {
        sip(invite(id, 1, "z9hG4bK" + id, "", sdp_body("192.0.2.10", caller_port)), k_alice, k_pbx, second);
        sip(response(200, "OK", id, 1, "INVITE", "z9hG4bK" + id, "b1", sdp_body("192.0.2.20", 6200)), k_pbx, k_alice,
            second + 0.1);
    };
    call("s1", 4000, 0);
    call("s2", 4002, 0.5);
    for (std::uint16_t seq = 1; seq <= 30; ++seq) {
        const double t = 1 + seq * 0.02;
        rtp(ep("192.0.2.10", 4000), ep("192.0.2.20", 6200), 0x5555, seq, t);
        rtp(ep("192.0.2.10", 4002), ep("192.0.2.20", 6200), 0x5555, static_cast<std::uint16_t>(seq + 1000), t);
        rtp(ep("192.0.2.20", 6200), ep("192.0.2.10", 4000), 0x5555, seq, t);
        if (seq <= 20) rtp(ep("192.0.2.20", 6200), ep("192.0.2.10", 4002), 0x5555, seq, t);
    }
    sip(in_dialog("BYE", "s1", 2, "z9hG4bKs1b", true), k_alice, k_pbx, 2);
    call("s3", 4004, 3);  // s1 has ended: the address is s3's now (s2 still shares it)
    for (std::uint16_t seq = 1; seq <= 5; ++seq)
        rtp(ep("192.0.2.10", 4004), ep("192.0.2.20", 6200), 0x7777, seq, 4 + seq * 0.02);
    tracker.finish();
    EXPECT_EQ(recorder.source_changes, 0);
    std::map<std::string, std::vector<std::uint64_t>> to_callee, to_caller;
    for (std::size_t i = 0; i < recorder.streams.size(); ++i) {
        const auto& s = recorder.streams[i];
        (s.destination.port == 6200 ? to_callee : to_caller)[recorder.stream_calls[i]].push_back(s.packets);
        EXPECT_EQ(s.lost, 0) << recorder.stream_calls[i];
        EXPECT_EQ(s.sequence_jumps, 0u) << recorder.stream_calls[i];
    }
    EXPECT_EQ(to_callee["s1"], std::vector<std::uint64_t>{30});
    EXPECT_EQ(to_callee["s2"], std::vector<std::uint64_t>{30});
    EXPECT_EQ(to_callee["s3"], std::vector<std::uint64_t>{5});
    EXPECT_EQ(to_caller["s1"], std::vector<std::uint64_t>{30});
    EXPECT_EQ(to_caller["s2"], std::vector<std::uint64_t>{20});
}

// Many calls on one address: each is filed apart (one probe run per lookup
// however many share it), and when the first of them ends, another takes
// its place, so every call still gets exactly its own packets.
TEST_F(TrackerTest, ManyCallsOnOneAddressEachGetTheirOwnPackets) {
    constexpr int k_calls = 60;
    const auto id = [](int n) { return "many-" + std::to_string(n); };
    const auto port = [](int n) { return static_cast<std::uint16_t>(10000 + 2 * n); };
    const auto start = [&](int n, double second) {
        sip(invite(id(n), 1, "z9hG4bK" + id(n), "", sdp_body("192.0.2.10", port(n))), k_alice, k_pbx, second);
        sip(response(200, "OK", id(n), 1, "INVITE", "z9hG4bK" + id(n), "b1", sdp_body("192.0.2.20", 6200)), k_pbx,
            k_alice, second);
    };
    const auto talk = [&](int n, std::uint16_t first_seq, int count, double second) {
        for (int k = 0; k < count; ++k) {
            const auto seq = static_cast<std::uint16_t>(first_seq + k);
            rtp(ep("192.0.2.10", port(n)), ep("192.0.2.20", 6200), 0x5555, seq, second + k * 0.02);
        }
    };
    for (int n = 0; n < k_calls; ++n) start(n, 0.01 * n);
    for (int n = 0; n < k_calls; ++n) talk(n, 1, 3, 1);
    // The first half hang up, the first of all among them; new calls come.
    for (int n = 0; n < k_calls / 2; ++n)
        sip(in_dialog("BYE", id(n), 2, "z9hG4bKbye" + id(n), true), k_alice, k_pbx, 2);
    for (int n = k_calls; n < k_calls + 10; ++n) start(n, 3);
    for (int n = k_calls / 2; n < k_calls + 10; ++n) talk(n, 100, 4, 4);
    tracker.finish();
    std::map<std::string, std::uint64_t> to_address;
    for (std::size_t i = 0; i < recorder.streams.size(); ++i) {
        if (recorder.streams[i].destination.port == 6200)
            to_address[recorder.stream_calls[i]] += recorder.streams[i].packets;
    }
    for (int n = 0; n < k_calls + 10; ++n) {
        const std::uint64_t expected = n < k_calls / 2 ? 3 : (n < k_calls ? 7 : 4);
        EXPECT_EQ(to_address[id(n)], expected) << id(n);
    }
    EXPECT_EQ(recorder.source_changes, 0);
    EXPECT_EQ(count("unsolicited"), 0);
}

// Regression: RFC 4733 events mapped by the SDP (telephone-event/8000) were
// given their clock for the jitter, though every packet of an event keeps
// the event's start timestamp: a DTMF digit in a stream of its own (SIPp
// replays one) showed 7 ms of jitter, and one within the audio stream
// pushed the call's jitter up. Events are left out of the jitter.
TEST_F(TrackerTest, TelephoneEventsAreLeftOutOfTheJitter) {
    sip(invite("t1", 1, "z9hG4bKt1", "", sdp_body("192.0.2.10", 4000)), k_alice, k_pbx, 0);
    sip(response(200, "OK", "t1", 1, "INVITE", "z9hG4bKt1", "b1", sdp_body("192.0.2.20", 5000)), k_pbx, k_alice, 1);
    const auto from = ep("192.0.2.10", 4000), to = ep("192.0.2.20", 5000);
    for (std::uint16_t seq = 1; seq <= 30; ++seq) {
        const double t = 1 + seq * 0.02;
        if (seq > 10 && seq <= 20) {
            rtp(from, to, 0x1111, seq, t, 101, 10 * 160);  // one digit within the audio stream
            rtp(from, to, 0x2222, seq, t, 101, 7 * 160);   // and one in a stream of its own
        } else {
            rtp(from, to, 0x1111, seq, t);
        }
    }
    tracker.finish();
    ASSERT_EQ(recorder.streams.size(), 2u);
    for (const auto& s : recorder.streams) {
        EXPECT_LT(s.max_jitter_ms, 0.01) << s.ssrc;
        EXPECT_EQ(s.lost, 0) << s.ssrc;
    }
}

// Regression: the RTCP BYE that endpoints (baresip) send right after the
// SIP BYE was reported as unsolicited media after the call; other RTCP
// after the call still is.
TEST_F(TrackerTest, RtcpByeAfterTheCallIsNotUnsolicited) {
    sip(invite("m9", 1, "z9hG4bKm9", "", sdp_body("192.0.2.10", 4000)), k_alice, k_pbx, 0);
    sip(response(200, "OK", "m9", 1, "INVITE", "z9hG4bKm9", "b9", sdp_body("192.0.2.20", 5000)), k_pbx, k_alice, 1);
    for (std::uint16_t seq = 1; seq <= 5; ++seq)
        rtp(ep("192.0.2.10", 4000), ep("192.0.2.20", 5000), 0x1111, seq, 1 + seq * 0.02);
    sip(in_dialog("BYE", "m9", 2, "z9hG4bKm9b", true), k_alice, k_pbx, 2);
    // RTCP to the callee's RTCP port (5001): BYE + SDES, then an RR with SDES.
    auto rtcp = [&](std::vector<std::uint8_t> packet, double second) {
        packets.push_back(std::move(packet));
        tracker.on_media(MediaInput{rtp::DatagramHead::of(core::Bytes(packets.back().data(), packets.back().size())),
                                    ep("192.0.2.10", 4001), ep("192.0.2.20", 5001), at(second)});
    };
    const std::vector<std::uint8_t> sdes = {0x81, 202, 0, 3, 0, 0, 0x11, 0x11, 1, 3, 'a', '@', 'b', 0, 0, 0};
    std::vector<std::uint8_t> goodbye = {0x81, 203, 0, 1, 0, 0, 0x11, 0x11};
    goodbye.insert(goodbye.end(), sdes.begin(), sdes.end());
    rtcp(goodbye, 2.001);
    tracker.advance(at(10));
    EXPECT_EQ(count("unsolicited-started"), 0);
    std::vector<std::uint8_t> report = {0x80, 201, 0, 1, 0, 0, 0x11, 0x11};
    report.insert(report.end(), sdes.begin(), sdes.end());
    rtcp(report, 12);
    tracker.advance(at(100));
    ASSERT_EQ(recorder.unsolicited_ended.size(), 1u);
    EXPECT_TRUE(recorder.unsolicited_ended[0].after_call);
    EXPECT_EQ(recorder.unsolicited_ended[0].packets, 1u);
}

TEST_F(TrackerTest, PortZeroInAReinviteRemovesTheFlow) {
    sip(invite("m2", 1, "z9hG4bKm2", "", sdp_body("192.0.2.10", 4002)), k_alice, k_pbx, 0);
    sip(response(200, "OK", "m2", 1, "INVITE", "z9hG4bKm2", "b1", sdp_body("192.0.2.20", 5002)), k_pbx, k_alice, 1);
    rtp(ep("192.0.2.10", 4002), ep("192.0.2.20", 5002), 0x1, 1, 1.1);
    rtp(ep("192.0.2.10", 4002), ep("192.0.2.20", 5002), 0x1, 2, 1.12);
    std::string reinvite =
        "INVITE sip:peer@192.0.2.20 SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKm2r\n"
        "From: \"Alice\" <sip:alice@pbx.example.com>;tag=a1\nTo: <sip:+442071234567@pbx.example.com>;tag=b1\n"
        "Call-ID: m2\nCSeq: 2 INVITE\nMax-Forwards: 70\nContent-Type: application/sdp\nContent-Length: 0\n\n";
    sip(reinvite + "v=0\no=- 1 2 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 0 RTP/AVP 0\n", k_alice,
        k_pbx, 10);
    sip(response(200, "OK", "m2", 2, "INVITE", "z9hG4bKm2r", "b1",
                 "v=0\no=- 1 2 IN IP4 192.0.2.20\ns=-\nc=IN IP4 192.0.2.20\nt=0 0\nm=audio 0 RTP/AVP 0\n"),
        k_pbx, k_alice, 10.1);
    EXPECT_EQ(count("stream-ended"), 1) << "the callee's flow ended with the port-0 answer";
    for (std::uint16_t seq = 3; seq < 6; ++seq)
        rtp(ep("192.0.2.10", 4002), ep("192.0.2.20", 5002), 0x1, seq, 11 + seq * 0.02);
    tracker.finish();
    EXPECT_EQ(count("unsolicited-ended"), 1) << "media to a withdrawn port is unsolicited";
}

TEST_F(TrackerTest, AnomaliesBecomeEvents) {
    sip("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bKan\nFrom: <sip:x@y>;tag=1\nTo: <sip:a@b>\n"
        "Call-ID: an1\nCSeq: 1 INVITE\nMax-Forwards: 70\nContent-Length: 0\n\n",
        k_alice, k_pbx, 0);
    EXPECT_TRUE(saw("anomaly sip.cseq_method_mismatch"));
}

}  // namespace
}  // namespace sipwarden::session
