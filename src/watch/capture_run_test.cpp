#include "watch/capture_run.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "net/capture_file.h"
#include "watch/summary_report.h"

namespace sipwarden::watch {
namespace {

namespace fs = std::filesystem;

nlohmann::ordered_json run(const fs::path& path, int threads, std::size_t* observed = nullptr) {
    auto source = net::CaptureFileReader::open(path.string());
    EXPECT_TRUE(source) << path;
    if (!source) return {};
    struct Counter : MessageObserver {
        std::size_t n = 0;
        void on_sip(const net::Payload&, const sip::Message&, const sip::SessionDescription*) override { ++n; }
    } counter;
    RunOptions options;
    options.threads = threads;
    options.observer = &counter;
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
