// Message: validation and caching of the headers a monitor relies on
// (Via, From, To, Call-ID, CSeq, Contact, numbers) and the checks that need
// the whole header block (required headers, CSeq method, Via branch).
#include <algorithm>

#include "sip/message.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
constexpr std::size_t k_detail_bytes = 32;

bool is_singleton(HeaderId id) {
    switch (id) {
        case HeaderId::from:
        case HeaderId::to:
        case HeaderId::call_id:
        case HeaderId::cseq:
        case HeaderId::max_forwards:
        case HeaderId::content_type:
        case HeaderId::expires: return true;
        default: return false;
    }
}

}  // namespace

void Message::check_singleton(HeaderId id, std::string_view value) {
    if (is_singleton(id) && count(id) > 1) {
        // Only the first one counts (CVE-2018-14767, CVE-2020-27507 shapes).
        if (count(id) == 2) note(Anomaly::duplicate_header, header_name(id));
        return;
    }
    switch (id) {
        case HeaderId::via: take_via(value); break;
        case HeaderId::from: take_name_addr(id, value, m_from, m_has_from); break;
        case HeaderId::to: take_name_addr(id, value, m_to, m_has_to); break;
        case HeaderId::contact: take_contacts(value); break;
        case HeaderId::cseq: take_cseq(value); break;
        case HeaderId::content_length: take_content_length(value); break;
        case HeaderId::max_forwards:
        case HeaderId::expires: take_number(id, value); break;
        case HeaderId::call_id:
            if (value.empty() || scan::has_lws(value)) note(Anomaly::malformed_header, header_name(id));
            if (value.size() > m_limits->max_call_id_bytes) note(Anomaly::value_too_long, header_name(id));
            break;
        case HeaderId::date:
            // rfc1123-date always ends in "GMT" (RFC 3261 §20.17).
            if (value.size() < 3 || value.substr(value.size() - 3) != "GMT")
                note(Anomaly::malformed_header, header_name(id));
            break;
        default: break;
    }
}

void Message::take_via(std::string_view header_value) {
    bool reported = false;
    for (const std::string_view value : CommaList(header_value)) {
        if (++m_via_count > m_limits->max_via) {
            if (!has(Anomaly::too_many_via)) note(Anomaly::too_many_via, "Via");
            return;
        }
        // The top Via is parsed in place; later ones only need checking.
        Via& via = m_via_count == 1 ? m_top_via : m_via_scratch;
        ValueError why = ValueError::none;
        const bool ok = parse_via(value, via, why);
        if (!ok && !reported) {
            note(Anomaly::malformed_header, "Via");
            reported = true;
        }
        if (m_via_count == 1) m_has_top_via = ok;
    }
}

void Message::take_name_addr(HeaderId id, std::string_view value, NameAddr& out, bool& has) {
    ValueError why = ValueError::none;
    has = parse_name_addr(value, out, why);
    const std::string_view name = header_name(id);
    if (!has) {
        note(why == ValueError::unterminated_quote ? Anomaly::unterminated_quoted_string : Anomaly::malformed_header,
             name);
    } else if (out.uri.bad_escape) {
        note(Anomaly::bad_escape, name);
    }
}

void Message::take_contacts(std::string_view header_value) {
    Contact& contact = m_contact_scratch;
    for (const std::string_view value : CommaList(header_value)) {
        ValueError why = ValueError::none;
        if (!parse_contact(value, contact, why)) {
            note(
                why == ValueError::unterminated_quote ? Anomaly::unterminated_quoted_string : Anomaly::malformed_header,
                "Contact");
            return;
        }
        if (contact.address.uri.bad_escape) note(Anomaly::bad_escape, "Contact");
        if (contact.expires_overflow) note(Anomaly::numeric_overflow, "Contact expires");
    }
}

void Message::take_cseq(std::string_view value) {
    ValueError why = ValueError::none;
    m_cseq = parse_cseq(value, &why);
    if (why == ValueError::overflow) {
        note(Anomaly::numeric_overflow, "CSeq");
    } else if (!m_cseq) {
        note(Anomaly::malformed_header, "CSeq");
    } else if (m_cseq->method_text.size() > m_limits->max_method_bytes) {
        note(Anomaly::value_too_long, "CSeq method");
    }
}

// Max-Forwards (0-255, RFC 3261 §20.22) and Expires (delta-seconds, 2^32-1).
void Message::take_number(HeaderId id, std::string_view value) {
    const bool max_forwards = id == HeaderId::max_forwards;
    const std::string_view name = header_name(id);
    bool overflow = false;
    const auto number = scan::parse_decimal(value, max_forwards ? 255 : UINT32_MAX, &overflow);
    if (overflow) {
        note(Anomaly::numeric_overflow, name);
    } else if (!number) {
        note(Anomaly::bad_number, name);
    } else {
        (max_forwards ? m_max_forwards : m_expires) = static_cast<std::uint32_t>(*number);
    }
}

void Message::take_content_length(std::string_view value) {
    if (count(HeaderId::content_length) > 1) {
        if (count(HeaderId::content_length) == 2) note(Anomaly::multiple_content_length, "Content-Length");
        return;
    }
    bool overflow = false;
    const auto length = scan::parse_decimal(value, UINT32_MAX, &overflow);
    if (length) {
        m_content_length = *length;
        return;
    }
    m_content_length_bad = true;
    note(overflow ? Anomaly::numeric_overflow : Anomaly::bad_content_length, "Content-Length");
}

void Message::check_required() {
    static constexpr HeaderId k_required[] = {HeaderId::via, HeaderId::from, HeaderId::to, HeaderId::call_id,
                                              HeaderId::cseq};
    for (const HeaderId id : k_required) {
        if (count(id) == 0) note(Anomaly::missing_header, header_name(id));
    }
    if (!m_is_request) return;
    if (count(HeaderId::max_forwards) == 0) note(Anomaly::missing_header, header_name(HeaderId::max_forwards));
    const bool needs_contact = m_method == Method::invite || m_method == Method::subscribe || m_method == Method::refer;
    if (needs_contact && count(HeaderId::contact) == 0) note(Anomaly::missing_header, header_name(HeaderId::contact));
    if (m_cseq && m_cseq->method_text != m_method_text) {
        note(Anomaly::cseq_method_mismatch, m_cseq->method_text.substr(0, k_detail_bytes));
    }
    if (m_has_top_via && !m_top_via.branch) note(Anomaly::via_missing_branch, "Via");
}

}  // namespace sipwarden::sip
