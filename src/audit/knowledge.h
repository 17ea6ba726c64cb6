// The check knowledge base: the descriptive half of every audit check (what
// the setting does, its default, why it matters, who must be able to reach
// which service, severity per exposure class, remedy, references), loaded
// from knowledge/*.yaml, which is embedded into the binary at build time.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"
#include "core/severity.h"

namespace sipwarden::audit {

// Who can reach the service a finding depends on, from most to least exposed.
enum class ExposureClass { internet = 0, provider = 1, lan = 2, localhost = 3, nobody = 4 };
constexpr std::array<ExposureClass, 5> k_exposure_classes{ExposureClass::internet, ExposureClass::provider,
                                                          ExposureClass::lan, ExposureClass::localhost,
                                                          ExposureClass::nobody};
std::string_view to_string(ExposureClass exposure);

struct SettingInfo {
    std::string name;                  // "pjsip.endpoint.allow_unauthenticated_options", "sip.general.allowguest"
    std::vector<std::string> aliases;  // short names accepted by `explain` ("allowguest")
    std::string what;                  // what it does, in plain words
    std::string default_value;         // as the software ships it
};

struct CheckInfo {
    std::string id;
    std::string title;
    std::string platform;  // asterisk, freeswitch, kamailio, firewall
    std::vector<SettingInfo> settings;
    std::string why;
    std::string service;                       // the service whose reachability rates the finding (sip, rtp, ami, ...)
    std::string precondition;                  // who must reach it, in words
    std::array<core::Severity, 5> severity{};  // by ExposureClass
    std::optional<core::Severity> mitigated;   // when the check finds the risk mitigated
    std::string remedy;
    std::string snippet;  // configuration that fixes it
    std::vector<std::string> references;
    std::vector<std::string> tags;
    core::SourcePosition where;  // in knowledge/

    core::Severity severity_for(ExposureClass exposure) const { return severity[static_cast<std::size_t>(exposure)]; }
};

struct Knowledge {
    std::vector<CheckInfo> checks;  // sorted by id
    const CheckInfo* check(std::string_view id) const;
    // Checks that name `setting` (full name, an alias, or the last dotted part).
    std::vector<const CheckInfo*> about(std::string_view setting) const;
    std::vector<std::string> setting_names() const;  // full names and aliases
};

struct KnowledgeFile {
    std::string_view name;  // "knowledge/asterisk-pjsip.yaml"
    std::string_view text;
};

// The files embedded at build time (generated from knowledge/*.yaml).
std::span<const KnowledgeFile> embedded_knowledge();

// Parses and validates knowledge files; every problem goes to `diagnostics`.
Knowledge load_knowledge(std::span<const KnowledgeFile> files, core::DiagnosticList& diagnostics);
// The embedded knowledge base, loaded once; a broken embedded file is a bug.
const Knowledge& builtin_knowledge();

}  // namespace sipwarden::audit
