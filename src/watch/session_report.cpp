// Collecting session events into the watch report; JSON and CSV forms.
#include "watch/session_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "watch/json_text.h"
#include "watch/summary_report.h"

namespace sipwarden::watch {

namespace {

nlohmann::ordered_json time_or_null(core::Timestamp t) {
    if (t.ns() == 0) return nullptr;
    return t.to_iso8601();
}

nlohmann::ordered_json endpoint_json(const core::Endpoint& e) {
    if (e.address.empty()) return nullptr;
    return {{"ip", e.address.to_string()}, {"port", e.port}};
}

// The same two, written into a line.
void time_or_null(JsonText& j, core::Timestamp t) {
    if (t.ns() == 0) {
        j.null();
    } else {
        j.string(t.to_iso8601());
    }
}

void endpoint_json(JsonText& j, const core::Endpoint& e) {
    if (e.address.empty()) {
        j.null();
        return;
    }
    j.open();
    j.key("ip").string(e.address.to_string());
    j.key("port").number(unsigned{e.port});
    j.close();
}

std::string_view transport_name(session::Transport t) {
    switch (t) {
        case session::Transport::udp: return "UDP";
        case session::Transport::tcp: return "TCP";
        case session::Transport::sctp: return "SCTP";
    }
    return "";
}

bool printable(char c) { return c >= 0x20 && c < 0x7f; }
bool all_printable(std::string_view text) { return std::all_of(text.begin(), text.end(), printable); }

// JSON strings must be valid UTF-8; SIP text from the wire need not be.
std::string safe(std::string_view text) {
    if (all_printable(text)) return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (printable(text[i])) {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("\\x{:02x}", c);
        }
    }
    return out;
}

// A string from the wire as a JSON value, through safe() (without its copy
// when it is printable already).
void safe_json(JsonText& j, std::string_view text) {
    if (all_printable(text)) {
        j.string(text);
        return;
    }
    const std::string clean = safe(text);
    j.string(clean);
}

void party_json(JsonText& j, const session::Party& p) {
    j.open();
    safe_json(j.key("user"), p.user);
    safe_json(j.key("host"), p.host);
    safe_json(j.key("display"), p.display);
    j.key("ip").string(p.endpoint.address.to_string());
    j.key("port").number(unsigned{p.endpoint.port});
    j.close();
}

// Whether a spreadsheet could take `text` for a formula (OWASP "CSV
// injection"): it starts with '=' or '@', or with '+' or '-' and is more
// than a telephone number (digits and the separators . - ( ) and space),
// so "+4930123456" and "-" stay as they are while "+cmd|..." does not.
bool formula_like(std::string_view text) {
    if (text.empty()) return false;
    if (text.front() == '=' || text.front() == '@') return true;
    if (text.front() != '+' && text.front() != '-') return false;
    return text.find_first_not_of("0123456789.-() ", 1) != std::string_view::npos;
}

}  // namespace

