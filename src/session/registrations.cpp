// REGISTER exchanges.
#include "session/registrations.h"

#include "core/hash.h"
#include "sip/digest.h"

namespace sipwarden::session {

namespace {

// Expires granted in a 2xx: the expires parameter of the first Contact, else the Expires header.
int granted_expires(const sip::Message& response) {
    for (auto value : response.values(sip::HeaderId::contact)) {
        if (auto contact = sip::parse_contact(value)) {
            if (contact->expires) return static_cast<int>(std::min<std::uint32_t>(*contact->expires, INT32_MAX));
        }
        break;
    }
    if (response.expires()) return static_cast<int>(std::min<std::uint32_t>(*response.expires(), INT32_MAX));
    return -1;
}

std::string_view first_contact(const sip::Message& request, int* expires) {
    for (auto value : request.values(sip::HeaderId::contact)) {
        if (auto contact = sip::parse_contact(value)) {
            if (contact->expires && expires != nullptr)
                *expires = static_cast<int>(std::min<std::uint32_t>(*contact->expires, INT32_MAX));
            return contact->star ? std::string_view("*") : contact->address.uri_text;
        }
        return value;
    }
    return {};
}

}  // namespace

std::uint32_t RegistrationTracker::find(std::string_view call_id) const {
    return m_table.find(core::hash_text(call_id),
                        [&](const Registration& r) { return r.text.get(Registration::call_id) == call_id; });
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
    std::uint32_t slot = find(m.call_id());
    if (slot == k_no_slot) {
        if (m_table.size() >= m_limits.max_registrations) {
            expire(in.time);
            if (m_table.size() >= m_limits.max_registrations) {
                ++m_stats.limit_reached;
                m_sink.on_event(LimitReached{"registrations", in.time});
                return;
            }
        }
        slot = m_table.insert(core::hash_text(m.call_id()));
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
    r.requested_expires = m.expires() ? static_cast<int>(std::min<std::uint32_t>(*m.expires(), INT32_MAX)) : -1;
    r.text.set(Registration::contact, first_contact(m, &r.requested_expires), max);
    r.text.set(Registration::user_agent, m.header(sip::HeaderId::user_agent), max);
    r.with_credentials = false;
    r.text.set(Registration::digest_username, {}, max);
    for (const auto id : {sip::HeaderId::authorization, sip::HeaderId::proxy_authorization}) {
        if (const auto value = m.header(id); !value.empty()) {
            r.with_credentials = true;
            if (auto digest = sip::parse_digest(value))
                r.text.set(Registration::digest_username, digest->username, max);
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
    const std::uint32_t slot = find(m.call_id());
    if (slot == k_no_slot) return;
    Registration& r = m_table.at(slot);
    r.last_activity = in.time;
    RegistrationOutcome outcome;
    if (status == 401 || status == 407) {
        outcome = RegistrationOutcome::challenged;
        ++m_stats.challenged;
        const auto challenge =
            m.header(status == 401 ? sip::HeaderId::www_authenticate : sip::HeaderId::proxy_authenticate);
        if (auto digest = sip::parse_digest(challenge))
            r.text.set(Registration::realm, digest->realm, m_limits.max_field_bytes);
    } else if (status < 300) {
        outcome = RegistrationOutcome::succeeded;
        ++m_stats.succeeded;
        r.requested_expires = granted_expires(m);
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
