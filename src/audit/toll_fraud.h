// Toll-fraud path analysis: from every context a caller can enter without
// authentication (or from a trunk's inbound context, through caller-entered
// digits: IVR, DISA), follow includes, Goto, GotoIf, Gosub, Macro, Local
// channels and Dial with probe numbers for international and premium
// destinations, and report each path that ends in a Dial to a trunk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit/asterisk_model.h"
#include "audit/freeswitch_model.h"
#include "audit/limits.h"
#include "config/site.h"

namespace sipwarden::audit {

// A destination an attacker would call, in one dialling format.
struct Probe {
    std::string number;  // as dialled, e.g. "011442079460123"
    std::string label;   // "international, 011 prefix"
    std::string core;    // the digits a trunk must receive for the call to go there ("442079460123")
};

// International numbers with the 00, 011 and + prefixes (and the site's
// international and outside-line prefixes), and premium-rate numbers.
std::vector<Probe> fraud_probes(const config::Dialing& dialing);

struct PathStep {
    std::string text;
    core::SourcePosition where;
};

struct FraudPath {
    Probe probe;
    std::vector<PathStep> steps;  // entry first, the Dial last
};

// How a caller gets into a context.
enum class EntryKind {
    dialled_number,  // the caller chooses the dialled number (unauthenticated SIP/IAX2)
    caller_digits,   // the caller only reaches the context's own extensions (a trunk's DIDs) and may
                     // enter digits where the dialplan reads them (IVR menus, DISA)
};

// Every context a call that starts in `starts` can get to through includes,
// Goto/GotoIf/Gosub/Macro, Local channels and DISA with literal context
// names (lower case). Used to tell dialplan reached by strangers from
// dialplan reached only by authenticated phones.
std::vector<std::string> reachable_contexts(const Dialplan& plan, const std::vector<std::string>& starts,
                                            const Limits& limits);

// Finds a path from `context` for any probe; nullopt when none leads out.
std::optional<FraudPath> find_fraud_path(const Dialplan& plan, const std::string& context, EntryKind entry,
                                         const std::vector<Probe>& probes, const Limits& limits);

// FreeSWITCH: the same search through XML dialplan contexts (regular
// expressions on destination_number, transfer, execute_extension, bridge).
std::optional<FraudPath> find_fraud_path(const FreeswitchConfig& config, const std::string& context,
                                         const std::vector<Probe>& probes, const Limits& limits);

}  // namespace sipwarden::audit