std::string csv_field(std::string_view text) {
    std::string clean = safe(text);
    // A leading apostrophe makes a spreadsheet show the cell as text.
    if (formula_like(clean)) clean.insert(0, 1, '\'');
    if (clean.find_first_of(",\"\r\n") == std::string::npos) return clean;
    std::string out = "\"";
    for (char c : clean) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

namespace {

// ++map[name] without building a key when `name` is already there.
void bump(std::map<std::string, std::uint64_t, std::less<>>& map, std::string_view name) {
    auto it = map.find(name);
    if (it == map.end()) it = map.emplace(std::string(name), 0).first;
    ++it->second;
}

template <typename Map, typename Key>
auto* bounded_find(Map& map, const Key& key, std::size_t limit, std::uint64_t& dropped) {
    auto it = map.find(key);
    if (it != map.end()) return &it->second;
    if (map.size() >= limit) {
        ++dropped;
        return static_cast<typename Map::mapped_type*>(nullptr);
    }
    return &map.try_emplace(typename Map::key_type(key)).first->second;
}

}  // namespace

std::string call_json_text(const session::CallInfo& c) {
    std::string out;
    out.reserve(768);
    JsonText j(out);
    j.open();
    j.key("type").string("call");
    safe_json(j.key("call_id"), c.call_id);
    party_json(j.key("caller"), c.caller);
    party_json(j.key("callee"), c.callee);
    safe_json(j.key("request_uri"), c.request_uri);
    safe_json(j.key("dialled"), c.request_user);
    safe_json(j.key("asserted_identity"), c.asserted_user);
    safe_json(j.key("user_agent"), c.user_agent);
    safe_json(j.key("server"), c.server);
    safe_json(j.key("digest_username"), c.digest_username);
    j.key("transport").string(transport_name(c.transport));
    j.key("state").string(session::to_string(c.state));
    j.key("end_reason").string(session::to_string(c.end_reason));
    j.key("final_status").number(c.final_status);
    time_or_null(j.key("invite"), c.invite);
    time_or_null(j.key("ringing"), c.first_provisional);
    time_or_null(j.key("answered"), c.answered);
    time_or_null(j.key("ended"), c.ended);
    j.key("setup_s").number(c.setup_s());
    j.key("duration_s").number(c.duration_s());
    j.key("auth_challenges").number(c.auth_challenges);
    j.key("reinvites").number(c.reinvites);
    j.key("forks").number(c.forks);
    j.key("media_streams").number(c.media_streams);
    j.key("mid_dialog").boolean(c.mid_dialog);
    j.close();
    return out;
}

std::string media_json_text(const session::MediaStreamInfo& s) {
    std::string out;
    out.reserve(640);
    JsonText j(out);
    j.open();
    j.key("type").string("media_stream");
    safe_json(j.key("call_id"), s.call_id);
    j.key("media").string(s.media);
    j.key("codec").string(s.codec);
    endpoint_json(j.key("destination"), s.destination);
    endpoint_json(j.key("expected_source"), s.expected_source);
    endpoint_json(j.key("source"), s.source);
    j.key("ssrc").string(fmt::format("0x{:08x}", s.ssrc));
    j.key("ssrc_changes").number(std::uint64_t{s.ssrc_changes});
    j.key("packets").number(s.packets);
    j.key("bytes").number(s.bytes);
    j.key("lost").number(s.lost);
    const auto lost = static_cast<std::uint64_t>(std::max<std::int64_t>(s.lost, 0));
    j.key("loss_percent")
        .number(s.packets + lost == 0 ? 0.0
                                      : 100.0 * static_cast<double>(lost) / static_cast<double>(s.packets + lost));
    j.key("jitter_ms").number(s.jitter_ms);
    j.key("max_jitter_ms").number(s.max_jitter_ms);
    j.key("max_delta_ms").number(s.max_delta_ms);
    j.key("sequence_jumps").number(s.sequence_jumps);
    j.key("rtcp_packets").number(s.rtcp_packets);
    j.key("after_call_end").number(s.after_end);
    time_or_null(j.key("first"), s.first);
    time_or_null(j.key("last"), s.last);
    j.close();
    return out;
}

std::string call_csv_header() {
    return "call_id,invite,caller_user,caller_host,caller_ip,caller_port,callee_user,callee_host,callee_ip,callee_port,"
           "dialled,user_agent,transport,final_status,state,end_reason,answered,ended,setup_s,duration_s,media_"
           "streams\r\n";
}

std::string call_csv_row(const session::CallInfo& c) {
    auto t = [](core::Timestamp ts) { return ts.ns() == 0 ? std::string() : ts.to_iso8601(); };
    return fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{:.3f},{:.3f},{}\r\n",
                       csv_field(c.call_id), t(c.invite), csv_field(c.caller.user), csv_field(c.caller.host),
                       c.caller.endpoint.address.to_string(), c.caller.endpoint.port, csv_field(c.callee.user),
                       csv_field(c.callee.host), c.callee.endpoint.address.to_string(), c.callee.endpoint.port,
                       csv_field(c.request_user), csv_field(c.user_agent), transport_name(c.transport), c.final_status,
                       session::to_string(c.state), session::to_string(c.end_reason), t(c.answered), t(c.ended),
                       c.setup_s(), c.duration_s(), c.media_streams);
}

