// Message: validation and caching of the headers a monitor relies on
// (Via, From, To, Call-ID, CSeq, Contact, numbers) and the checks that need
// the whole header block (required headers, CSeq method, Via branch). The
// dispatch to these, check_singleton, is in message.cpp.
#include <algorithm>

#include "sip/message.h"
#include "sip/scan.h"

namespace sipwarden::sip {

namespace {
constexpr std::size_t k_detail_bytes = 32;
}  // namespace

void Message::take_via(std::string_view header_value) {
    bool reported = false;
    // False when no more may be taken.
    const auto take = [&](std::string_view value) {
        if (++m_via_count > m_limits->max_via) {
            if (!has(Anomaly::too_many_via)) note(Anomaly::too_many_via, "Via");
            return false;
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
        return true;
    };
    // Without a comma the value is the only one: parse_via trims it as the
    // list would.
    if (header_value.find(',') == std::string_view::npos) {
        take(header_value);
        return;
    }
    for (const std::string_view value : CommaList(header_value)) {
        if (!take(value)) return;
    }
}

void Message::take_name_addr(HeaderId id, std::string_view value, NameAddr& out, bool& has) {
    ValueError why = ValueError::none;
    has = parse_name_addr(value, out, why);
    if (!has) {
        note(why == ValueError::unterminated_quote ? Anomaly::unterminated_quoted_string : Anomaly::malformed_header,
             header_name(id));
    } else if (out.uri.bad_escape) {
        note(Anomaly::bad_escape, header_name(id));
    }
}

void Message::take_contacts(std::string_view header_value) {
    // False after a malformed value: the rest is not looked at.
    const auto take = [&](std::string_view value) {
        const bool first = m_first_contact_value.data() == nullptr;
        Contact& contact = first ? m_first_contact : m_contact_scratch;
        ValueError why = ValueError::none;
        const bool ok = parse_contact(value, contact, why);
        if (first) {
            m_first_contact_value = value;
            m_first_contact_ok = ok;
        }
        if (!ok) {
            note(
                why == ValueError::unterminated_quote ? Anomaly::unterminated_quoted_string : Anomaly::malformed_header,
                "Contact");
            return false;
        }
        if (contact.address.uri.bad_escape) note(Anomaly::bad_escape, "Contact");
        if (contact.expires_overflow) note(Anomaly::numeric_overflow, "Contact expires");
        return true;
    };
    // Without a comma the value is the only one; the header line is already
    // trimmed as the list would trim it.
    if (header_value.find(',') == std::string_view::npos) {
        take(scan::trim(header_value));
        return;
    }
    for (const std::string_view value : CommaList(header_value)) {
        if (!take(value)) return;
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
