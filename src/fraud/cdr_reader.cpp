// CDR line parsing, Kamailio acc pairing, and per-file streams.
#include "fraud/cdr_reader.h"

#include "core/text.h"

namespace sipwarden::fraud {

namespace {

// 1-based character column where field `index` starts in `line`.
std::size_t field_column(std::string_view line, char separator, char quote, int index) {
    bool quoted = false;
    int field = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (field == index) return i + 1;
        if (quote != '\0' && line[i] == quote) quoted = !quoted;
        if (!quoted && line[i] == separator) ++field;
    }
    return field == index ? line.size() + 1 : 1;
}

std::optional<std::int64_t> parse_seconds(std::string_view text) {
    text = core::trim(text);
    const auto dot = text.find('.');
    constexpr std::uint64_t k_max_call_seconds = 10'000'000;  // 115 days: anything longer is not a call
    const auto value = core::parse_uint(text.substr(0, dot), k_max_call_seconds);
    if (!value) return std::nullopt;
    return static_cast<std::int64_t>(*value);
}

}  // namespace

CdrParser::CdrParser(CdrFormat format, const SiteClock& clock)
    : m_format(std::move(format)), m_clock(&clock), m_splitter(m_format.syntax) {}

std::string_view CdrParser::field(CdrField f) const {
    const int index = m_format.at(f);
    const auto& fields = m_splitter.fields();
    if (index < 0 || static_cast<std::size_t>(index) >= fields.size()) return {};
    return fields[static_cast<std::size_t>(index)];
}

bool CdrParser::fail(std::string_view line, int field_index, std::string message, std::string& error,
                     std::size_t& column) {
    error = std::move(message);
    column = field_column(line, m_format.syntax.separator, m_format.syntax.quote, field_index);
    return false;
}

bool CdrParser::parse(std::string_view line, CallRecord& out, std::string& error, std::size_t& column) {
    if (!m_splitter.split(line)) {
        error = m_splitter.error();
        column = m_splitter.error_column();
        return false;
    }
    const auto& fields = m_splitter.fields();
    if (fields.size() < m_format.min_columns) {
        return fail(line, 0,
                    "expected at least " + std::to_string(m_format.min_columns) + " columns for " + m_format.name +
                        ", found " + std::to_string(fields.size()),
                    error, column);
    }
    out = CallRecord{};
    out.account = field(CdrField::account);
    out.source = field(CdrField::source);
    out.destination = field(CdrField::destination);
    out.context = field(CdrField::context);
    out.channel = field(CdrField::channel);
    out.unique_id = field(CdrField::unique_id);
    out.disposition = parse_disposition(field(CdrField::disposition));
    auto time_of = [&](CdrField f, std::optional<core::Timestamp>& value) -> bool {
        const auto text = core::trim(field(f));
        if (text.empty()) return true;
        const auto parsed = parse_field_time(text);
        if (!parsed)
            return fail(line, m_format.at(f),
                        std::string(to_string(f)) + ": '" + core::printable(text, 40) + "' is not a time", error,
                        column);
        FieldTime t = *parsed;
        if (m_format.times_utc) t.absolute = true;
        value = m_clock->to_utc(t);
        return true;
    };
    std::optional<core::Timestamp> start, answer, end;
    if (!time_of(CdrField::start, start) || !time_of(CdrField::answer, answer) || !time_of(CdrField::end, end))
        return false;
    auto seconds_of = [&](CdrField f, std::optional<std::int64_t>& value) -> bool {
        const auto text = core::trim(field(f));
        if (text.empty()) return true;
        value = parse_seconds(text);
        if (!value)
            return fail(line, m_format.at(f),
                        std::string(to_string(f)) + ": '" + core::printable(text, 40) +
                            "' is not a number of seconds (0 to 10000000)",
                        error, column);
        return true;
    };
    std::optional<std::int64_t> duration, billsec;
    if (!seconds_of(CdrField::duration, duration) || !seconds_of(CdrField::billsec, billsec)) return false;
    if (!start && end) start = core::Timestamp::from_ns(end->ns() - duration.value_or(0) * core::k_ns_per_second);
    if (!start) return fail(line, std::max(m_format.at(CdrField::start), 0), "no call start time", error, column);
    if (!end) end = core::Timestamp::from_ns(start->ns() + duration.value_or(0) * core::k_ns_per_second);
    out.start = *start;
    out.answer = answer;
    out.end = *end;
    out.duration_s = duration.value_or((end->ns() - start->ns()) / core::k_ns_per_second);
    out.billsec = billsec.value_or(answer ? (end->ns() - answer->ns()) / core::k_ns_per_second : 0);
    if (out.duration_s < 0 || out.billsec < 0)
        return fail(line, std::max(m_format.at(CdrField::end), 0), "call ends before it starts", error, column);
    if (out.disposition == Disposition::unknown && field(CdrField::disposition).empty()) {
        out.disposition = out.billsec > 0 ? Disposition::answered : Disposition::no_answer;
    }
    return true;
}

void AccPairing::fill(const Pending& pending, core::Timestamp end, CallRecord& out) {
    out = CallRecord{};
    out.account = pending.account;
    out.source = pending.source;
    out.destination = pending.destination;
    out.unique_id = pending.call_id;
    out.file = pending.file;
    out.line = pending.line;
    out.start = pending.start;
    out.answer = pending.start;
    out.end = end;
    out.duration_s = std::max<std::int64_t>(0, (end.ns() - pending.start.ns()) / core::k_ns_per_second);
    out.billsec = out.duration_s;
    out.disposition = Disposition::answered;
}