SessionReport::SessionReport(ReportFormat format, std::FILE* out, ReportLimits limits)
    : m_format(format), m_out(out), m_limits(limits) {
    if (m_format == ReportFormat::csv) write_csv_header();
}

void SessionReport::write_line(const nlohmann::ordered_json& object) {
    write_text_line(object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void SessionReport::write_text_line(std::string line) {
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), m_out);
    if (m_flush_lines) std::fflush(m_out);
}

void SessionReport::write_csv_header() {
    const std::string header = call_csv_header();
    std::fwrite(header.data(), 1, header.size(), m_out);
}

void SessionReport::on_event(const session::Event& event) {
    std::visit([&](const auto& e) { on(e); }, event);
}

SessionReport::SourceRow* SessionReport::source(const core::IpAddress& address) {
    const std::uint64_t hash = core::hash_of(address, 0);
    std::uint32_t slot = m_sources.find(hash, [&](const SourceRow& row) { return row.address == address; });
    if (slot == session::k_no_slot) {
        if (m_sources.size() >= m_limits.aggregate_entries) {
            ++m_dropped_rows;
            return nullptr;
        }
        slot = m_sources.insert(hash);
        m_sources.at(slot).address = address;
    }
    return &m_sources.at(slot);
}

void SessionReport::SourceRow::count(sip::Method method, std::string_view text) {
    if (method != sip::Method::other) {
        ++by_method[static_cast<std::size_t>(method)];
        return;
    }
    auto it = other_methods.find(text);
    if (it == other_methods.end()) it = other_methods.emplace(safe(text), 0).first;
    ++it->second;
}

std::map<std::string, std::uint64_t, std::less<>> SessionReport::SourceRow::methods() const {
    auto all = other_methods;
    for (std::size_t m = 0; m < by_method.size(); ++m) {
        if (by_method[m] != 0) all[std::string(sip::to_string(static_cast<sip::Method>(m)))] += by_method[m];
    }
    return all;
}

void SessionReport::count_user_agent(std::string_view user_agent) {
    if (user_agent.empty()) return;
    if (auto* n = bounded_find(m_user_agents, user_agent, m_limits.aggregate_entries, m_dropped_rows)) ++*n;
}

void SessionReport::failure_to(const core::IpAddress& address, int status) {
    if (status < 400) return;
    if (auto* row = source(address)) ++row->failures;
}

namespace {
std::string party_text(const session::Party& p) {
    const std::string where = fmt::format("{}:{}", p.endpoint.address.to_string(), p.endpoint.port);
    return p.user.empty() ? where : safe(p.user) + "@" + where;
}
}  // namespace

// The columns of the text report's call list (the media columns are kept
// as the streams end).
void SessionReport::list_fields(const session::CallInfo& c, CallRow& row) {
    if (c.invite.ns() == 0) {
        row.invite = "-";
    } else {
        const std::string t = c.invite.to_iso8601();
        row.invite = t.substr(0, 10) + " " + t.substr(11, 8);
    }
    row.caller = party_text(c.caller);
    row.callee = party_text(c.callee);
    row.final_status = c.final_status;
    row.outcome = std::string(c.end_reason == session::EndReason::none ? session::to_string(c.state)
                                                                       : session::to_string(c.end_reason));
    row.setup_s = c.setup_s();
    row.duration_s = c.duration_s();
}

