// The audit pipeline: read the PBX configuration, the firewall dumps and the
// site facts; find the services and who can reach them; run the checks and
// rate the findings. The CLI calls run_audit() and picks a writer.
#pragma once

#include <string>
#include <vector>

#include "audit/checks.h"
#include "audit/exposure.h"
#include "audit/limits.h"
#include "core/diagnostic.h"
#include "core/result.h"
#include "report/report.h"

namespace sipwarden::audit {

struct AuditInput {
    std::string asterisk_dir;
    std::string freeswitch_dir;
    std::string kamailio_file;
    std::vector<std::string> firewall_files;
    std::string config_file;  // sipwarden.yaml; empty: none
};

struct ServiceExposure {
    Service service;
    Reach reach;
};

struct AuditResult {
    AuditModel model;
    std::vector<RatedFinding> findings;
    std::vector<ServiceExposure> exposure;
    std::vector<Provider> providers;
    std::vector<std::string> assumptions;
    core::DiagnosticList diagnostics;  // reader problems (warnings and errors)
};

// Reads everything and runs the checks. An error only when an input cannot
// be read at all (a missing directory, an unreadable firewall file, a
// sipwarden.yaml that is not YAML); problems inside files are diagnostics.
core::Result<AuditResult> run_audit(const AuditInput& input, const Limits& limits = {});

// Runs the checks over models already read (scenario tests build these).
AuditResult audit_models(AuditModel model, const config::SiteConfig* site, const ExposureOptions& options,
                         const Limits& limits = {});

// The report (findings, rules, assumptions, exposure table) for the writers.
report::Report make_report(const AuditResult& result, const Knowledge& knowledge);

// Reads the `audit:` section of sipwarden.yaml (tunables).
ExposureOptions exposure_options(const YAML::Node& section, config::YamlReader& reader);

}  // namespace sipwarden::audit
