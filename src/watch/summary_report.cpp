// Capture summary as text, JSON and a count line.
#include "watch/summary_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace sipwarden::watch {

namespace {

using Pairs = std::vector<std::pair<std::string, std::uint64_t>>;

Pairs decode_counters(const net::DecodeStats& stats, net::CounterKind kind) {
    Pairs out;
    for (std::size_t i = 0; i < stats.counters.size(); ++i) {
        const auto counter = static_cast<net::Counter>(i);
        if (stats.counters[i] != 0 && net::info(counter).kind == kind)
            out.emplace_back(net::info(counter).name, stats.counters[i]);
    }
    return out;
}

Pairs methods(const SipTally& sip) {
    Pairs out;
    for (std::size_t i = 1; i < sip.requests_by_method.size(); ++i) {
        if (sip.requests_by_method[i] != 0)
            out.emplace_back(sip::to_string(static_cast<sip::Method>(i)), sip.requests_by_method[i]);
    }
    for (const auto& [name, count] : sip.other_methods) out.emplace_back(name, count);
    if (sip.other_methods_overflow != 0) out.emplace_back("(other methods)", sip.other_methods_overflow);
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

Pairs statuses(const SipTally& sip) {
    Pairs out;
    for (std::size_t code = 100; code < sip.responses_by_status.size(); ++code) {
        if (sip.responses_by_status[code] != 0) out.emplace_back(std::to_string(code), sip.responses_by_status[code]);
    }
    if (sip.responses_by_status[0] != 0) out.emplace_back("(unusable code)", sip.responses_by_status[0]);
    return out;
}

Pairs anomalies(const SipTally& sip) {
    Pairs out;
    for (std::size_t i = 0; i < sip.anomalies.size(); ++i) {
        if (sip.anomalies[i] != 0) out.emplace_back(sip::code(static_cast<sip::Anomaly>(i)), sip.anomalies[i]);
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

nlohmann::ordered_json object(const Pairs& pairs) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& [key, value] : pairs) out[key] = value;
    return out;
}

std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

std::string line_of(const Pairs& pairs) {
    if (pairs.empty()) return "none";
    std::string out;
    for (const auto& [key, value] : pairs) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", key, grouped(value));
    return out;
}

}  // namespace

nlohmann::ordered_json summary_to_json(const CaptureSummary& s) {
    nlohmann::ordered_json out;
    out["input"] = {{"name", s.input}, {"format", s.format}, {"complete", s.complete}};
    if (!s.complete) out["input"]["error"] = s.error;
    nlohmann::ordered_json capture = {
        {"frames", s.decode.frames}, {"bytes", s.decode.bytes}, {"truncated_frames", s.decode.truncated_frames}};
    if (s.first && s.last) {
        capture["first"] = s.first->to_iso8601();
        capture["last"] = s.last->to_iso8601();
        capture["duration_s"] = static_cast<double>(s.last->ns() - s.first->ns()) / 1e9;
    }
    out["capture"] = capture;
    out["decode"] = {{"outcomes", object(decode_counters(s.decode, net::CounterKind::outcome))},
                     {"errors", object(decode_counters(s.decode, net::CounterKind::error))}};
    out["payloads"] = {{"total", s.payloads}, {"sip", s.payloads - s.other_payloads}, {"other", s.other_payloads}};
    const SipTally& sip = s.sip;
    out["sip"] = {{"messages", sip.messages},
                  {"requests", sip.requests},
                  {"responses", sip.responses},
                  {"unusable", sip.unusable},
                  {"with_sdp", sip.with_sdp},
                  {"over_udp", sip.over_udp},
                  {"over_tcp", sip.over_tcp},
                  {"over_sctp", sip.over_sctp},
                  {"from_hep", sip.from_hep},
                  {"truncated", sip.truncated},
                  {"requests_by_method", object(methods(sip))},
                  {"responses_by_status", object(statuses(sip))},
                  {"anomalies", object(anomalies(sip))},
                  {"anomalies_not_recorded", sip.anomalies_dropped}};
    return out;
}

std::string summary_to_text(const CaptureSummary& s, bool color) {
    const char* bold = color ? "\033[1m" : "";
    const char* red = color ? "\033[31m" : "";
    const char* reset = color ? "\033[0m" : "";
    std::string out;
    auto row = [&](std::string_view label, const std::string& value) {
        out += fmt::format("{}{:<12}{} {}\n", bold, label, reset, value);
    };
    row("Input", fmt::format("{} ({})", s.input, s.format));
    if (s.first && s.last) {
        row("Span", fmt::format("{} .. {} ({:.3f} s)", s.first->to_iso8601(), s.last->to_iso8601(),
                                static_cast<double>(s.last->ns() - s.first->ns()) / 1e9));
    }
    row("Frames", fmt::format("{} ({} bytes), {} truncated by snaplen", grouped(s.decode.frames),
                              grouped(s.decode.bytes), grouped(s.decode.truncated_frames)));
    row("Packets", line_of(decode_counters(s.decode, net::CounterKind::outcome)));
    row("Payloads", fmt::format("{} SIP, {} other", grouped(s.payloads - s.other_payloads), grouped(s.other_payloads)));
    const SipTally& sip = s.sip;
    // SCTP comes only from HEP agents: named when there is any.
    const std::string sctp = sip.over_sctp == 0 ? "" : fmt::format(", {} over SCTP", grouped(sip.over_sctp));
    row("SIP",
        fmt::format("{} messages: {} requests, {} responses; {} with SDP; {} over UDP, {} over TCP{}, {} from HEP",
                    grouped(sip.messages), grouped(sip.requests), grouped(sip.responses), grouped(sip.with_sdp),
                    grouped(sip.over_udp), grouped(sip.over_tcp), sctp, grouped(sip.from_hep)));
    if (sip.unusable != 0)
        row("", fmt::format("{} payloads looked like SIP but had no usable start line", grouped(sip.unusable)));
    row("Requests", line_of(methods(sip)));
    row("Responses", line_of(statuses(sip)));
    row("Anomalies", line_of(anomalies(sip)));
    const auto errors = decode_counters(s.decode, net::CounterKind::error);
    row("Errors", errors.empty() ? "none" : std::string(red) + line_of(errors) + reset);
    if (!s.complete) out += fmt::format("{}error:{} {}\n", red, reset, s.error);
    return out;
}

std::string summary_counts_line(const CaptureSummary& s) {
    std::string line = fmt::format("packets={} sip_messages={} sip_requests={} sip_responses={}", s.decode.frames,
                                   s.sip.messages, s.sip.requests, s.sip.responses);
    if (s.reading_thread_cpu_s && s.calling_thread_cpu_s)
        line += fmt::format(" cpu_s_reading_thread={:.3f} cpu_s_calling_thread={:.3f}", *s.reading_thread_cpu_s,
                            *s.calling_thread_cpu_s);
    return line;
}

}  // namespace sipwarden::watch