void SessionReport::on(const session::CallStarted& e) {
    ++m_calls.started;
    count_user_agent(e.call.user_agent);
    if (auto* row = source(e.call.caller.endpoint.address)) {
        ++row->requests;
        row->count(sip::Method::invite, "INVITE");
    }
    if (m_format != ReportFormat::text) return;
    if (m_listed.size() >= m_limits.calls_listed) {
        ++m_calls_not_listed;
        return;
    }
    std::string id(e.call.call_id);
    if (auto [it, added] = m_listed.emplace(id, CallRow{}); added) {
        list_fields(e.call, it->second);
        m_listed_order.push_back(std::move(id));
    }
}

void SessionReport::on(const session::CallAnswered&) { ++m_calls.answered; }

void SessionReport::on(const session::CallEnded& e) {
    ++m_calls.ended;
    bump(m_calls.by_end_reason, session::to_string(e.call.end_reason));
    ++m_calls.by_final_status[e.call.final_status];
    if (e.call.final_status >= 400 && e.call.end_reason != session::EndReason::cancelled) {
        failure_to(e.call.caller.endpoint.address, e.call.final_status);
    }
    switch (m_format) {
        case ReportFormat::json: write_text_line(call_json_text(e.call)); break;
        case ReportFormat::csv: {
            const std::string row = call_csv_row(e.call);
            std::fwrite(row.data(), 1, row.size(), m_out);
            if (m_flush_lines) std::fflush(m_out);
            break;
        }
        case ReportFormat::text:
            if (auto it = m_listed.find(e.call.call_id); it != m_listed.end()) list_fields(e.call, it->second);
            break;
    }
}

void SessionReport::on(const session::RegistrationEvent& e) {
    const auto& r = e.registration;
    m_key.assign(r.aor);
    m_key += '\n';
    m_key.append(reinterpret_cast<const char*>(r.source.address.bytes().data()), r.source.address.bytes().size());
    m_key += static_cast<char>(r.source.address.family());
    const std::uint64_t hash = core::hash_text(m_key);
    std::uint32_t slot = m_registrations.find(hash, [&](const RegistrationRow& row) { return row.key == m_key; });
    if (slot == session::k_no_slot) {
        if (m_registrations.size() >= m_limits.aggregate_entries) {
            ++m_dropped_rows;
            return;
        }
        slot = m_registrations.insert(hash);
        m_registrations.at(slot).key = m_key;
    }
    RegistrationRow* const row = &m_registrations.at(slot);
    if (row->attempts == 0 && row->challenges == 0 && row->successes == 0 && row->failures == 0) {
        row->aor = safe(r.aor);
        row->source = r.source.address.to_string();
        row->first = r.time;
    }
    row->last = r.time;
    // Keeps up to 8 distinct values, as safe() writes them. A raw value
    // equal to a kept one is printable ASCII, so safe() would give it back
    // unchanged: the comparison needs no conversion.
    auto remember = [](std::vector<std::string>& list, std::string_view raw) {
        if (raw.empty() || list.size() >= 8) return;
        for (const auto& v : list)
            if (v == raw) return;
        std::string value = safe(raw);
        for (const auto& v : list)
            if (v == value) return;
        list.push_back(std::move(value));
    };
    switch (e.outcome) {
        case session::RegistrationOutcome::attempted:
            ++row->attempts;
            remember(row->user_agents, r.user_agent);
            remember(row->usernames, r.digest_username);
            count_user_agent(r.user_agent);
            if (auto* s = source(r.source.address)) {
                ++s->requests;
                s->count(sip::Method::register_, "REGISTER");
            }
            break;
        case session::RegistrationOutcome::challenged: ++row->challenges; break;
        case session::RegistrationOutcome::succeeded:
            ++row->successes;
            row->expires = r.expires;
            break;
        case session::RegistrationOutcome::failed:
            ++row->failures;
            failure_to(r.source.address, r.status);
            break;
    }
    if (r.status != 0) row->last_status = r.status;
}

void SessionReport::on(const session::RequestSeen& e) {
    count_user_agent(e.user_agent);
    if (auto* row = source(e.source.address)) {
        ++row->requests;
        row->count(sip::method_from(e.method), e.method);
    }
}

