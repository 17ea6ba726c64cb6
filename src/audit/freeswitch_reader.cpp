// FreeSWITCH configuration: preprocess from freeswitch.xml, parse the result
// with pugixml, and pick out what the checks need (profiles, users, dialplan,
// ACLs, event socket, switch settings).
#include <pugixml.hpp>

#include "audit/freeswitch_model.h"
#include "audit/freeswitch_preprocess.h"
#include "core/text.h"

namespace sipwarden::audit {

const FsParam* FsParams::find(std::string_view name) const {
    for (auto it = items.rbegin(); it != items.rend(); ++it) {
        if (core::iequals(it->name, name)) return &*it;
    }
    return nullptr;
}

std::optional<std::string> FsParams::get(std::string_view name) const {
    if (const auto* p = find(name)) return p->value;
    return std::nullopt;
}

const FsContext* FreeswitchConfig::context(std::string_view name) const {
    for (const auto& c : contexts) {
        if (c.name == name) return &c;
    }
    return nullptr;
}

const FsAclList* FreeswitchConfig::acl(std::string_view name) const {
    for (const auto& a : acls) {
        if (core::iequals(a.name, name)) return &a;
    }
    return nullptr;
}

namespace {

using Level = core::Diagnostic::Level;

class XmlReader {
public:
    XmlReader(const PreprocessedXml& pre, core::DiagnosticList& diagnostics)
        : m_pre(pre), m_index(pre.text), m_diagnostics(diagnostics) {}

    FreeswitchConfig read() {
        FreeswitchConfig out;
        out.present = true;
        out.vars = m_pre.vars;
        out.execs = m_pre.execs;
        out.files = m_pre.files;
        pugi::xml_document doc;
        const auto result = doc.load_buffer(m_pre.text.data(), m_pre.text.size(), pugi::parse_default);
        if (!result) {
            const auto where =
                m_pre.position(m_index, static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0)));
            m_diagnostics.add(
                make_diagnostic(Level::error, where, std::string("XML: ") + result.description(), {},
                                "FreeSWITCH would refuse this configuration; what was read before it is used"));
        }
        for (const auto& x : doc.select_nodes("//configuration")) configuration(x.node(), out);
        for (const auto& x : doc.select_nodes("//context")) out.contexts.push_back(context(x.node()));
        for (const auto& x : doc.select_nodes("//domain")) domain(x.node(), out);
        return out;
    }

private:
    // pugixml gives the offset of the element name; report the '<' before it.
    core::SourcePosition where(const pugi::xml_node& node) const {
        return m_pre.position(m_index, static_cast<std::size_t>(std::max<std::ptrdiff_t>(node.offset_debug() - 1, 0)));
    }

    FsParams params(const pugi::xml_node& parent, const char* child) const {
        FsParams out;
        for (const auto& p : parent.children(child)) {
            out.items.push_back({p.attribute("name").value(), p.attribute("value").value(), where(p)});
        }
        return out;
    }

    void configuration(const pugi::xml_node& node, FreeswitchConfig& out) const {
        const std::string name = node.attribute("name").value();
        if (name == "sofia.conf") {
            for (const auto& x : node.select_nodes(".//profile")) out.profiles.push_back(profile(x.node()));
        } else if (name == "acl.conf") {
            for (const auto& x : node.select_nodes(".//list")) out.acls.push_back(acl(x.node()));
        } else if (name == "event_socket.conf") {
            out.event_socket_present = true;
            out.event_socket_where = where(node);
            out.event_socket = params(node.child("settings"), "param");
        } else if (name == "switch.conf") {
            out.switch_settings = params(node.child("settings"), "param");
        }
    }

    FsProfile profile(const pugi::xml_node& node) const {
        FsProfile p;
        p.name = node.attribute("name").value();
        p.where = where(node);
        p.settings = params(node.child("settings"), "param");
        for (const auto& x : node.select_nodes(".//gateway")) {
            p.gateways.push_back({x.node().attribute("name").value(), where(x.node()), params(x.node(), "param")});
        }
        return p;
    }

    FsAclList acl(const pugi::xml_node& node) const {
        FsAclList a;
        a.name = node.attribute("name").value();
        a.default_allow = core::iequals(node.attribute("default").value(), "allow");
        a.where = where(node);
        for (const auto& n : node.children("node")) {
            a.nodes.push_back({core::iequals(n.attribute("type").value(), "allow"), n.attribute("cidr").value(),
                               n.attribute("domain").value(), where(n)});
        }
        return a;
    }

    FsContext context(const pugi::xml_node& node) const {
        FsContext c;
        c.name = node.attribute("name").value();
        c.where = where(node);
        for (const auto& e : node.children("extension")) {
            FsExtension ext;
            ext.name = e.attribute("name").value();
            ext.continue_on_match = core::iequals(e.attribute("continue").value(), "true");
            ext.where = where(e);
            for (const auto& cond : e.children("condition")) ext.conditions.push_back(condition(cond));
            c.extensions.push_back(std::move(ext));
        }
        return c;
    }

    FsCondition condition(const pugi::xml_node& node) const {
        FsCondition c;
        c.field = node.attribute("field").value();
        c.expression = node.attribute("expression").value();
        c.break_on = node.attribute("break").value();
        c.where = where(node);
        for (const auto& a : node.children()) {
            const std::string tag = a.name();
            if (tag != "action" && tag != "anti-action") continue;
            c.actions.push_back(
                {a.attribute("application").value(), a.attribute("data").value(), tag == "anti-action", where(a)});
        }
        return c;
    }

    void domain(const pugi::xml_node& node, FreeswitchConfig& out) const {
        const std::string name = node.attribute("name").value();
        const auto domain_params = params(node.child("params"), "param");
        const auto domain_vars = params(node.child("variables"), "variable");
        for (const auto& x : node.select_nodes(".//user")) {
            const auto u = x.node();
            FsUser user;
            user.id = u.attribute("id").value();
            user.domain = name;
            user.where = where(u);
            user.params = domain_params;
            for (auto& p : params(u.child("params"), "param").items) user.params.items.push_back(std::move(p));
            user.variables = domain_vars;
            for (auto& v : params(u.child("variables"), "variable").items) user.variables.items.push_back(std::move(v));
            out.users.push_back(std::move(user));
        }
    }

    const PreprocessedXml& m_pre;
    LineIndex m_index;
    core::DiagnosticList& m_diagnostics;
};

}  // namespace

FreeswitchConfig read_freeswitch(const FileLoader& loader, const Limits& limits, core::DiagnosticList& diagnostics) {
    FreeswitchConfig out;
    out.directory = loader.display(".");
    if (!loader.exists("freeswitch.xml")) {
        diagnostics.add(make_diagnostic(Level::error, {loader.display("freeswitch.xml"), 0, 0},
                                        "no freeswitch.xml in the FreeSWITCH configuration directory", {},
                                        "give the directory that holds freeswitch.xml (e.g. /etc/freeswitch)"));
        return out;
    }
    const auto pre = preprocess_freeswitch(loader, "freeswitch.xml", limits, diagnostics);
    out = XmlReader(pre, diagnostics).read();
    out.directory = loader.display(".");
    return out;
}

FreeswitchConfig parse_freeswitch_text(std::string_view text, const std::string& name, const FileLoader& loader,
                                       const Limits& limits, core::DiagnosticList& diagnostics) {
    const auto pre = preprocess_freeswitch_text(loader, text, name, limits, diagnostics);
    return XmlReader(pre, diagnostics).read();
}

}  // namespace sipwarden::audit
