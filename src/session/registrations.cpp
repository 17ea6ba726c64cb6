// REGISTER exchanges.
#include "session/registrations.h"

namespace sipwarden::session {

namespace {

int clamp_expires(std::uint32_t seconds) { return static_cast<int>(std::min<std::uint32_t>(seconds, INT32_MAX)); }

// Expires granted in a 2xx: the expires parameter of the first Contact, else the Expires header.
int granted_expires(const sip::Message& response, const ContactFact& contact) {
    if (contact.expires) return clamp_expires(*contact.expires);
    if (response.expires()) return clamp_expires(*response.expires());
    return -1;
}

}  // namespace

std::uint32_t RegistrationTracker::find(std::string_view call_id, std::uint64_t hash) const {
    return m_table.find(hash, [&](const Registration& r) { return r.text.get(Registration::call_id) == call_id; });
}

RegistrationInfo RegistrationTracker::info(const Registration& r, core::Timestamp time, int status) const {
    RegistrationInfo i;
    i.call_id = r.text.get(Registration::call_id);
    i.aor = r.text.get(Registration::aor);
    i.aor_user = r.text.get(Registration::aor_user);
    i.contact = r.text.get(Registration::contact);
    i.user_agent = r.text.get(Registration::user_agent);
    i.digest_username = r.text.get(Registration::digest_username);
    i.realm = r.text.get(Registration::realm);
    i.source = r.source;
    i.registrar = r.registrar;
    i.transport = r.transport;
    i.time = time;
    i.status = status;
    i.expires = r.requested_expires;
    i.attempt = r.attempts;
    i.with_credentials = r.with_credentials;
    return i;
}

void RegistrationTracker::on_request(const SipInput& in, const TransactionTable::RequestOutcome& tx) {
    if (tx.retransmission) return;
    const sip::Message& m = in.message;
    const SipFacts& facts = *in.facts;
    std::uint32_t slot = find(m.call_id(), facts.call_id_hash);
    if (slot == k_no_slot) {
        if (m_table.size() >= m_limits.max_registrations) {
            expire(in.time);
            if (m_table.size() >= m_limits.max_registrations) {
                ++m_stats.limit_reached;
                m_sink.on_event(LimitReached{"registrations", in.time});
                return;
            }
        }
        slot = m_table.insert(facts.call_id_hash);
        m_table.at(slot).text.set(Registration::call_id, m.call_id(), m_limits.max_call_id_bytes);
        m_timers.arm(core::Timestamp::from_ns(in.time.ns() + m_limits.registration_timeout), slot,
                     m_table.generation(slot));
    }
    Registration& r = m_table.at(slot);
    const std::size_t max = m_limits.max_field_bytes;
    if (const auto& to = m.to()) {
        r.text.set(Registration::aor, to->uri_text, max);
        r.text.set(Registration::aor_user, to->uri.user, max);
    }
    r.requested_expires = m.expires() ? clamp_expires(*m.expires()) : -1;
    if (facts.contact.expires) r.requested_expires = clamp_expires(*facts.contact.expires);
    r.text.set(Registration::contact, facts.contact.text, max);
    r.text.set(Registration::user_agent, m.header(sip::HeaderId::user_agent), max);
    r.with_credentials = false;
    r.answered_challenge = false;
    r.attempt_cseq = m.cseq() ? m.cseq()->number : 0;
    r.text.set(Registration::digest_username, {}, max);
    // Authorization first, then Proxy-Authorization: the first present.
    for (const DigestFact* fact : {&facts.authorization, &facts.proxy_authorization}) {
        if (fact->present) {
            r.with_credentials = true;
            r.answered_challenge = fact->answers_challenge;
            if (fact->parsed) r.text.set(Registration::digest_username, fact->username, max);
            break;
        }
    }
    r.source = in.source;
    r.registrar = in.destination;
    r.transport = in.transport;
    r.last_activity = in.time;
    ++r.attempts;
    ++m_stats.attempts;
    const RegistrationInfo event = info(r, in.time, 0);
    m_sink.on_event(RegistrationEvent{RegistrationOutcome::attempted, event});
}

void RegistrationTracker::on_response(const SipInput& in, const TransactionTable::ResponseOutcome& tx) {
    const sip::Message& m = in.message;
    const int status = m.status_code();
    if (tx.retransmission || status < 200) return;
    const std::uint32_t slot = find(m.call_id(), in.facts->call_id_hash);
    if (slot == k_no_slot) return;
    Registration& r = m_table.at(slot);
    r.last_activity = in.time;
    RegistrationOutcome outcome;
    // A challenge to the REGISTER that answered one rejects its credentials
    // (PJSIP and Kamailio answer a wrong password so, where others send
    // 403), unless it only says the nonce went stale.
    const bool rejects_credentials =
        r.answered_challenge && m.cseq() && m.cseq()->number == r.attempt_cseq && !in.facts->challenge.stale;
    if ((status == 401 || status == 407) && !rejects_credentials) {
        outcome = RegistrationOutcome::challenged;
        ++m_stats.challenged;
        if (in.facts->challenge.parsed)
            r.text.set(Registration::realm, in.facts->challenge.realm, m_limits.max_field_bytes);
    } else if (status < 300) {
        outcome = RegistrationOutcome::succeeded;
        ++m_stats.succeeded;
        r.requested_expires = granted_expires(m, in.facts->contact);
    } else {
        outcome = RegistrationOutcome::failed;
        ++m_stats.failed;
    }
    const RegistrationInfo event = info(r, in.time, status);
    m_sink.on_event(RegistrationEvent{outcome, event});
}

void RegistrationTracker::expire(core::Timestamp now) {
    m_timers.expire(now, [&](const Timer& timer) {
        if (!m_table.live(timer.slot, timer.generation)) return;
        const Registration& r = m_table.at(timer.slot);
        const std::int64_t due = r.last_activity.ns() + m_limits.registration_timeout;
        if (due > now.ns()) {
            m_timers.arm(core::Timestamp::from_ns(due), timer.slot, timer.generation);
            return;
        }
        m_table.erase(timer.slot);
    });
}

}  // namespace sipwarden::session