void SessionReport::on(const session::ResponseSeen& e) { failure_to(e.destination.address, e.status); }

void SessionReport::on(const session::MediaStreamStarted&) {}

void SessionReport::on(const session::MediaStreamEnded& e) {
    ++m_streams;
    m_stream_packets += e.stream.packets;
    m_stream_lost += e.stream.lost;
    if (m_format == ReportFormat::json) write_text_line(media_json_text(e.stream));
    if (auto it = m_listed.find(e.stream.call_id); it != m_listed.end()) {
        it->second.packets += e.stream.packets;
        it->second.lost += e.stream.lost;
        it->second.max_jitter_ms = std::max(it->second.max_jitter_ms, e.stream.max_jitter_ms);
        ++it->second.streams;
    }
}

void SessionReport::on(const session::MediaSourceChanged&) { ++m_source_changes; }

void SessionReport::on(const session::UnsolicitedMediaStarted&) {}

void SessionReport::on(const session::UnsolicitedMediaEnded& e) {
    if (m_unsolicited.size() >= m_limits.aggregate_entries) {
        ++m_dropped_rows;
        return;
    }
    m_unsolicited.push_back(e.media);
    m_unsolicited.back().call_id = {};
    m_unsolicited_calls.push_back(safe(e.media.call_id));
}

void SessionReport::on(const session::AnomalySeen& e) {
    auto* row = bounded_find(m_anomalies, std::string(e.code), m_limits.aggregate_entries, m_dropped_rows);
    if (row == nullptr) return;
    if (row->count++ == 0) {
        row->example =
            fmt::format("{} -> {} {}{}", e.source.to_string(), e.destination.to_string(), safe(e.detail.substr(0, 60)),
                        e.call_id.empty() ? "" : " (Call-ID " + safe(e.call_id.substr(0, 60)) + ")");
    }
}

void SessionReport::on(const session::LimitReached& e) { ++m_limits_hit[std::string(e.table)]; }

void SessionReport::finish(const CaptureSummary& capture, const session::TrackerStats& tracker, bool color) {
    if (m_format == ReportFormat::json) {
        for (const RegistrationRow* row : registrations_sorted()) {
            std::string line;
            registration_json(*row, line);
            write_text_line(std::move(line));
        }
        write_line(summary_json(capture, tracker));
    } else if (m_format == ReportFormat::text) {
        const std::string report = text(capture, tracker, color);
        std::fwrite(report.data(), 1, report.size(), m_out);
    }
}

// The row's text is safe() already (written so when the row was made).
void SessionReport::registration_json(const RegistrationRow& r, std::string& out) {
    JsonText j(out);
    const auto list = [&](std::string_view name, const std::vector<std::string>& values) {
        j.key(name).open_array();
        for (const auto& v : values) j.element().string(v);
        j.close_array();
    };
    j.open();
    j.key("type").string("registration");
    j.key("aor").string(r.aor);
    j.key("source_ip").string(r.source);
    j.key("attempts").number(r.attempts);
    j.key("challenges").number(r.challenges);
    j.key("successes").number(r.successes);
    j.key("failures").number(r.failures);
    j.key("last_status").number(r.last_status);
    j.key("expires").number(r.expires);
    list("user_agents", r.user_agents);
    list("digest_usernames", r.usernames);
    time_or_null(j.key("first"), r.first);
    time_or_null(j.key("last"), r.last);
    j.close();
}

std::vector<const SessionReport::RegistrationRow*> SessionReport::registrations_sorted() const {
    std::vector<const RegistrationRow*> rows;
    m_registrations.for_each([&](std::uint32_t, const RegistrationRow& row) { rows.push_back(&row); });
    std::sort(rows.begin(), rows.end(),
              [](auto* a, auto* b) { return std::tie(a->aor, a->source) < std::tie(b->aor, b->source); });
    return rows;
}

