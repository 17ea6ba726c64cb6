// The sipwarden state store: alerts, blocks (with their reason and expiry),
// first-seen items and baselines per subject, and reading cursors, in one
// SQLite file. Callers group writes in transactions (begin/commit) so a
// killed process leaves either all or none of a checkpoint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alert.h"
#include "core/result.h"
#include "store/database.h"

namespace sipwarden::store {

struct BlockRecord {
    std::int64_t id = 0;
    std::string subject;  // e.g. the account
    std::string scope;    // what is blocked, e.g. "international"
    std::string reason;
    std::string signature_id;
    std::int64_t created_ns = 0;
    std::optional<std::int64_t> expires_ns;
    std::optional<std::int64_t> lifted_ns;
    std::string lifted_by;
    std::string actions;  // what was done, e.g. "exec:ok kamailio:ok"
};

struct FirstSeen {
    std::int64_t first_ns = 0;
    std::int64_t last_ns = 0;
    std::int64_t count = 0;
};

// Schema of the store module; other modules pass their own Migrations to
// Database::migrate with their module name.
std::span<const Migration> store_migrations();

// Default path: $XDG_STATE_HOME/sipwarden/state.db, else ~/.local/state/sipwarden/state.db.
std::string default_state_path();

class StateStore {
public:
    // Creates the parent directory when missing and applies migrations.
    static core::Result<StateStore> open(const std::string& path);
    Database& database() { return m_db; }

    core::Result<void> begin() { return m_db.begin(); }
    core::Result<void> commit() { return m_db.commit(); }
    void rollback() { m_db.rollback(); }

    core::Result<std::int64_t> add_alert(const core::Alert& alert, std::string_view subject);
    core::Result<std::int64_t> count_alerts();

    // Adds an active block; fails when `subject`/`scope` is already blocked.
    core::Result<std::int64_t> add_block(const BlockRecord& block);
    core::Result<void> set_block_actions(std::int64_t id, std::string_view actions);
    core::Result<std::optional<BlockRecord>> active_block(std::string_view subject, std::string_view scope);
    core::Result<std::vector<BlockRecord>> active_blocks();
    // Lifted blocks too, newest first, at most `limit`.
    core::Result<std::vector<BlockRecord>> block_history(int limit);
    // Marks the block lifted; false when there was no active block.
    core::Result<bool> lift_block(std::string_view subject, std::string_view scope, std::int64_t now_ns,
                                  std::string_view by);
    // Active blocks whose expiry is at or before `now_ns`.
    core::Result<std::vector<BlockRecord>> expired_blocks(std::int64_t now_ns);

    core::Result<void> put_first_seen(std::string_view scope, std::string_view subject, std::string_view item,
                                      const FirstSeen& seen);
    // Calls f(subject, item, FirstSeen) for every row of `scope`.
    template <typename F>
    core::Result<void> each_first_seen(std::string_view scope, F&& f);

    core::Result<void> put_baseline(std::string_view scope, std::string_view subject, std::string_view data,
                                    std::int64_t updated_ns);
    template <typename F>
    core::Result<void> each_baseline(std::string_view scope, F&& f);

    core::Result<void> put_cursor(std::string_view name, std::string_view value);
    core::Result<std::optional<std::string>> cursor(std::string_view name);

private:
    explicit StateStore(Database db) : m_db(std::move(db)) {}
    core::Result<std::vector<BlockRecord>> blocks(std::string_view where_sql, std::int64_t arg, int limit);
    // Runs `sql` with ?1 = scope and calls f(statement) for each row.
    template <typename F>
    core::Result<void> each_row(std::string_view sql, std::string_view scope, F&& f);
    Database m_db;
};

template <typename F>
core::Result<void> StateStore::each_row(std::string_view sql, std::string_view scope, F&& f) {
    auto stmt = m_db.prepare(sql);
    if (!stmt) return stmt.error();
    stmt->bind(1, scope);
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) return {};
        f(*stmt);
    }
}

template <typename F>
core::Result<void> StateStore::each_first_seen(std::string_view scope, F&& f) {
    return each_row("SELECT subject, item, first_ns, last_ns, count FROM first_seen WHERE scope = ?1", scope,
                    [&](const Statement& s) {
                        f(s.text(0), s.text(1), FirstSeen{s.integer(2), s.integer(3), s.integer(4)});
                    });
}

template <typename F>
core::Result<void> StateStore::each_baseline(std::string_view scope, F&& f) {
    return each_row("SELECT subject, data FROM baselines WHERE scope = ?1", scope,
                    [&](const Statement& s) { f(s.text(0), s.blob(1)); });
}

}  // namespace sipwarden::store
