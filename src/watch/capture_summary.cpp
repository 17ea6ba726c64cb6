// Tallies of SIP messages.
#include "watch/capture_summary.h"

namespace sipwarden::watch {

void SipTally::add_request(const sip::Message& message) {
    ++requests;
    const auto method = message.method();
    ++requests_by_method[static_cast<std::size_t>(method)];
    if (method != sip::Method::other) return;
    auto it = other_methods.find(message.method_text());
    if (it != other_methods.end()) {
        ++it->second;
    } else if (other_methods.size() < k_max_other_methods) {
        other_methods.emplace(std::string(message.method_text()), 1);
    } else {
        ++other_methods_overflow;
    }
}

void SipTally::add_response(const sip::Message& message) {
    ++responses;
    const int code = message.status_code();
    ++responses_by_status[code >= 100 && code <= 699 ? static_cast<std::size_t>(code) : 0];
}

void SipTally::merge(const SipTally& other) {
    messages += other.messages;
    requests += other.requests;
    responses += other.responses;
    unusable += other.unusable;
    with_sdp += other.with_sdp;
    over_udp += other.over_udp;
    over_tcp += other.over_tcp;
    over_sctp += other.over_sctp;
    from_hep += other.from_hep;
    truncated += other.truncated;
    for (std::size_t i = 0; i < requests_by_method.size(); ++i) requests_by_method[i] += other.requests_by_method[i];
    for (const auto& [name, count] : other.other_methods) {
        auto it = other_methods.find(name);
        if (it != other_methods.end()) {
            it->second += count;
        } else if (other_methods.size() < k_max_other_methods) {
            other_methods.emplace(name, count);
        } else {
            other_methods_overflow += count;
        }
    }
    other_methods_overflow += other.other_methods_overflow;
    for (std::size_t i = 0; i < responses_by_status.size(); ++i) responses_by_status[i] += other.responses_by_status[i];
    for (std::size_t i = 0; i < anomalies.size(); ++i) anomalies[i] += other.anomalies[i];
    anomalies_dropped += other.anomalies_dropped;
}

void CaptureSummary::see_time(core::Timestamp t) {
    if (!first || t < *first) first = t;
    if (!last || t > *last) last = t;
}

}  // namespace sipwarden::watch
