// Checks on media: strict RTP, and the RTP port range as seen from outside.
#include "audit/check_util.h"
#include "audit/checks_list.h"
#include "core/text.h"

namespace sipwarden::audit {

void check_rtp_strictrtp_off(CheckContext& c) {
    const auto& a = c.model().asterisk;
    if (!a) return;
    const auto* g = a->rtp.first("general");
    const auto* e = g != nullptr ? g->find("strictrtp") : nullptr;
    if (e == nullptr || is_true(e->value) || core::iequals(e->value, "seqno")) return;
    c.report(hit_at(
        e->where,
        "strictrtp=" + e->value +
            ": Asterisk accepts RTP for a call from any address, so anyone who guesses the port can inject audio "
            "or take over the stream (RTP bleed)",
        c.services("rtp")));
}

void check_rtp_open_to_any(CheckContext& c) {
    for (const auto* rtp : c.services("rtp")) {
        const auto reach = c.reach().evaluate(*rtp);
        if (reach.exposure != ExposureClass::internet) continue;
        // Acceptable when the media stack only answers on ports of a live call and SIP is locked down.
        std::string mitigation;
        bool strict = true;
        if (c.model().asterisk) {
            const auto* g = c.model().asterisk->rtp.first("general");
            const auto v = g != nullptr ? g->get("strictrtp").value_or("yes") : "yes";
            strict = is_true(v) || core::iequals(v, "seqno");
        }
        bool sip_internet = false;
        for (const auto* kind : {"sip", "iax"}) {
            for (const auto* sip : c.services(kind))
                sip_internet |= c.reach().evaluate(*sip).exposure == ExposureClass::internet;
        }
        if (strict && !sip_internet) {
            mitigation = "the RTP ports only carry media of calls set up over SIP, which only " +
                         std::string(c.model().freeswitch ? "trusted sources" : "the provider and the LAN") +
                         " can reach, and the media stack ignores packets for ports without a live call" +
                         (c.model().asterisk ? " and learns the far end of each call (strictrtp)" : "");
        }
        c.report(hit_at(rtp->where,
                        "the RTP range " + std::to_string(rtp->ports.first) + "-" + std::to_string(rtp->ports.last) +
                            " is open to any source on the internet",
                        {rtp}, {}, {}, mitigation));
    }
}

}  // namespace sipwarden::audit
