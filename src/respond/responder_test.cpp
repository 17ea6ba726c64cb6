#include "respond/responder.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sipwarden::respond {
namespace {

constexpr std::int64_t k_minute = 60'000'000'000;
constexpr std::int64_t k_now = 1'800'000'000'000'000'000;

core::Alert alert(core::Severity severity, std::int64_t at = k_now) {
    core::Alert a;
    a.timestamp = core::Timestamp::from_ns(at);
    a.signature_id = "fraud.new-destination";
    a.signature = "first call from account 1001 to CU";
    a.category = "toll-fraud";
    a.severity = severity;
    return a;
}

std::string temp_file(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("sipwarden-responder-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / name).string();
    std::filesystem::remove(path);
    return path;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct Fixture : ::testing::Test {
    store::StateStore store = std::move(store::StateStore::open(":memory:").value());
    std::int64_t now = k_now;
    BlockPolicy policy() {
        BlockPolicy p;
        p.duration = std::chrono::minutes(30);
        return p;
    }
    Responder responder(BlockPolicy p) {
        return Responder(std::move(p), store, [this] { return now; });
    }
};

TEST_F(Fixture, BlocksOnceAtOrAboveTheThresholdAndRunsTheHookOnce) {
    const auto log = temp_file("blocks.log");
    auto p = policy();
    p.exec_block = {"/bin/sh", "-c", "cat >> \"$0\"; echo >> \"$0\"", log};
    auto r = responder(p);
    EXPECT_FALSE(r.on_alert(alert(core::Severity::medium), "1001")->has_value());
    auto first = r.on_alert(alert(core::Severity::high), "1001");
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(first->has_value());
    EXPECT_EQ((*first)->actions, "exec:ok");
    EXPECT_EQ((*first)->expires_ns, k_now + 30 * k_minute);
    EXPECT_FALSE(r.on_alert(alert(core::Severity::critical), "1001")->has_value());  // already blocked
    const auto text = slurp(log);
    EXPECT_NE(text.find("\"signature_id\":\"fraud.new-destination\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"subject\":\"1001\""), std::string::npos) << text;
    const auto first_run = text.find("\"event_type\":\"alert\"");
    ASSERT_NE(first_run, std::string::npos);
    EXPECT_EQ(text.find("\"event_type\":\"alert\"", first_run + 1), std::string::npos) << "the hook ran twice";
    const auto active = store.active_blocks();
    ASSERT_EQ(active->size(), 1u);
    EXPECT_EQ((*active)[0].reason, "fraud.new-destination: first call from account 1001 to CU");
}

TEST_F(Fixture, OldAlertsFromReplaysNeverAct) {
    auto r = responder(policy());
    EXPECT_FALSE(r.on_alert(alert(core::Severity::critical, k_now - 61 * k_minute), "1001")->has_value());
    EXPECT_TRUE(r.on_alert(alert(core::Severity::critical, k_now - 59 * k_minute), "1001")->has_value());
}

TEST_F(Fixture, ExpiryAndManualUnblockRunTheUndoHook) {
    const auto log = temp_file("unblocks.log");
    auto p = policy();
    p.exec_unblock = {"/bin/sh", "-c", "printf '%s %s\\n' \"$SIPWARDEN_EVENT\" \"$SIPWARDEN_ACCOUNT\" >> \"$0\"", log};
    auto r = responder(p);
    ASSERT_TRUE(r.on_alert(alert(core::Severity::high), "1001")->has_value());
    ASSERT_TRUE(r.on_alert(alert(core::Severity::high), "1002")->has_value());
    now += 29 * k_minute;
    EXPECT_TRUE(r.expire()->empty());
    now += 2 * k_minute;
    EXPECT_EQ(r.expire()->size(), 2u);
    ASSERT_TRUE(r.on_alert(alert(core::Severity::high, now), "1003")->has_value());
    EXPECT_TRUE(*r.unblock("1003", "admin"));
    EXPECT_FALSE(*r.unblock("1003", "admin"));
    EXPECT_EQ(slurp(log), "unblock 1001\nunblock 1002\nunblock 1003\n");
    EXPECT_EQ((*store.block_history(1))[0].lifted_by, "admin");
}

TEST_F(Fixture, UnreachableKamailioIsRecordedNotFatal) {
    auto p = policy();
    p.kamailio_url = "http://127.0.0.1:9/RPC";  // discard port: nothing listens
    p.kamailio_timeout = std::chrono::milliseconds(500);
    auto r = responder(p);
    auto block = r.on_alert(alert(core::Severity::high), "1001");
    ASSERT_TRUE(block);
    ASSERT_TRUE(block->has_value());
    EXPECT_EQ((*block)->actions, "kamailio:failed");
    EXPECT_EQ(r.take_action_errors().size(), 1u);
    EXPECT_TRUE(r.take_action_errors().empty());
}

}  // namespace
}  // namespace sipwarden::respond
