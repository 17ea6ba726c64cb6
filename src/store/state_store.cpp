// The state store's schema and typed access.
#include "store/state_store.h"

#include <array>
#include <cstdlib>
#include <filesystem>

namespace sipwarden::store {

namespace {

constexpr std::string_view k_schema_v1 = R"sql(
CREATE TABLE alerts(
    id INTEGER PRIMARY KEY,
    time_ns INTEGER NOT NULL,
    signature_id TEXT NOT NULL,
    severity TEXT NOT NULL,
    subject TEXT NOT NULL,
    eve TEXT NOT NULL);
CREATE INDEX alerts_by_subject ON alerts(subject, time_ns);
CREATE TABLE blocks(
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL,
    scope TEXT NOT NULL,
    reason TEXT NOT NULL,
    signature_id TEXT NOT NULL,
    created_ns INTEGER NOT NULL,
    expires_ns INTEGER,
    lifted_ns INTEGER,
    lifted_by TEXT NOT NULL DEFAULT '',
    actions TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX blocks_one_active ON blocks(subject, scope) WHERE lifted_ns IS NULL;
CREATE TABLE first_seen(
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    item TEXT NOT NULL,
    first_ns INTEGER NOT NULL,
    last_ns INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY(scope, subject, item)) WITHOUT ROWID;
CREATE TABLE baselines(
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    data BLOB NOT NULL,
    updated_ns INTEGER NOT NULL,
    PRIMARY KEY(scope, subject)) WITHOUT ROWID;
CREATE TABLE cursors(
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL);
)sql";

constexpr std::array<Migration, 1> k_migrations{{{"store", 1, k_schema_v1}}};

BlockRecord read_block(const Statement& s) {
    BlockRecord b;
    b.id = s.integer(0);
    b.subject = s.text(1);
    b.scope = s.text(2);
    b.reason = s.text(3);
    b.signature_id = s.text(4);
    b.created_ns = s.integer(5);
    if (!s.is_null(6)) b.expires_ns = s.integer(6);
    if (!s.is_null(7)) b.lifted_ns = s.integer(7);
    b.lifted_by = s.text(8);
    b.actions = s.text(9);
    return b;
}

constexpr std::string_view k_block_columns =
    "SELECT id, subject, scope, reason, signature_id, created_ns, expires_ns, lifted_ns, lifted_by, actions FROM "
    "blocks ";

}  // namespace

std::span<const Migration> store_migrations() { return k_migrations; }

std::string default_state_path() {
    namespace fs = std::filesystem;
    if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state == '/') {
        return (fs::path(state) / "sipwarden" / "state.db").string();
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        return (fs::path(home) / ".local" / "state" / "sipwarden" / "state.db").string();
    }
    return "sipwarden-state.db";
}

core::Result<StateStore> StateStore::open(const std::string& path) {
    if (path != ":memory:") {
        std::error_code ec;
        const auto parent = std::filesystem::path(path).parent_path();
        if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    }
    auto db = Database::open(path);
    if (!db) return db.error();
    if (auto r = db->migrate(store_migrations()); !r) return r.error();
    return StateStore(std::move(db.value()));
}

core::Result<std::int64_t> StateStore::add_alert(const core::Alert& alert, std::string_view subject) {
    auto stmt =
        m_db.prepare("INSERT INTO alerts(time_ns, signature_id, severity, subject, eve) VALUES(?1, ?2, ?3, ?4, ?5)");
    if (!stmt) return stmt.error();
    stmt->bind(1, alert.timestamp.ns())
        .bind(2, alert.signature_id)
        .bind(3, core::to_string(alert.severity))
        .bind(4, subject);
    stmt->bind(5, alert.to_eve().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (auto r = stmt->run(); !r) return r.error();
    auto id = m_db.prepare("SELECT last_insert_rowid()");
    if (!id) return id.error();
    (void)id->step();
    return id->integer(0);
}

core::Result<std::int64_t> StateStore::count_alerts() {
    auto stmt = m_db.prepare("SELECT count(*) FROM alerts");
    if (!stmt) return stmt.error();
    if (auto row = stmt->step(); !row) return row.error();
    return stmt->integer(0);
}

core::Result<std::int64_t> StateStore::add_block(const BlockRecord& block) {
    auto stmt = m_db.prepare(
        "INSERT INTO blocks(subject, scope, reason, signature_id, created_ns, expires_ns, actions) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return stmt.error();
    stmt->bind(1, block.subject).bind(2, block.scope).bind(3, block.reason).bind(4, block.signature_id);
    stmt->bind(5, block.created_ns).bind(7, block.actions);
    if (block.expires_ns) stmt->bind(6, *block.expires_ns);
    if (auto r = stmt->run(); !r) return r.error();
    auto id = m_db.prepare("SELECT last_insert_rowid()");
    if (!id) return id.error();
    (void)id->step();
    return id->integer(0);
}

core::Result<void> StateStore::set_block_actions(std::int64_t id, std::string_view actions) {
    auto stmt = m_db.prepare("UPDATE blocks SET actions = ?2 WHERE id = ?1");
    if (!stmt) return stmt.error();
    return stmt->bind(1, id).bind(2, actions).run();
}

core::Result<std::vector<BlockRecord>> StateStore::blocks(std::string_view where_sql, std::int64_t arg, int limit) {
    auto stmt = m_db.prepare(std::string(k_block_columns) + std::string(where_sql));
    if (!stmt) return stmt.error();
    if (where_sql.find("?1") != std::string_view::npos) stmt->bind(1, arg);
    if (where_sql.find("?2") != std::string_view::npos) stmt->bind(2, std::int64_t{limit});
    std::vector<BlockRecord> out;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) return out;
        out.push_back(read_block(*stmt));
    }
}

