// SessionReport: what `sipwarden watch` tells about calls, registrations,
// media and the sources behind them. It consumes session Events: calls and
// media streams are written as they end (JSON lines, CSV) or kept for the
// text report up to a bound; registrations, sources, user agents,
// unsolicited media and anomalies are aggregated in bounded tables and
// written at the end with the capture summary (docs/formats/watch-json.md).
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"
#include "session/events.h"
#include "session/keyed_slots.h"
#include "session/tracker.h"
#include "sip/method.h"
#include "watch/capture_summary.h"

namespace sipwarden::watch {

enum class ReportFormat { text, json, csv };

struct ReportLimits {
    std::size_t calls_listed = 100;         // calls kept for the text report (the rest are counted)
    std::size_t aggregate_entries = 65536;  // rows per aggregate table (sources, registrations, user agents, ...)
    std::size_t top = 10;                   // rows shown per "top" list in the text report
};

class SessionReport final : public session::EventSink {
public:
    SessionReport(ReportFormat format, std::FILE* out, ReportLimits limits = {});

    void on_event(const session::Event& event) override;
    // Flush the output after every JSON/CSV line (live capture).
    void flush_each_line(bool on) { m_flush_lines = on; }
    // Writes what is written at the end: the text report, or the aggregate
    // objects and the summary (JSON), or nothing more (CSV).
    void finish(const CaptureSummary& capture, const session::TrackerStats& tracker, bool color);

    // Counts (also for tests).
    struct CallCounts {
        std::uint64_t started = 0, answered = 0, ended = 0;
        std::map<std::string, std::uint64_t, std::less<>> by_end_reason;
        std::map<int, std::uint64_t> by_final_status;
    };
    const CallCounts& calls() const { return m_calls; }

private:
    // A call of the text report's list, as the list shows it.
    struct CallRow {
        std::string invite;          // "YYYY-MM-DD HH:MM:SS" (UTC), or "-"
        std::string caller, callee;  // [user@]ip:port
        int final_status = 0;
        std::string outcome;  // end reason, or the state while not ended
        double setup_s = 0, duration_s = 0;
        std::uint64_t packets = 0;
        std::int64_t lost = 0;
        double max_jitter_ms = 0;
        int streams = 0;
    };
    struct RegistrationRow {
        std::string key;  // AOR, newline, source address bytes and family
        std::string aor;
        std::string source;
        std::vector<std::string> user_agents;
        std::vector<std::string> usernames;
        std::uint64_t attempts = 0, challenges = 0, successes = 0, failures = 0;
        int last_status = 0;
        int expires = -1;
        core::Timestamp first, last;
    };
    struct SourceRow {
        core::IpAddress address;
        std::uint64_t requests = 0;
        std::uint64_t failures = 0;  // final responses >= 400 it received
        // Requests by method: the registered ones by sip::Method, the rest by name (as safe() writes it).
        std::array<std::uint64_t, static_cast<std::size_t>(sip::Method::publish) + 1> by_method{};
        std::map<std::string, std::uint64_t, std::less<>> other_methods;
        void count(sip::Method method, std::string_view text);
        std::map<std::string, std::uint64_t, std::less<>> methods() const;  // all of them, by name
    };
    struct AnomalyRow {
        std::uint64_t count = 0;
        std::string example;
    };

    void on(const session::CallStarted& e);
    void on(const session::CallAnswered& e);
    void on(const session::CallEnded& e);
    void on(const session::RegistrationEvent& e);
    void on(const session::RequestSeen& e);
    void on(const session::ResponseSeen& e);
    void on(const session::MediaStreamStarted& e);
    void on(const session::MediaStreamEnded& e);
    void on(const session::MediaSourceChanged& e);
    void on(const session::UnsolicitedMediaStarted& e);
    void on(const session::UnsolicitedMediaEnded& e);
    void on(const session::AnomalySeen& e);
    void on(const session::LimitReached& e);

    SourceRow* source(const core::IpAddress& address);
    void count_user_agent(std::string_view user_agent);
    void failure_to(const core::IpAddress& address, int status);
    void write_line(const nlohmann::ordered_json& object);
    void write_text_line(std::string line);  // one JSON object
    static void registration_json(const RegistrationRow& row, std::string& out);
    void write_csv_header();
    static void list_fields(const session::CallInfo& call, CallRow& row);

    nlohmann::ordered_json summary_json(const CaptureSummary& capture, const session::TrackerStats& tracker) const;
    // Rows in a stable order for output.
    std::vector<const RegistrationRow*> registrations_sorted() const;
    std::vector<std::pair<core::IpAddress, const SourceRow*>> sources_sorted() const;
    std::string text(const CaptureSummary& capture, const session::TrackerStats& tracker, bool color) const;

    ReportFormat m_format;
    std::FILE* m_out;
    bool m_flush_lines = false;
    ReportLimits m_limits;
    CallCounts m_calls;
    // Tables keyed by text are looked up with string_views (no copy per
    // event), through the seeded hash: their keys come from the network.
    template <typename Row>
    using TextMap = std::unordered_map<std::string, Row, core::TextHash, std::equal_to<>>;

    std::vector<std::string> m_listed_order;  // Call-IDs of m_listed, in start order
    TextMap<CallRow> m_listed;                // calls kept for the text report, by Call-ID
    std::uint64_t m_calls_not_listed = 0;
    // By (AOR, source): the largest of the report's tables (a row per pair
    // on a busy registrar), so a flat index of hashes rather than a node map.
    session::KeyedSlots<RegistrationRow> m_registrations;
    std::string m_key;                         // m_registrations' key under construction
    session::KeyedSlots<SourceRow> m_sources;  // by address
    TextMap<std::uint64_t> m_user_agents;
    std::vector<session::UnsolicitedMediaInfo> m_unsolicited;  // ended entries (owned copies without Call-ID)
    std::vector<std::string> m_unsolicited_calls;
    std::map<std::string, AnomalyRow, std::less<>> m_anomalies;
    std::map<std::string, std::uint64_t, std::less<>> m_limits_hit;
    std::uint64_t m_streams = 0, m_stream_packets = 0, m_source_changes = 0;
    std::int64_t m_stream_lost = 0;
    std::uint64_t m_dropped_rows = 0;  // aggregate rows not kept (aggregate_entries)
};

// JSON of one call / media stream, as `watch --format json` writes it
// (one line, no newline).
std::string call_json_text(const session::CallInfo& call);
std::string media_json_text(const session::MediaStreamInfo& stream);
// One CSV field: bytes outside printable ASCII as \xNN, an apostrophe
// before text a spreadsheet would take for a formula, RFC 4180 quoting.
std::string csv_field(std::string_view text);
// One CSV row (RFC 4180 quoting) and the header.
std::string call_csv_header();
std::string call_csv_row(const session::CallInfo& call);

}  // namespace sipwarden::watch
