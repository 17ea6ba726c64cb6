// The watch report for a person: the capture summary, then calls,
// registrations, sources, user agents, unsolicited media and anomalies.
#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"
#include "watch/session_report.h"
#include "watch/summary_report.h"

namespace sipwarden::watch {

namespace {

using core::printable;

std::string cut(std::string text, std::size_t width) {
    if (text.size() <= width) return text;
    return text.substr(0, width - 1) + "~";
}

// The n rows with the largest key(row) > 0, ties broken by the map key.
template <typename Rows, typename Key>
std::vector<typename Rows::const_iterator> top(const Rows& rows, std::size_t n, Key key) {
    std::vector<typename Rows::const_iterator> out;
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        if (key(it->second) > 0) out.push_back(it);
    }
    std::sort(out.begin(), out.end(), [&](auto a, auto b) {
        return key(a->second) != key(b->second) ? key(a->second) > key(b->second) : a->first < b->first;
    });
    if (out.size() > n) out.resize(n);
    return out;
}

}  // namespace

std::string SessionReport::text(const CaptureSummary& capture, const session::TrackerStats& tracker, bool color) const {
    const char* bold = color ? "\033[1m" : "";
    const char* reset = color ? "\033[0m" : "";
    std::string out = summary_to_text(capture, color);
    auto heading = [&](std::string_view title, const std::string& rest) {
        out += fmt::format("\n{}{}{} {}\n", bold, title, reset, rest);
    };

    std::string reasons;
    for (const auto& [reason, n] : m_calls.by_end_reason)
        reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", reason, n);
    heading("Calls", fmt::format("{} started, {} answered{}{}", m_calls.started, m_calls.answered,
                                 reasons.empty() ? "" : "; ended: ", reasons));
    if (!m_listed.empty()) {
        out += fmt::format("  {:<19}  {:<30}  {:<30}  {:>6}  {:<14}  {:>7}  {:>9}  {}\n", "invite (UTC)", "caller",
                           "callee", "status", "outcome", "setup s", "duration", "media");
        for (const auto& id : m_listed_order) {
            const auto& row = m_listed.at(id);
            std::string media = "-";
            if (row.streams > 0) {
                const double loss =
                    row.packets == 0
                        ? 0.0
                        : 100.0 * static_cast<double>(std::max<std::int64_t>(row.lost, 0)) /
                              static_cast<double>(row.packets +
                                                  static_cast<std::uint64_t>(std::max<std::int64_t>(row.lost, 0)));
                media = fmt::format("{} streams, {} pkts, {:.1f}% loss, jitter {:.1f} ms", row.streams, row.packets,
                                    loss, row.max_jitter_ms);
            }
            out += fmt::format("  {:<19}  {:<30}  {:<30}  {:>6}  {:<14}  {:>7.2f}  {:>8.1f}s  {}\n", row.invite,
                               cut(row.caller, 30), cut(row.callee, 30), row.final_status, row.outcome, row.setup_s,
                               row.duration_s, media);
        }
        if (m_calls_not_listed > 0)
            out += fmt::format("  ... and {} more calls (--format json or csv lists them all)\n", m_calls_not_listed);
    }

    heading("Registrations", fmt::format("{} attempts, {} challenged, {} succeeded, {} failed",
                                         tracker.registrations.attempts, tracker.registrations.challenged,
                                         tracker.registrations.succeeded, tracker.registrations.failed));
    std::size_t shown = 0;
    for (const RegistrationRow* row : registrations_sorted()) {
        const RegistrationRow& r = *row;
        if (shown++ == m_limits.top * 2) {
            out += fmt::format("  ... and {} more (AOR, source) pairs\n", m_registrations.size() - m_limits.top * 2);
            break;
        }
        out +=
            fmt::format("  {:<40} from {:<16} {} attempts, {} challenged, {} ok, {} failed, last {}{}\n",
                        cut(r.aor, 40), r.source, r.attempts, r.challenges, r.successes, r.failures, r.last_status,
                        r.usernames.empty() ? "" : fmt::format(", usernames tried: {}", fmt::join(r.usernames, " ")));
    }

    const auto sorted = sources_sorted();
    const std::map<core::IpAddress, const SourceRow*> sources(sorted.begin(), sorted.end());
    const auto by_requests = top(sources, m_limits.top, [](const SourceRow* r) { return r->requests; });
    heading("Top sources", "by requests");
    for (auto it : by_requests) {
        std::string methods;
        for (const auto& [m, n] : it->second->methods())
            methods += fmt::format("{}{} {}", methods.empty() ? "" : ", ", m, n);
        out += fmt::format("  {:<40} {:>9} requests ({})\n", it->first.to_string(), it->second->requests, methods);
    }
    const auto by_failures = top(sources, m_limits.top, [](const SourceRow* r) { return r->failures; });
    heading("Top sources", "by failures (final responses >= 400 they received)");
    if (by_failures.empty()) out += "  none\n";
    for (auto it : by_failures)
        out += fmt::format("  {:<40} {:>9} failures\n", it->first.to_string(), it->second->failures);

    heading("User agents", fmt::format("{} distinct", m_user_agents.size()));
    for (auto it : top(m_user_agents, m_limits.top, [](std::uint64_t n) { return n; })) {
        out += fmt::format("  {:>9}  {}\n", it->second, cut(printable(it->first), 100));
    }

    heading("Media",
            fmt::format("{} streams, {} packets, {} lost, {} source changes; {} unsolicited packets", m_streams,
                        m_stream_packets, m_stream_lost, m_source_changes, tracker.media.unsolicited_packets));
    for (std::size_t i = 0; i < m_unsolicited.size() && i < m_limits.top; ++i) {
        const auto& u = m_unsolicited[i];
        out += fmt::format("  unsolicited {} from {} to {}: {} packets{}\n",
                           u.kind == session::UnsolicitedKind::rtp ? "RTP" : "RTCP", u.source.address.to_string(),
                           u.destination.to_string(), u.packets, u.after_call ? " (after its call ended)" : "");
    }

    heading("Anomalies", m_anomalies.empty() ? "none" : "");
    for (const auto& [code, row] : m_anomalies)
        out += fmt::format("  {:<34} {:>7}  e.g. {}\n", code, row.count, row.example);
    if (!m_limits_hit.empty()) {
        std::string limits;
        for (const auto& [table, n] : m_limits_hit)
            limits += fmt::format("{}{} {}", limits.empty() ? "" : ", ", table, n);
        heading("Limits reached", limits + " (docs/session-tracking.md)");
    }
    return out;
}

}  // namespace sipwarden::watch
