// A thin RAII layer over SQLite: a connection in WAL mode with a busy
// timeout, prepared statements, transactions, and per-module schema
// migrations recorded in the database itself so modules can add tables later.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sipwarden::store {

class Statement {
public:
    Statement(Statement&& other) noexcept : m_stmt(other.m_stmt) { other.m_stmt = nullptr; }
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_blob(int index, std::span<const std::byte> blob);
    Statement& bind_null(int index);
    // True while there is a row; an error when the statement fails.
    core::Result<bool> step();
    // step() until done.
    core::Result<void> run();
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    std::string blob(int column) const;
    bool is_null(int column) const;

private:
    friend class Database;
    explicit Statement(sqlite3_stmt* stmt) : m_stmt(stmt) {}
    sqlite3_stmt* m_stmt;
};

// A schema step of one module: applied once, in version order.
struct Migration {
    std::string_view module;
    int version;
    std::string_view sql;
};

class Database {
public:
    // Opens or creates `path` (":memory:" for tests), WAL journal, foreign
    // keys on, synchronous=NORMAL (WAL keeps commits atomic and durable
    // across process kills; a power cut may lose the last commits only).
    static core::Result<Database> open(const std::string& path);
    Database(Database&& other) noexcept : m_db(other.m_db), m_path(std::move(other.m_path)) { other.m_db = nullptr; }
    Database& operator=(Database&&) = delete;
    Database(const Database&) = delete;
    ~Database();

    const std::string& path() const { return m_path; }
    core::Result<Statement> prepare(std::string_view sql);
    core::Result<void> execute(std::string_view sql);

    core::Result<void> begin();
    core::Result<void> commit();
    void rollback();

    // Applies the migrations of each module newer than its recorded version,
    // each in its own transaction.
    core::Result<void> migrate(std::span<const Migration> migrations);
    int schema_version(std::string_view module);
    // "ok" when PRAGMA integrity_check finds nothing wrong.
    std::string integrity_check();

private:
    explicit Database(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}
    core::Error error(std::string_view what) const;
    sqlite3* m_db;
    std::string m_path;
};

}  // namespace sipwarden::store
