#include "watch/capture_run.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <fstream>

#include "net/capture_file.h"
#include "net/packet_builder_test_support.h"
#include "watch/summary_report.h"

namespace sipwarden::watch {
namespace {

namespace fs = std::filesystem;

// Summarises `path`; with an observer (as session tracking does) unless
// `summary_only`, like `watch --summary`.
nlohmann::ordered_json run(const fs::path& path, int threads, std::size_t* observed = nullptr,
                           bool summary_only = false) {
    auto source = net::CaptureFileReader::open(path.string());
    EXPECT_TRUE(source) << path;
    if (!source) return {};
    struct Counter : MessageObserver {
        std::size_t n = 0;
        void on_sip(const net::Payload&, const sip::Message&, const sip::SessionDescription*) override { ++n; }
    } counter;
    RunOptions options;
    options.threads = threads;
    options.observer = summary_only ? nullptr : &counter;
    CaptureSummary summary;
    summary.input = path.filename().string();
    summarize(**source, nullptr, summary, options);
    if (observed != nullptr) *observed = counter.n;
    return summary_to_json(summary);
}

TEST(CaptureRun, TwoThreadsGiveTheSameSummaryAsOne) {
    int compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(SIPWARDEN_SOURCE_DIR "/tests/data/pcaps")) {
        if (entry.path().extension() != ".pcap" && entry.path().extension() != ".pcapng") continue;
        std::size_t one_observed = 0, two_observed = 0;
        const auto one = run(entry.path(), 1, &one_observed);
        const auto two = run(entry.path(), 2, &two_observed);
        EXPECT_EQ(one.dump(), two.dump()) << entry.path();
        EXPECT_EQ(one_observed, two_observed);
        EXPECT_EQ(one_observed, one["sip"]["messages"].get<std::size_t>());
        ++compared;
    }
    EXPECT_GT(compared, 50);
}

// A capture of `count` generated SIP messages (requests and responses, an
// anomaly now and then) at `path`.
void write_many_sip(const fs::path& path, std::uint32_t count) {
    using namespace net::testing;
    std::vector<PcapRecord> records;
    const char* const methods[] = {"INVITE", "REGISTER", "OPTIONS", "BYE", "FOO"};
    for (std::uint32_t i = 0; i < count; ++i) {
        std::string text;
        if (i % 3 == 0) {
            text = "SIP/2.0 " + std::to_string(100 + (i % 7) * 80) + " X\r\n";
        } else {
            const char* method = methods[i % 5];
            text = std::string(method) + " sip:" + std::to_string(i) + "@example.com SIP/2.0\r\n";
        }
        text += "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK" + std::to_string(i) +
                "\r\nFrom: <sip:a@example.com>;tag=" + std::to_string(i) +
                "\r\nTo: <sip:b@example.com>\r\nCall-ID: " + std::to_string(i / 4) + "\r\nCSeq: 1 " + methods[i % 5] +
                "\r\n";
        if (i % 11 == 0) text += "Contact: <sip:a@[bad>\r\n";  // an anomaly now and then
        text += "Content-Length: 0\r\n\r\n";
        PcapRecord record;
        record.micros = i;
        record.data = ethernet(0x0800, ipv4(ip4(192, 0, 2, 1), ip4(192, 0, 2, 2), udp(5060, 5060, bytes(text))));
        records.push_back(std::move(record));
    }
    const auto file = pcap_file(1, records);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
}

// Enough SIP for the reading thread of `--summary` to get ahead of the
// parsing thread and parse in place: the merged tallies must equal one
// thread's.
TEST(CaptureRun, SummaryParsedOnBothThreadsEqualsOneThread) {
    const auto path = fs::temp_directory_path() / "sipwarden_capture_run_many.pcap";
    write_many_sip(path, 40000);
    const auto one = run(path, 1, nullptr, true);
    EXPECT_EQ(one["sip"]["messages"].get<std::size_t>(), 40000u);
    for (int attempt = 0; attempt < 3; ++attempt) EXPECT_EQ(one.dump(), run(path, 2, nullptr, true).dump());
    fs::remove(path);
}

// With tracking, a batch is parsed by the reading thread when the tracking
// thread is behind, else by the tracking thread. An observer that is slow
// now and then makes both happen; what it sees, message by message, and
// the summary must equal one thread's.
TEST(CaptureRun, ObservedMessagesDoNotDependOnWhichThreadParsed) {
    struct Recorder : MessageObserver {
        std::vector<std::string> seen;
        bool slow = false;
        void on_sip(const net::Payload&, const sip::Message& m, const sip::SessionDescription*) override {
            seen.push_back(std::string(m.call_id()) + " " + std::string(m.method_text()) + " " +
                           std::to_string(m.status_code()) + " " + std::to_string(m.anomalies().size()) + " " +
                           std::string(m.top_via() ? m.top_via()->branch.value_or("") : ""));
            if (slow && seen.size() % 400 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(3));
        }
    };
    const auto path = fs::temp_directory_path() / "sipwarden_capture_run_observed.pcap";
    write_many_sip(path, 20000);
    auto observe = [&](int threads, bool slow, std::vector<std::string>& seen) {
        auto source = net::CaptureFileReader::open(path.string());
        EXPECT_TRUE(source);
        if (!source) return nlohmann::ordered_json{};
        Recorder recorder;
        recorder.slow = slow;
        RunOptions options;
        options.threads = threads;
        options.observer = &recorder;
        CaptureSummary summary;
        summarize(**source, nullptr, summary, options);
        seen = std::move(recorder.seen);
        return summary_to_json(summary);
    };
    std::vector<std::string> one_seen;
    const auto one = observe(1, false, one_seen);
    ASSERT_EQ(one_seen.size(), 20000u);
    for (const bool slow : {false, true}) {
        std::vector<std::string> two_seen;
        EXPECT_EQ(observe(2, slow, two_seen).dump(), one.dump()) << slow;
        EXPECT_EQ(two_seen, one_seen) << slow;
    }
    fs::remove(path);
}

// HEP records the transport the agent saw; SIP over SCTP is counted as
// such, not under UDP (regression).
TEST(CaptureRun, HepTransportsAreCountedApart) {
    using namespace net::testing;
    const std::string options =
        "OPTIONS sip:100@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.5:5070;branch=z9hG4bK1\r\n"
        "From: <sip:a@203.0.113.5>;tag=1\r\nTo: <sip:100@198.51.100.7>\r\nCall-ID: hep-transports\r\n"
        "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    auto frame = [&](std::uint8_t protocol) {
        return PcapRecord{1700000000, 0,
                          ethernet(0x0800, ipv4(ip4(127, 0, 0, 1), ip4(127, 0, 0, 1),
                                                udp(40000, 9060, hep3(options, false, protocol))))};
    };
    const fs::path path = fs::path(testing::TempDir()) / "hep_transports.pcap";
    const Buffer file = pcap_file(1, {frame(17), frame(132), frame(132)});
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
    for (int threads : {1, 2}) {
        const auto sip = run(path, threads, nullptr, true)["sip"];
        EXPECT_EQ(sip["messages"], 3) << threads;
        EXPECT_EQ(sip["from_hep"], 3);
        EXPECT_EQ(sip["over_udp"], 1);
        EXPECT_EQ(sip["over_sctp"], 2);
        EXPECT_EQ(sip["over_tcp"], 0);
    }
}

