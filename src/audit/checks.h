// The check engine's interface: a check is a C++ function (listed with its
// id in check_registry.cpp) that looks at the models and reports hits; the
// engine rates each hit by who can reach the service it depends on, using
// the check's data in knowledge/.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audit/asterisk_model.h"
#include "audit/exposure.h"
#include "audit/firewall_model.h"
#include "audit/freeswitch_model.h"
#include "audit/kamailio_model.h"
#include "audit/knowledge.h"
#include "audit/limits.h"
#include "config/site.h"
#include "core/finding.h"

namespace sipwarden::audit {

// Everything the readers produced for one audit.
struct AuditModel {
    std::optional<AsteriskConfig> asterisk;
    std::optional<FreeswitchConfig> freeswitch;
    std::optional<KamailioConfig> kamailio;
    std::vector<Ruleset> rulesets;
    std::vector<Service> services;
    config::Dialing dialing;
};

// One thing a check found, before rating.
struct Hit {
    std::string check_id;
    core::SourcePosition where;
    std::string message;                // what, in this configuration's terms
    std::vector<std::string> evidence;  // extra lines: a dialplan path, the values involved
    // The services whose reachability rates the hit; empty: every service of
    // the check's kind.
    std::vector<const Service*> services;
    std::optional<AddressSet> allowed;  // application-level ACL restricting who can exploit it
    std::string restriction;            // why `allowed` applies ("AMI user 'admin' permits only ...")
    std::string mitigation;             // non-empty: the risk is mitigated, for this reason
};

class CheckContext {
public:
    CheckContext(const AuditModel& model, const Reachability& reach, const Limits& limits)
        : m_model(model), m_reach(reach), m_limits(limits) {}

    const AuditModel& model() const { return m_model; }
    const Reachability& reach() const { return m_reach; }
    const Limits& limits() const { return m_limits; }
    std::vector<const Service*> services(std::string_view kind) const;

    void report(Hit hit) { m_hits.push_back(std::move(hit)); }
    std::vector<Hit>& hits() { return m_hits; }

    // Set by the engine before each check runs.
    std::string current_check;

private:
    const AuditModel& m_model;
    const Reachability& m_reach;
    const Limits& m_limits;
    std::vector<Hit> m_hits;
};

using CheckFunction = void (*)(CheckContext& context);

struct CheckImplementation {
    std::string_view id;
    CheckFunction run;
};

// The explicit list of every check implemented (check_registry.cpp).
std::span<const CheckImplementation> check_implementations();

// A hit after rating: the finding plus how it was rated.
struct RatedFinding {
    core::Finding finding;
    ExposureClass exposure = ExposureClass::nobody;
    bool moot = false;
    bool mitigated = false;
    std::vector<std::string> evidence;
};

// Runs every implemented check and rates the hits with the knowledge base.
std::vector<RatedFinding> run_checks(const AuditModel& model, const Reachability& reach, const Knowledge& knowledge,
                                     const Limits& limits);

// Rates one hit (exposed for tests).
RatedFinding rate(const Hit& hit, const CheckInfo& info, const CheckContext& context);

}  // namespace sipwarden::audit
