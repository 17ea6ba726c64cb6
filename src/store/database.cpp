// SQLite connection, statements and migrations.
#include "store/database.h"

#include <sqlite3.h>

namespace sipwarden::store {

Statement::~Statement() {
    if (m_stmt != nullptr) sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::byte> blob) {
    sqlite3_bind_blob64(m_stmt, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

core::Result<bool> Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return core::make_error(std::string("sqlite: ") + sqlite3_errmsg(sqlite3_db_handle(m_stmt)));
}

core::Result<void> Statement::run() {
    while (true) {
        auto more = step();
        if (!more) {
            reset();
            return more.error();
        }
        if (!*more) break;
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::string Statement::blob(int column) const {
    const auto* p = sqlite3_column_blob(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
}

bool Statement::is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

core::Result<Database> Database::open(const std::string& path) {
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        return core::make_error(path + ": cannot open the state store: " + message);
    }
    Database database(db, path);
    sqlite3_busy_timeout(db, 5000);
    for (std::string_view pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        if (auto r = database.execute(pragma); !r) return core::make_error(path + ": " + r.error().message);
    }
    if (auto r = database.execute(
            "CREATE TABLE IF NOT EXISTS schema_version(module TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        !r) {
        return core::make_error(path + ": not a sipwarden state store (" + r.error().message + ")");
    }
    return database;
}

Database::~Database() {
    if (m_db != nullptr) sqlite3_close(m_db);
}

core::Error Database::error(std::string_view what) const {
    return core::make_error(m_path + ": " + std::string(what) + ": " + sqlite3_errmsg(m_db));
}

core::Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        return error("cannot prepare statement");
    }
    return Statement(stmt);
}

core::Result<void> Database::execute(std::string_view sql) {
    const std::string text(sql);
    char* message = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string why = message != nullptr ? message : "unknown error";
        sqlite3_free(message);
        return core::make_error(why);
    }
    return {};
}

core::Result<void> Database::begin() { return execute("BEGIN IMMEDIATE"); }
core::Result<void> Database::commit() { return execute("COMMIT"); }
void Database::rollback() { (void)execute("ROLLBACK"); }

int Database::schema_version(std::string_view module) {
    auto stmt = prepare("SELECT version FROM schema_version WHERE module = ?1");
    if (!stmt) return 0;
    stmt->bind(1, module);
    auto row = stmt->step();
    return row && *row ? static_cast<int>(stmt->integer(0)) : 0;
}

core::Result<void> Database::migrate(std::span<const Migration> migrations) {
    for (const auto& migration : migrations) {
        if (migration.version <= schema_version(migration.module)) continue;
        if (auto r = begin(); !r) return r;
        auto applied = execute(migration.sql);
        if (applied) {
            auto record = prepare("INSERT OR REPLACE INTO schema_version(module, version) VALUES(?1, ?2)");
            applied = record ? record->bind(1, migration.module).bind(2, std::int64_t{migration.version}).run()
                             : core::Result<void>(record.error());
        }
        if (!applied) {
            rollback();
            return core::make_error(m_path + ": migration " + std::string(migration.module) + " v" +
                                    std::to_string(migration.version) + " failed: " + applied.error().message);
        }
        if (auto r = commit(); !r) return r;
    }
    return {};
}

std::string Database::integrity_check() {
    auto stmt = prepare("PRAGMA integrity_check");
    if (!stmt) return stmt.error().message;
    std::string out;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error().message;
        if (!*row) break;
        if (!out.empty()) out += "; ";
        out += stmt->text(0);
    }
    return out;
}

}  // namespace sipwarden::store
