// Reading call records from CDR lines of any supported format. A CdrStream
// takes the lines of one file in order, detects the format when asked to,
// and hands each call to a sink; a bad line is reported (file:line:col, the
// line, why) and counted, and never stops the stream.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"
#include "core/hash.h"
#include "fraud/call_record.h"
#include "fraud/cdr_format.h"
#include "fraud/site_clock.h"

namespace sipwarden::fraud {

class CdrSink {
public:
    virtual ~CdrSink() = default;
    // `record` borrows from the stream; copy what must outlive the call.
    virtual void on_record(const CallRecord& record) = 0;
    virtual void on_bad_line(const core::Diagnostic& diagnostic) = 0;
};

// Parses one line of a call-per-line format into a CallRecord.
class CdrParser {
public:
    CdrParser(CdrFormat format, const SiteClock& clock);
    const CdrFormat& format() const { return m_format; }
    CdrFormat& format() { return m_format; }

    // False on a malformed line: `error` says why, `column` (1-based) where.
    bool parse(std::string_view line, CallRecord& out, std::string& error, std::size_t& column);
    const std::vector<std::string_view>& fields() const { return m_splitter.fields(); }

private:
    bool fail(std::string_view line, int field_index, std::string message, std::string& error, std::size_t& column);
    std::string_view field(CdrField f) const;

    CdrFormat m_format;
    const SiteClock* m_clock;
    DelimitedSplitter m_splitter;
};

// Kamailio acc writes one record per transaction: the INVITE's final reply
// (with its time) and later the BYE. Calls are the INVITE paired with its BYE
// by Call-ID; failed INVITEs are calls that never started.
class AccPairing {
public:
    static constexpr std::size_t k_max_pending = 100'000;
    // Returns true and fills `out` when `transaction` completes a call.
    bool add(const CallRecord& transaction, std::string_view method, std::string_view call_id, int sip_code,
             CallRecord& out);
    // Emits calls whose BYE never came (answered, duration unknown).
    void flush(CdrSink& sink);
    std::size_t pending() const { return m_pending.size(); }

private:
    struct Pending {
        std::string account, source, destination, call_id, file;
        core::Timestamp start;
        std::uint64_t line = 0;
    };
    void fill(const Pending& pending, core::Timestamp end, CallRecord& out);
    std::unordered_map<std::string, Pending, core::TextHash, std::equal_to<>> m_pending;  // by Call-ID
    std::deque<std::string> m_order;
    Pending m_done;  // storage for the record last returned
};

struct CdrStreamStats {
    std::uint64_t lines = 0;
    std::uint64_t records = 0;
    std::uint64_t bad_lines = 0;
};

class CdrStream {
public:
    // `format` nullopt: detect from the first lines.
    CdrStream(std::string file, std::optional<CdrFormat> format, const SiteClock& clock);
    void feed(std::string_view line, std::uint64_t line_number, CdrSink& sink);
    // End of input: pending Kamailio INVITEs, undetected buffered lines.
    void finish(CdrSink& sink);
    // Feeds every line of `text` (numbered from 1), then finishes.
    void feed_all(std::string_view text, CdrSink& sink);
    const CdrStreamStats& stats() const { return m_stats; }
    std::optional<std::string> format_name() const;

private:
    void parse_line(std::string_view line, std::uint64_t line_number, CdrSink& sink);
    void bad(std::string_view line, std::uint64_t line_number, std::size_t column, std::string message, CdrSink& sink);
    void try_detect(CdrSink& sink);
    void undetected(std::string_view line, std::uint64_t line_number, CdrSink& sink);

    std::string m_file;
    const SiteClock* m_clock;
    std::optional<CdrParser> m_parser;
    std::vector<std::pair<std::string, std::uint64_t>> m_undetected;  // lines waiting for format detection
    bool m_header_pending = false;
    AccPairing m_acc;
    CallRecord m_record;
    std::string m_error;
    CdrStreamStats m_stats;
};

// Lines kept for format detection before giving up on a file.
constexpr std::size_t k_detect_lines = 16;

}  // namespace sipwarden::fraud