bool AccPairing::add(const CallRecord& transaction, std::string_view method, std::string_view call_id, int sip_code,
                     CallRecord& out) {
    if (core::iequals(method, "INVITE")) {
        if (sip_code >= 300 || sip_code < 200) {
            out = transaction;
            out.end = transaction.start;
            out.duration_s = out.billsec = 0;
            out.disposition = parse_disposition(std::to_string(sip_code));
            return true;
        }
        if (m_pending.size() >= k_max_pending && !m_order.empty()) {
            m_pending.erase(m_order.front());
            m_order.pop_front();
        }
        Pending p{std::string(transaction.account),
                  std::string(transaction.source),
                  std::string(transaction.destination),
                  std::string(call_id),
                  std::string(transaction.file),
                  transaction.start,
                  transaction.line};
        if (m_pending.insert_or_assign(std::string(call_id), std::move(p)).second) m_order.emplace_back(call_id);
        return false;
    }
    if (!core::iequals(method, "BYE")) return false;
    const auto it = m_pending.find(call_id);
    if (it == m_pending.end()) return false;
    m_done = std::move(it->second);
    m_pending.erase(it);
    fill(m_done, transaction.start, out);
    return true;
}

void AccPairing::flush(CdrSink& sink) {
    CallRecord record;
    for (const auto& call_id : m_order) {
        const auto it = m_pending.find(call_id);
        if (it == m_pending.end()) continue;
        fill(it->second, it->second.start, record);
        sink.on_record(record);
    }
    m_pending.clear();
    m_order.clear();
}

CdrStream::CdrStream(std::string file, std::optional<CdrFormat> format, const SiteClock& clock)
    : m_file(std::move(file)), m_clock(&clock) {
    if (format) {
        m_header_pending = format->header;
        m_parser.emplace(std::move(*format), clock);
    }
}

std::optional<std::string> CdrStream::format_name() const {
    if (!m_parser) return std::nullopt;
    return m_parser->format().name;
}

void CdrStream::bad(std::string_view line, std::uint64_t line_number, std::size_t column, std::string message,
                    CdrSink& sink) {
    ++m_stats.bad_lines;
    core::Diagnostic d;
    d.level = core::Diagnostic::Level::warning;
    d.where = {m_file, static_cast<int>(line_number), static_cast<int>(column)};
    d.message = std::move(message);
    d.line_text = core::printable(line, 300);
    sink.on_bad_line(d);
}

void CdrStream::undetected(std::string_view line, std::uint64_t line_number, CdrSink& sink) {
    DelimitedSplitter csv;
    if (!csv.split(line)) return bad(line, line_number, csv.error_column(), csv.error(), sink);
    bad(line, line_number, 1, "cannot tell the CDR format of this file (use --cdr-format)", sink);
}

void CdrStream::try_detect(CdrSink& sink) {
    std::vector<std::string_view> lines;
    for (const auto& [text, number] : m_undetected) lines.push_back(text);
    if (auto format = detect_format(lines)) {
        m_parser.emplace(std::move(*format), *m_clock);
    } else if (m_undetected.size() < k_detect_lines) {
        return;
    } else {
        for (const auto& [text, number] : m_undetected) undetected(text, number, sink);
        m_undetected.clear();
        return;
    }
    auto waiting = std::move(m_undetected);
    m_undetected.clear();
    for (const auto& [text, number] : waiting) parse_line(text, number, sink);
}

void CdrStream::feed(std::string_view line, std::uint64_t line_number, CdrSink& sink) {
    ++m_stats.lines;
    if (!m_parser) {
        if (m_undetected.size() >= k_detect_lines) return undetected(line, line_number, sink);
        m_undetected.emplace_back(std::string(line), line_number);
        try_detect(sink);
        return;
    }
    parse_line(line, line_number, sink);
}

void CdrStream::parse_line(std::string_view line, std::uint64_t line_number, CdrSink& sink) {
    if (core::trim_lines(line).empty()) return;
    if (m_header_pending) {
        m_header_pending = false;
        DelimitedSplitter header(m_parser->format().syntax);
        if (!header.split(line)) return bad(line, line_number, header.error_column(), header.error(), sink);
        if (auto resolved = m_parser->format().resolve_header(header.fields()); !resolved) {
            return bad(line, line_number, 1, resolved.error().message, sink);
        }
        return;
    }
    std::size_t column = 0;
    if (!m_parser->parse(line, m_record, m_error, column)) return bad(line, line_number, column, m_error, sink);
    m_record.file = m_file;
    m_record.line = line_number;
    if (m_parser->format().kind == RecordKind::kamailio_transaction) {
        const auto& fields = m_parser->fields();
        auto get = [&](CdrField f) {
            const int i = m_parser->format().at(f);
            return i >= 0 && static_cast<std::size_t>(i) < fields.size() ? fields[static_cast<std::size_t>(i)]
                                                                         : std::string_view{};
        };
        const auto code = core::parse_uint(core::trim(get(CdrField::sip_code)), 999);
        if (!code) return bad(line, line_number, 1, "sip_code: not a SIP status code", sink);
        CallRecord call;
        if (!m_acc.add(m_record, get(CdrField::method), get(CdrField::call_id), static_cast<int>(*code), call)) return;
        ++m_stats.records;
        sink.on_record(call);
        return;
    }
    ++m_stats.records;
    sink.on_record(m_record);
}

void CdrStream::feed_all(std::string_view text, CdrSink& sink) {
    std::uint64_t number = 0;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        feed(text.substr(0, newline), ++number, sink);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    }
    finish(sink);
}

void CdrStream::finish(CdrSink& sink) {
    if (!m_parser && !m_undetected.empty()) {
        auto waiting = std::move(m_undetected);
        m_undetected.clear();
        for (const auto& [text, number] : waiting) undetected(text, number, sink);
    }
    const auto before = m_acc.pending();
    m_acc.flush(sink);
    m_stats.records += before;
}

}  // namespace sipwarden::fraud
