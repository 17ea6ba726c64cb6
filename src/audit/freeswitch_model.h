// What a FreeSWITCH configuration directory says: preprocessor variables
// (vars.xml), SIP profiles and gateways, directory users, dialplan contexts,
// ACL lists, the event socket and switch settings. Every element keeps the
// file:line it came from, through X-PRE-PROCESS includes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/limits.h"
#include "audit/source_files.h"
#include "core/diagnostic.h"

namespace sipwarden::audit {

struct FsParam {
    std::string name;
    std::string value;  // after $${var} expansion
    core::SourcePosition where;
};

struct FsParams {
    std::vector<FsParam> items;
    const FsParam* find(std::string_view name) const;  // last one wins
    std::optional<std::string> get(std::string_view name) const;
};

struct FsGateway {
    std::string name;
    core::SourcePosition where;
    FsParams params;
};

struct FsProfile {
    std::string name;
    core::SourcePosition where;
    FsParams settings;
    std::vector<FsGateway> gateways;
};

struct FsUser {
    std::string id;
    std::string domain;
    core::SourcePosition where;
    FsParams params;     // password, vm-password, a1-hash, ...
    FsParams variables;  // user_context, toll_allow, ...
};

struct FsAction {
    std::string application;
    std::string data;
    bool anti = false;  // <anti-action>
    core::SourcePosition where;
};

struct FsCondition {
    std::string field;       // empty for a bare <condition> (always true)
    std::string expression;  // regular expression (PCRE)
    std::string break_on;    // "on-false" (default), "on-true", "always", "never"
    core::SourcePosition where;
    std::vector<FsAction> actions;
};

struct FsExtension {
    std::string name;
    bool continue_on_match = false;
    core::SourcePosition where;
    std::vector<FsCondition> conditions;
};

struct FsContext {
    std::string name;
    core::SourcePosition where;
    std::vector<FsExtension> extensions;
};

struct FsAclNode {
    bool allow = true;
    std::string cidr;  // empty when the node names a domain
    std::string domain;
    core::SourcePosition where;
};

struct FsAclList {
    std::string name;
    bool default_allow = false;
    core::SourcePosition where;
    std::vector<FsAclNode> nodes;
};

struct FreeswitchConfig {
    bool present = false;
    std::string directory;
    std::map<std::string, FsParam> vars;  // X-PRE-PROCESS set
    std::vector<FsProfile> profiles;
    std::vector<FsUser> users;
    std::vector<FsContext> contexts;
    std::vector<FsAclList> acls;
    bool event_socket_present = false;
    core::SourcePosition event_socket_where;
    FsParams event_socket;
    FsParams switch_settings;
    std::vector<FsParam> execs;  // X-PRE-PROCESS exec/exec-set (never run)
    std::vector<std::string> files;

    const FsContext* context(std::string_view name) const;
    const FsAclList* acl(std::string_view name) const;
};

// Reads the directory through `loader`, starting at freeswitch.xml.
FreeswitchConfig read_freeswitch(const FileLoader& loader, const Limits& limits, core::DiagnosticList& diagnostics);

// Parses one XML text (after preprocessing, includes resolved through `loader`).
// For tests and the fuzzer: `name` is the file the text is attributed to.
FreeswitchConfig parse_freeswitch_text(std::string_view text, const std::string& name, const FileLoader& loader,
                                       const Limits& limits, core::DiagnosticList& diagnostics);

}  // namespace sipwarden::audit