core::Result<std::vector<BlockRecord>> StateStore::active_blocks() {
    return blocks("WHERE lifted_ns IS NULL ORDER BY created_ns", 0, 0);
}

core::Result<std::vector<BlockRecord>> StateStore::block_history(int limit) {
    return blocks("ORDER BY created_ns DESC, id DESC LIMIT ?2", 0, limit);
}

core::Result<std::vector<BlockRecord>> StateStore::expired_blocks(std::int64_t now_ns) {
    return blocks("WHERE lifted_ns IS NULL AND expires_ns IS NOT NULL AND expires_ns <= ?1 ORDER BY expires_ns", now_ns,
                  0);
}

core::Result<std::optional<BlockRecord>> StateStore::active_block(std::string_view subject, std::string_view scope) {
    auto stmt = m_db.prepare(std::string(k_block_columns) + "WHERE lifted_ns IS NULL AND subject = ?1 AND scope = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, subject).bind(2, scope);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<BlockRecord>{};
    return std::optional<BlockRecord>{read_block(*stmt)};
}

core::Result<bool> StateStore::lift_block(std::string_view subject, std::string_view scope, std::int64_t now_ns,
                                          std::string_view by) {
    auto stmt = m_db.prepare(
        "UPDATE blocks SET lifted_ns = ?3, lifted_by = ?4 WHERE lifted_ns IS NULL AND subject = ?1 AND scope = ?2");
    if (!stmt) return stmt.error();
    stmt->bind(1, subject).bind(2, scope).bind(3, now_ns).bind(4, by);
    if (auto r = stmt->run(); !r) return r.error();
    auto changes = m_db.prepare("SELECT changes()");
    if (!changes) return changes.error();
    (void)changes->step();
    return changes->integer(0) > 0;
}

core::Result<void> StateStore::put_first_seen(std::string_view scope, std::string_view subject, std::string_view item,
                                              const FirstSeen& seen) {
    auto stmt = m_db.prepare(
        "INSERT INTO first_seen(scope, subject, item, first_ns, last_ns, count) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT(scope, subject, item) DO UPDATE SET first_ns = min(first_ns, ?4), last_ns = max(last_ns, ?5), "
        "count = ?6");
    if (!stmt) return stmt.error();
    stmt->bind(1, scope)
        .bind(2, subject)
        .bind(3, item)
        .bind(4, seen.first_ns)
        .bind(5, seen.last_ns)
        .bind(6, seen.count);
    return stmt->run();
}

core::Result<void> StateStore::put_baseline(std::string_view scope, std::string_view subject, std::string_view data,
                                            std::int64_t updated_ns) {
    auto stmt = m_db.prepare(
        "INSERT INTO baselines(scope, subject, data, updated_ns) VALUES(?1, ?2, ?3, ?4) "
        "ON CONFLICT(scope, subject) DO UPDATE SET data = ?3, updated_ns = ?4");
    if (!stmt) return stmt.error();
    stmt->bind(1, scope).bind(2, subject).bind(4, updated_ns);
    stmt->bind_blob(3, std::as_bytes(std::span(data.data(), data.size())));
    return stmt->run();
}

core::Result<void> StateStore::put_cursor(std::string_view name, std::string_view value) {
    auto stmt =
        m_db.prepare("INSERT INTO cursors(name, value) VALUES(?1, ?2) ON CONFLICT(name) DO UPDATE SET value = ?2");
    if (!stmt) return stmt.error();
    return stmt->bind(1, name).bind(2, value).run();
}

core::Result<std::optional<std::string>> StateStore::cursor(std::string_view name) {
    auto stmt = m_db.prepare("SELECT value FROM cursors WHERE name = ?1");
    if (!stmt) return stmt.error();
    stmt->bind(1, name);
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<std::string>{};
    return std::optional<std::string>{stmt->text(0)};
}

}  // namespace sipwarden::store
