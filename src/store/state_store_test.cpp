#include "store/state_store.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

namespace sipwarden::store {
namespace {

std::string temp_path(const char* name) {
    const auto dir = std::filesystem::temp_directory_path() / ("sipwarden-store-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / name;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return path.string();
}

BlockRecord block(std::string subject, std::int64_t created, std::optional<std::int64_t> expires) {
    BlockRecord b;
    b.subject = std::move(subject);
    b.scope = "international";
    b.reason = "fraud.new-destination: first call to CU";
    b.signature_id = "fraud.new-destination";
    b.created_ns = created;
    b.expires_ns = expires;
    return b;
}

TEST(StateStore, BlocksAreUniquePerSubjectAndCanBeLiftedAndExpire) {
    auto store = StateStore::open(":memory:");
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE(store->add_block(block("1001", 10, 100)));
    EXPECT_FALSE(store->add_block(block("1001", 11, 100)));  // already blocked
    ASSERT_TRUE(store->add_block(block("1002", 12, std::nullopt)));
    EXPECT_EQ(store->active_blocks()->size(), 2u);
    EXPECT_EQ(store->expired_blocks(99)->size(), 0u);
    ASSERT_EQ(store->expired_blocks(100)->size(), 1u);
    EXPECT_TRUE(*store->lift_block("1001", "international", 150, "expiry"));
    EXPECT_FALSE(*store->lift_block("1001", "international", 151, "expiry"));
    EXPECT_FALSE(store->active_block("1001", "international")->has_value());
    ASSERT_TRUE(store->active_block("1002", "international")->has_value());
    ASSERT_TRUE(store->add_block(block("1001", 200, 300)));  // blocked again after the lift
    const auto history = store->block_history(10);
    ASSERT_EQ(history->size(), 3u);
    EXPECT_EQ((*history)[2].lifted_by, "expiry");
    EXPECT_EQ((*history)[2].reason, "fraud.new-destination: first call to CU");
}

TEST(StateStore, FirstSeenAndBaselinesUpsert) {
    auto store = StateStore::open(":memory:");
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->put_first_seen("fraud.destination", "1001", "CU", {5, 5, 1}));
    ASSERT_TRUE(store->put_first_seen("fraud.destination", "1001", "CU", {9, 9, 2}));
    int rows = 0;
    ASSERT_TRUE(store->each_first_seen("fraud.destination",
                                       [&](const std::string& subject, const std::string& item, FirstSeen seen) {
                                           ++rows;
                                           EXPECT_EQ(subject, "1001");
                                           EXPECT_EQ(item, "CU");
                                           EXPECT_EQ(seen.first_ns, 5);
                                           EXPECT_EQ(seen.last_ns, 9);
                                           EXPECT_EQ(seen.count, 2);
                                       }));
    EXPECT_EQ(rows, 1);
    const std::string data("\x01\x00\x02", 3);
    ASSERT_TRUE(store->put_baseline("fraud.velocity", "1001", data, 1));
    std::string read;
    ASSERT_TRUE(
        store->each_baseline("fraud.velocity", [&](const std::string&, const std::string& blob) { read = blob; }));
    EXPECT_EQ(read, data);
}

TEST(StateStore, UncommittedWritesAreRolledBackAndCommittedOnesSurviveReopen) {
    const auto path = temp_path("atomic.db");
    {
        auto store = StateStore::open(path);
        ASSERT_TRUE(store) << store.error().message;
        ASSERT_TRUE(store->begin());
        ASSERT_TRUE(store->put_cursor("file", "committed"));
        ASSERT_TRUE(store->commit());
        ASSERT_TRUE(store->begin());
        ASSERT_TRUE(store->put_cursor("file", "not committed"));
        // Destroyed without commit: SQLite rolls the open transaction back.
    }
    auto store = StateStore::open(path);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->cursor("file")->value_or(""), "committed");
    EXPECT_EQ(store->database().integrity_check(), "ok");
    EXPECT_EQ(store->database().schema_version("store"), 1);
}

TEST(StateStore, OtherModulesAddTablesThroughMigrations) {
    auto store = StateStore::open(":memory:");
    ASSERT_TRUE(store);
    const std::array<Migration, 2> watch{{{"watch", 1, "CREATE TABLE bans(address TEXT PRIMARY KEY)"},
                                          {"watch", 2, "ALTER TABLE bans ADD COLUMN reason TEXT"}}};
    ASSERT_TRUE(store->database().migrate(watch));
    ASSERT_TRUE(store->database().migrate(watch));  // idempotent
    EXPECT_EQ(store->database().schema_version("watch"), 2);
    const std::array<Migration, 1> broken{{{"broken", 1, "CREATE TABLE alerts(x)"}}};
    auto failed = store->database().migrate(broken);
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().message.find("migration broken v1 failed"), std::string::npos);
    EXPECT_EQ(store->database().schema_version("broken"), 0);
}

TEST(StateStore, RefusesAFileThatIsNotADatabase) {
    const auto path = temp_path("garbage.db");
    {
        std::FILE* f = std::fopen(path.c_str(), "w");
        std::fputs("this is not sqlite, just text that is long enough to have a header", f);
        std::fclose(f);
    }
    auto store = StateStore::open(path);
    ASSERT_FALSE(store);
    EXPECT_NE(store.error().message.find(path), std::string::npos);
}

}  // namespace
}  // namespace sipwarden::store
