// Dispositions and the account key of a call record.
#include "fraud/call_record.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace sipwarden::fraud {

std::string_view to_string(Disposition disposition) {
    switch (disposition) {
        case Disposition::answered: return "ANSWERED";
        case Disposition::no_answer: return "NO ANSWER";
        case Disposition::busy: return "BUSY";
        case Disposition::failed: return "FAILED";
        case Disposition::congestion: return "CONGESTION";
        case Disposition::cancel: return "CANCEL";
        case Disposition::unknown: return "UNKNOWN";
    }
    return "UNKNOWN";
}

namespace {

Disposition from_sip_code(std::uint64_t code) {
    if (code >= 200 && code < 300) return Disposition::answered;
    if (code == 486 || code == 600) return Disposition::busy;
    if (code == 487) return Disposition::cancel;
    if (code == 408 || code == 480) return Disposition::no_answer;
    if (code == 503) return Disposition::congestion;
    return Disposition::failed;
}

}  // namespace

Disposition parse_disposition(std::string_view text) {
    text = core::trim(text);
    if (auto code = core::parse_uint(text, 999)) {
        // cdr_custom `disposition(int64)`: AST_CDR_* values; 3 digits: SIP code.
        if (text.size() == 3) return from_sip_code(*code);
        static constexpr std::array<Disposition, 17> k_ast{
            Disposition::no_answer, Disposition::unknown, Disposition::failed,  Disposition::unknown,
            Disposition::busy,      Disposition::unknown, Disposition::unknown, Disposition::unknown,
            Disposition::answered,  Disposition::unknown, Disposition::unknown, Disposition::unknown,
            Disposition::unknown,   Disposition::unknown, Disposition::unknown, Disposition::unknown,
            Disposition::congestion};
        return *code < k_ast.size() ? k_ast[*code] : Disposition::unknown;
    }
    static constexpr std::array<std::pair<std::string_view, Disposition>, 18> k_names{{
        {"ANSWERED", Disposition::answered},
        {"NO ANSWER", Disposition::no_answer},
        {"BUSY", Disposition::busy},
        {"FAILED", Disposition::failed},
        {"CONGESTION", Disposition::congestion},
        {"CANCEL", Disposition::cancel},
        {"NORMAL_CLEARING", Disposition::answered},
        {"USER_BUSY", Disposition::busy},
        {"NO_ANSWER", Disposition::no_answer},
        {"NO_USER_RESPONSE", Disposition::no_answer},
        {"ORIGINATOR_CANCEL", Disposition::cancel},
        {"CALL_REJECTED", Disposition::failed},
        {"UNALLOCATED_NUMBER", Disposition::failed},
        {"NO_ROUTE_DESTINATION", Disposition::failed},
        {"NORMAL_TEMPORARY_FAILURE", Disposition::congestion},
        {"SWITCH_CONGESTION", Disposition::congestion},
        {"RECOVERY_ON_TIMER_EXPIRE", Disposition::failed},
        {"INCOMPATIBLE_DESTINATION", Disposition::failed},
    }};
    for (const auto& [name, value] : k_names) {
        if (core::iequals(text, name)) return value;
    }
    return Disposition::unknown;
}

std::string_view CallRecord::account_key() const {
    if (!account.empty()) return account;
    if (!channel.empty()) {
        // "PJSIP/1001-0000002a" -> "PJSIP/1001"; Local/ and DAHDI/ names keep their shape.
        const auto dash = channel.rfind('-');
        const auto slash = channel.find('/');
        if (dash != std::string_view::npos && slash != std::string_view::npos && dash > slash)
            return channel.substr(0, dash);
        return channel;
    }
    return source;
}

}  // namespace sipwarden::fraud
