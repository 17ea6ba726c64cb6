// Dispatch of messages and packets to the trackers, and their timers.
#include "session/tracker.h"

#include "sip/anomaly.h"

namespace sipwarden::session {

namespace {

std::string_view user_of(const sip::NameAddr* address) { return address ? address->uri.user : std::string_view(); }

}  // namespace

SessionTracker::SessionTracker(EventSink& sink, const Limits& limits)
    : m_limits(limits),
      m_sink(sink),
      m_transactions(m_limits),
      m_calls(m_limits, sink),
      m_registrations(m_limits, sink),
      m_media(m_limits, sink, m_calls) {}

void SessionTracker::on_sip(const SipInput& input) {
    SipInput in = input;
    SipFacts local;
    if (in.facts == nullptr) {
        local = sip_facts(in.message);
        in.facts = &local;
    }
    advance(in.time);
    ++m_sip_messages;
    anomalies(in);
    if (in.message.is_request()) {
        request(in);
    } else {
        response(in);
    }
}

void SessionTracker::request(const SipInput& in) {
    const sip::Message& m = in.message;
    const std::uint64_t full_before = m_transactions.limit_reached();
    const auto tx = m_transactions.on_request(m, *in.facts, in.time);
    if (m_transactions.limit_reached() != full_before) m_sink.on_event(LimitReached{"transactions", in.time});
    const sip::Method method = m.method();
    if (method == sip::Method::register_) {
        m_registrations.on_request(in, tx);
        return;
    }
    const std::uint32_t call = m_calls.on_request(in, tx);
    if (call != k_no_slot && !tx.retransmission) media_of(call, in);
    const bool call_method = method == sip::Method::invite || method == sip::Method::ack ||
                             method == sip::Method::bye || method == sip::Method::cancel;
    if (call_method || tx.retransmission) return;
    RequestSeen seen;
    seen.method = m.method_text();
    seen.call_id = m.call_id();
    seen.request_uri = m.request_uri();
    seen.from_user = user_of(m.from());
    seen.to_user = user_of(m.to());
    seen.user_agent = m.header(sip::HeaderId::user_agent);
    seen.source = in.source;
    seen.destination = in.destination;
    seen.transport = in.transport;
    seen.time = in.time;
    seen.in_dialog = m.to() && m.to()->tag().has_value();
    m_sink.on_event(seen);
}

void SessionTracker::response(const SipInput& in) {
    const sip::Message& m = in.message;
    const auto tx = m_transactions.on_response(m, *in.facts, in.time);
    if (!m.cseq()) return;
    const sip::Method method = m.cseq()->method;
    if (method == sip::Method::register_) {
        m_registrations.on_response(in, tx);
        return;
    }
    const std::uint32_t call = m_calls.on_response(in, tx);
    if (call != k_no_slot && !tx.retransmission) media_of(call, in);
    const bool call_method =
        method == sip::Method::invite || method == sip::Method::bye || method == sip::Method::cancel;
    if (call_method || tx.retransmission || m.status_code() < 200) return;
    m_sink.on_event(
        ResponseSeen{m.cseq()->method_text, m.call_id(), m.status_code(), in.source, in.destination, in.time});
}

void SessionTracker::media_of(std::uint32_t call_slot, const SipInput& in) {
    if (in.sdp == nullptr) return;
    m_media.on_sdp(call_slot, m_calls.sender(call_slot, in.message, in.source), *in.sdp, in.time);
}

void SessionTracker::anomalies(const SipInput& in) {
    auto report = [&](std::span<const sip::AnomalyRecord> records) {
        for (const auto& record : records) {
            m_sink.on_event(AnomalySeen{sip::code(record.anomaly), record.detail, in.message.call_id(), in.source,
                                        in.destination, in.time});
        }
    };
    report(in.message.anomalies());
    if (in.sdp != nullptr) report(in.sdp->anomalies());
}

void SessionTracker::on_media(const MediaInput& in) {
    advance(in.time);
    ++m_media_packets;
    m_media.on_packet(in);
}

void SessionTracker::advance(core::Timestamp now) {
    if (now > m_now) m_now = now;
    if (m_now < m_next_tick) return;
    m_next_tick = core::Timestamp::from_ns(m_now.ns() + m_limits.timer_granularity);
    note_sizes();
    m_transactions.expire(m_now);
    m_calls.expire(m_now, [&](std::uint32_t slot, std::uint32_t generation) { m_media.forget_call(slot, generation); });
    m_registrations.expire(m_now);
    m_media.expire(m_now);
}

void SessionTracker::finish() {
    note_sizes();
    m_calls.finish(m_now, [&](std::uint32_t slot, std::uint32_t generation) { m_media.forget_call(slot, generation); });
    m_media.finish();
}

void SessionTracker::note_sizes() {
    auto peak = [](std::size_t now, std::size_t& current, std::size_t& max) {
        current = now;
        if (now > max) max = now;
    };
    peak(m_calls.size(), m_peaks.calls_tracked, m_peaks.calls_tracked_peak);
    peak(m_transactions.size(), m_peaks.transactions_tracked, m_peaks.transactions_tracked_peak);
    peak(m_registrations.size(), m_peaks.registrations_tracked, m_peaks.registrations_tracked_peak);
    peak(m_media.flows(), m_peaks.flows_tracked, m_peaks.flows_tracked_peak);
}

TrackerStats SessionTracker::stats() const {
    TrackerStats s = m_peaks;
    s.sip_messages = m_sip_messages;
    s.media_packets = m_media_packets;
    s.transactions = m_transactions.stats();
    s.calls = m_calls.stats();
    s.registrations = m_registrations.stats();
    s.media = m_media.stats();
    s.calls_tracked = m_calls.size();
    s.transactions_tracked = m_transactions.size();
    s.registrations_tracked = m_registrations.size();
    s.flows_tracked = m_media.flows();
    return s;
}

}  // namespace sipwarden::session
