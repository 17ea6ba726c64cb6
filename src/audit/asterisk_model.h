// What an Asterisk configuration directory says, per file: PJSIP objects
// (pjsip.conf and pjsip_wizard.conf), chan_sip, IAX2, the dialplan, RTP, AMI,
// HTTP, ARI, named ACLs and modules. Objects keep their resolved section so a
// check can name the file:line of any option.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/asterisk_conf.h"

namespace sipwarden::audit {

struct PjsipObject {
    std::string name;
    std::string type;  // endpoint, auth, aor, identify, transport, acl, global, system, registration, ...
    ConfSection section;
    std::string wizard;  // name of the pjsip_wizard.conf section that made it, if any

    std::optional<std::string> get(std::string_view key) const { return section.get(key); }
    const ConfEntry* find(std::string_view key) const { return section.find(key); }
};

struct PjsipConfig {
    bool present = false;
    std::vector<PjsipObject> objects;

    std::vector<const PjsipObject*> of_type(std::string_view type) const;
    const PjsipObject* find(std::string_view type, std::string_view name) const;
    // identify objects whose `endpoint` is `endpoint_name`.
    std::vector<const PjsipObject*> identifies_for(std::string_view endpoint_name) const;
};

// chan_sip (sip.conf) or IAX2 (iax.conf): [general] plus peers/users/friends.
struct PeerConfig {
    bool present = false;
    ConfSection general;
    std::vector<ConfSection> peers;  // every non-general, non-template section
};

struct DialplanStep {
    int priority = 0;
    std::string label;
    std::string app;   // as written, e.g. "Dial"
    std::string args;  // inside the parentheses, unparsed
    core::SourcePosition where;
};

struct Extension {
    std::string name;                 // as written, e.g. "_X." or "100" or "s"
    std::string caller_id;            // the /cid part, empty when none
    std::vector<DialplanStep> steps;  // ordered by priority
    core::SourcePosition where;       // first line that defines it
    bool is_pattern() const { return !name.empty() && name[0] == '_'; }
};

struct DialplanInclude {
    std::string context;
    core::SourcePosition where;
};

struct DialplanContext {
    std::string name;
    core::SourcePosition where;
    std::vector<Extension> extensions;
    std::vector<DialplanInclude> includes;
    std::vector<ConfEntry> switches;
};

struct Dialplan {
    bool present = false;
    ConfSection general;
    std::map<std::string, ConfEntry> globals;         // by upper-case name
    std::map<std::string, DialplanContext> contexts;  // by lower-case name

    const DialplanContext* context(std::string_view name) const;
    std::optional<std::string> global(std::string_view name) const;
};

struct ModulesConfig {
    bool present = false;
    bool autoload = true;
    std::vector<ConfEntry> load;
    std::vector<ConfEntry> noload;
    // True when Asterisk would load the module (name with or without ".so").
    bool loads(std::string_view module) const;
    const ConfEntry* load_entry(std::string_view module) const;
};

struct AsteriskConfig {
    std::string directory;
    PjsipConfig pjsip;
    PeerConfig sip;  // chan_sip
    PeerConfig iax;
    Dialplan dialplan;
    ConfFile rtp, manager, http, ari, acl, asterisk;
    ModulesConfig modules;
    std::vector<ConfDirective> execs;           // #exec lines seen in any file (never run)
    std::vector<std::string> files;             // every file read
    std::vector<std::string> missing_includes;  // named by #include but unreadable: settings may hide there

    // A named ACL from acl.conf.
    const ConfSection* named_acl(std::string_view name) const;
};

// Reads the configuration directory through `loader` (rooted at the directory).
AsteriskConfig read_asterisk(const FileLoader& loader, const Limits& limits, core::DiagnosticList& diagnostics);

// Builds the dialplan from extensions.conf (exposed for tests and the fuzzer).
Dialplan build_dialplan(const ConfFile& extensions, core::DiagnosticList& diagnostics);

}  // namespace sipwarden::audit