std::vector<std::pair<core::IpAddress, const SessionReport::SourceRow*>> SessionReport::sources_sorted() const {
    std::vector<std::pair<core::IpAddress, const SourceRow*>> rows;
    m_sources.for_each([&](std::uint32_t, const SourceRow& row) { rows.emplace_back(row.address, &row); });
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return rows;
}

nlohmann::ordered_json SessionReport::summary_json(const CaptureSummary& capture,
                                                   const session::TrackerStats& t) const {
    nlohmann::ordered_json j = summary_to_json(capture);
    nlohmann::ordered_json out;
    out["type"] = "summary";
    for (auto& [key, value] : j.items()) out[key] = value;
    nlohmann::ordered_json reasons = nlohmann::ordered_json::object(), statuses = nlohmann::ordered_json::object();
    for (const auto& [reason, n] : m_calls.by_end_reason) reasons[reason] = n;
    for (const auto& [status, n] : m_calls.by_final_status) statuses[std::to_string(status)] = n;
    out["calls"] = {{"started", m_calls.started},
                    {"answered", m_calls.answered},
                    {"ended", m_calls.ended},
                    {"by_end_reason", reasons},
                    {"by_final_status", statuses}};
    out["registrations"] = {{"attempts", t.registrations.attempts},
                            {"challenged", t.registrations.challenged},
                            {"succeeded", t.registrations.succeeded},
                            {"failed", t.registrations.failed}};
    out["media"] = {{"streams", m_streams},
                    {"packets", m_stream_packets},
                    {"lost", m_stream_lost},
                    {"source_changes", m_source_changes},
                    {"rtcp_packets", t.media.rtcp_packets},
                    {"unsolicited_packets", t.media.unsolicited_packets},
                    {"not_rtp_on_flows", t.media.not_rtp}};
    nlohmann::ordered_json sources = nlohmann::ordered_json::array();
    for (const auto& [address, row] : sources_sorted()) {
        nlohmann::ordered_json methods = nlohmann::ordered_json::object();
        for (const auto& [m, n] : row->methods()) methods[m] = n;
        sources.push_back({{"ip", address.to_string()},
                           {"requests", row->requests},
                           {"failures", row->failures},
                           {"methods", methods}});
    }
    out["sources"] = sources;
    std::vector<std::pair<std::string, std::uint64_t>> agent_rows(m_user_agents.begin(), m_user_agents.end());
    std::sort(agent_rows.begin(), agent_rows.end());
    nlohmann::ordered_json agents = nlohmann::ordered_json::object();
    for (const auto& [ua, n] : agent_rows) agents[safe(ua)] = n;
    out["user_agents"] = agents;
    nlohmann::ordered_json unsolicited = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < m_unsolicited.size(); ++i) {
        const auto& u = m_unsolicited[i];
        unsolicited.push_back({{"source_ip", u.source.address.to_string()},
                               {"destination", endpoint_json(u.destination)},
                               {"kind", u.kind == session::UnsolicitedKind::rtp ? "rtp" : "rtcp"},
                               {"after_call", u.after_call},
                               {"call_id", m_unsolicited_calls[i]},
                               {"packets", u.packets},
                               {"bytes", u.bytes},
                               {"first", time_or_null(u.first)},
                               {"last", time_or_null(u.last)}});
    }
    out["unsolicited_media"] = unsolicited;
    nlohmann::ordered_json limits = nlohmann::ordered_json::object();
    for (const auto& [table, n] : m_limits_hit) limits[table] = n;
    out["tracker"] = {{"transactions_peak", t.transactions_tracked_peak},
                      {"calls_peak", t.calls_tracked_peak},
                      {"registrations_peak", t.registrations_tracked_peak},
                      {"media_flows_peak", t.flows_tracked_peak},
                      {"request_retransmissions", t.transactions.request_retransmissions},
                      {"response_retransmissions", t.transactions.response_retransmissions},
                      {"orphan_responses", t.transactions.orphan_responses},
                      {"limits_reached", limits},
                      {"report_rows_dropped", m_dropped_rows}};
    return out;
}

}  // namespace sipwarden::watch
