// Reading an Asterisk configuration directory into AsteriskConfig: each file
// through the shared .conf parser, then PJSIP objects (including those the
// pjsip_wizard.conf sections expand to), chan_sip/IAX2 peers and modules.
#include "audit/asterisk_model.h"

#include <algorithm>

#include "core/text.h"

namespace sipwarden::audit {

std::vector<const PjsipObject*> PjsipConfig::of_type(std::string_view type) const {
    std::vector<const PjsipObject*> out;
    for (const auto& o : objects) {
        if (core::iequals(o.type, type)) out.push_back(&o);
    }
    return out;
}

const PjsipObject* PjsipConfig::find(std::string_view type, std::string_view name) const {
    for (const auto& o : objects) {
        if (core::iequals(o.type, type) && o.name == name) return &o;
    }
    return nullptr;
}

std::vector<const PjsipObject*> PjsipConfig::identifies_for(std::string_view endpoint_name) const {
    std::vector<const PjsipObject*> out;
    for (const auto* o : of_type("identify")) {
        if (o->get("endpoint").value_or("") == endpoint_name) out.push_back(o);
    }
    return out;
}

bool ModulesConfig::loads(std::string_view module) const {
    std::string name(module);
    if (!name.ends_with(".so")) name += ".so";
    for (const auto& e : noload) {
        if (core::iequals(e.value, name)) return false;
    }
    if (load_entry(module) != nullptr) return true;
    return autoload;
}

const ConfEntry* ModulesConfig::load_entry(std::string_view module) const {
    std::string name(module);
    if (!name.ends_with(".so")) name += ".so";
    for (const auto& e : load) {
        if (core::iequals(e.value, name)) return &e;
    }
    return nullptr;
}

const ConfSection* AsteriskConfig::named_acl(std::string_view name) const { return acl.first(name); }

namespace {

void collect(AsteriskConfig& config, const ConfFile& file) {
    config.files.insert(config.files.end(), file.files.begin(), file.files.end());
    config.missing_includes.insert(config.missing_includes.end(), file.missing.begin(), file.missing.end());
    for (const auto& d : file.directives) {
        if (d.name == "exec") config.execs.push_back(d);
    }
}

ConfFile read_one(AsteriskConfig& config, const FileLoader& loader, const std::string& name, const Limits& limits,
                  core::DiagnosticList& diagnostics) {
    auto file = read_conf(loader, name, limits, diagnostics);
    collect(config, file);
    return file;
}

// Objects of one pjsip.conf: every non-template section with a `type`.
void add_pjsip_objects(PjsipConfig& pjsip, const ConfFile& file, core::DiagnosticList& diagnostics) {
    for (const auto& s : file.sections) {
        if (s.is_template) continue;
        const auto type = s.get("type");
        if (!type) {
            diagnostics.add(make_diagnostic(core::Diagnostic::Level::warning, s.where,
                                            "[" + s.name + "] has no 'type'; Asterisk ignores it", {},
                                            "add e.g. 'type = endpoint'"));
            continue;
        }
        pjsip.objects.push_back({s.name, core::to_lower(*type), s, {}});
    }
}

// Entries of a wizard section under `prefix/` (e.g. "endpoint/context"), renamed.
std::vector<ConfEntry> prefixed(const ConfSection& s, std::string_view prefix) {
    std::vector<ConfEntry> out;
    for (const auto& e : s.entries) {
        if (e.key.size() > prefix.size() + 1 && core::istarts_with(e.key, prefix) && e.key[prefix.size()] == '/') {
            ConfEntry copy = e;
            copy.key = e.key.substr(prefix.size() + 1);
            out.push_back(std::move(copy));
        }
    }
    return out;
}

PjsipObject wizard_object(const ConfSection& s, std::string name, std::string type, std::vector<ConfEntry> entries) {
    ConfSection section;
    section.name = name;
    section.where = s.where;
    section.entries = std::move(entries);
    return {std::move(name), std::move(type), std::move(section), s.name};
}

ConfEntry synthetic(const ConfEntry* from, const ConfSection& s, std::string key, std::string value) {
    ConfEntry e;
    e.key = std::move(key);
    e.value = std::move(value);
    e.where = from != nullptr ? from->where : s.where;
    return e;
}

// Expands one pjsip_wizard.conf section as res_pjsip_config_wizard does.
void add_wizard(PjsipConfig& pjsip, const ConfSection& s) {
    const auto yes = [&](std::string_view key) {
        const auto v = s.get(key);
        return v && (core::iequals(*v, "yes") || core::iequals(*v, "true") || *v == "1");
    };
    auto endpoint_entries = prefixed(s, "endpoint");
    if (const auto* t = s.find("transport")) endpoint_entries.push_back(synthetic(t, s, "transport", t->value));
    endpoint_entries.push_back(synthetic(nullptr, s, "aors", s.name));
    if (yes("accepts_auth"))
        endpoint_entries.push_back(synthetic(s.find("accepts_auth"), s, "auth", s.name + "-iauth"));
    if (yes("sends_auth"))
        endpoint_entries.push_back(synthetic(s.find("sends_auth"), s, "outbound_auth", s.name + "-oauth"));
    pjsip.objects.push_back(wizard_object(s, s.name, "endpoint", std::move(endpoint_entries)));
    pjsip.objects.push_back(wizard_object(s, s.name, "aor", prefixed(s, "aor")));
    if (yes("accepts_auth")) {
        auto entries = prefixed(s, "inbound_auth");
        entries.insert(entries.begin(), synthetic(nullptr, s, "auth_type", "userpass"));
        pjsip.objects.push_back(wizard_object(s, s.name + "-iauth", "auth", std::move(entries)));
    }
    if (yes("sends_auth"))
        pjsip.objects.push_back(wizard_object(s, s.name + "-oauth", "auth", prefixed(s, "outbound_auth")));
    const auto* hosts = s.find("remote_hosts");
    if (hosts != nullptr && !yes("accepts_registrations")) {
        std::vector<ConfEntry> entries{synthetic(nullptr, s, "endpoint", s.name)};
        for (auto host : core::split(hosts->value, ',')) {
            // "host:port" or "[v6]:port": identify matches the host part only.
            std::string h(host);
            if (!h.empty() && h[0] == '[') {
                h = h.substr(1, h.find(']') - 1);
            } else if (std::count(h.begin(), h.end(), ':') == 1) {
                h = h.substr(0, h.find(':'));
            }
            entries.push_back(synthetic(hosts, s, "match", h));
        }
        for (auto& e : prefixed(s, "identify")) entries.push_back(std::move(e));
        pjsip.objects.push_back(wizard_object(s, s.name + "-identify", "identify", std::move(entries)));
    }
}

PeerConfig peers_of(const ConfFile& file) {
    PeerConfig out;
    out.present = file.found;
    for (const auto& s : file.sections) {
        if (s.is_template) continue;
        if (core::iequals(s.name, "general")) {
            for (const auto& e : s.entries) out.general.entries.push_back(e);
            if (out.general.name.empty()) out.general = ConfSection{s.name, s.where, false, {}, out.general.entries};
        } else if (!core::iequals(s.name, "authentication")) {
            out.peers.push_back(s);
        }
    }
    return out;
}

ModulesConfig modules_of(const ConfFile& file) {
    ModulesConfig out;
    out.present = file.found;
    for (const auto& s : file.named("modules")) {
        for (const auto& e : s->entries) {
            const auto key = core::to_lower(e.key);
            if (key == "autoload") out.autoload = core::iequals(e.value, "yes") || core::iequals(e.value, "true");
            if (key == "load" || key == "preload" || key == "require" || key == "preload-require")
                out.load.push_back(e);
            if (key == "noload") out.noload.push_back(e);
        }
    }
    return out;
}

}  // namespace

AsteriskConfig read_asterisk(const FileLoader& loader, const Limits& limits, core::DiagnosticList& diagnostics) {
    AsteriskConfig config;
    config.directory = loader.display(".");
    const auto pjsip = read_one(config, loader, "pjsip.conf", limits, diagnostics);
    const auto wizard = read_one(config, loader, "pjsip_wizard.conf", limits, diagnostics);
    config.pjsip.present = pjsip.found || wizard.found;
    add_pjsip_objects(config.pjsip, pjsip, diagnostics);
    for (const auto& s : wizard.sections) {
        if (s.is_template) continue;
        if (core::iequals(s.get("type").value_or(""), "wizard")) add_wizard(config.pjsip, s);
    }
    config.sip = peers_of(read_one(config, loader, "sip.conf", limits, diagnostics));
    config.iax = peers_of(read_one(config, loader, "iax.conf", limits, diagnostics));
    const auto extensions = read_one(config, loader, "extensions.conf", limits, diagnostics);
    config.dialplan = build_dialplan(extensions, diagnostics);
    config.rtp = read_one(config, loader, "rtp.conf", limits, diagnostics);
    config.manager = read_one(config, loader, "manager.conf", limits, diagnostics);
    config.http = read_one(config, loader, "http.conf", limits, diagnostics);
    config.ari = read_one(config, loader, "ari.conf", limits, diagnostics);
    config.acl = read_one(config, loader, "acl.conf", limits, diagnostics);
    config.asterisk = read_one(config, loader, "asterisk.conf", limits, diagnostics);
    config.modules = modules_of(read_one(config, loader, "modules.conf", limits, diagnostics));
    return config;
}

}  // namespace sipwarden::audit