TEST(CaptureRun, ReadErrorKeepsWhatWasCounted) {
    const auto path = fs::temp_directory_path() / "sipwarden_capture_run_cut.pcap";
    fs::copy_file(SIPWARDEN_SOURCE_DIR "/examples/captures/sip-call.pcap", path, fs::copy_options::overwrite_existing);
    fs::resize_file(path, 40000);
    for (int threads : {1, 2}) {
        const auto summary = run(path, threads);
        EXPECT_FALSE(summary["input"]["complete"].get<bool>());
        EXPECT_NE(summary["input"]["error"].get<std::string>().find("truncated record"), std::string::npos);
        EXPECT_EQ(summary["sip"]["requests_by_method"]["INVITE"], 1);
    }
    fs::remove(path);
}

TEST(SipTally, UnregisteredMethodNamesAreBounded) {
    SipTally tally;
    sip::Message message;
    for (int i = 0; i < 100; ++i) {
        const std::string text = "FOO" + std::to_string(i) + " sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n";
        ASSERT_TRUE(message.parse(text));
        tally.add_request(message);
    }
    EXPECT_EQ(tally.other_methods.size(), k_max_other_methods);
    EXPECT_EQ(tally.other_methods_overflow, 100 - k_max_other_methods);
    EXPECT_EQ(tally.requests_by_method[0], 100u);
}

}  // namespace
}  // namespace sipwarden::watch
