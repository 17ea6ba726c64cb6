// Shared check helpers: entry points into the dialplan without a password.
#include "audit/check_util.h"

#include "core/text.h"

namespace sipwarden::audit {

std::string name_list(const std::vector<std::string>& names, std::size_t shown) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < shown; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
    return out;
}

std::vector<const Service*> services_labelled(const CheckContext& context, std::string_view kind,
                                              std::string_view label_part) {
    std::vector<const Service*> out;
    for (const auto* s : context.services(kind)) {
        if (s->label.find(label_part) != std::string::npos || s->label.starts_with("Kamailio")) out.push_back(s);
    }
    return out;
}

namespace {

std::optional<AddressSet> identify_sources(const AsteriskConfig& config, const std::string& endpoint) {
    std::optional<AddressSet> out;
    for (const auto* id : config.pjsip.identifies_for(endpoint)) {
        for (const auto* m : id->section.all("match")) {
            for (auto part : core::split(m->value, ',')) {
                if (auto net = parse_acl_network(part)) out = out.value_or(AddressSet{}).united(AddressSet::of(*net));
            }
        }
    }
    return out;
}

void pjsip_entries(const AsteriskConfig& config, std::vector<Entry>& out) {
    const bool anonymous_loaded = config.modules.loads("res_pjsip_endpoint_identifier_anonymous");
    for (const auto* ep : config.pjsip.of_type("endpoint")) {
        const auto context = ep->get("context").value_or("default");
        if (ep->name == "anonymous") {
            if (anonymous_loaded)
                out.push_back({"PJSIP endpoint 'anonymous' (calls from anyone)", context, ep->section.where,
                               std::nullopt, false});
            continue;
        }
        if (ep->get("auth").value_or("").empty()) {
            const auto sources = identify_sources(config, ep->name);
            const bool by_ip = !config.pjsip.identifies_for(ep->name).empty();
            out.push_back({by_ip
                               ? "PJSIP endpoint '" + ep->name + "' (identified by address, no password)"
                               : "PJSIP endpoint '" + ep->name + "' (no auth: anyone who sends From: " + ep->name + ")",
                           context, ep->section.where, by_ip ? sources : std::nullopt, by_ip});
        }
    }
}

void peer_entries(const AsteriskConfig& config, const PeerConfig& peers, std::string_view driver,
                  std::vector<Entry>& out) {
    for (const auto& p : peers.peers) {
        const auto context = p.get("context").value_or(peers.general.get("context").value_or("default"));
        const auto insecure = core::to_lower(p.get("insecure").value_or(""));
        const bool no_secret = p.get("secret").value_or("").empty() && p.get("md5secret").value_or("").empty() &&
                               p.get("dbsecret").value_or("").empty() &&
                               !core::iequals(p.get("auth").value_or(""), "rsa");
        const auto host = p.get("host").value_or("dynamic");
        std::optional<AddressSet> allowed;
        if (auto net = parse_acl_network(host)) allowed = AddressSet::of(*net);
        if (insecure.find("invite") != std::string::npos || insecure == "very") {
            out.push_back(
                {std::string(driver) + " peer [" + p.name + "] (insecure=" + insecure + ": INVITEs without a password)",
                 context, where_of(p, "insecure"), allowed, allowed.has_value()});
        } else if (no_secret && (driver == "IAX2" || core::iequals(host, "dynamic"))) {
            const auto type = core::to_lower(p.get("type").value_or("friend"));
            if (type == "peer" && driver == "chan_sip") continue;  // a peer is only for outgoing calls
            out.push_back(
                {std::string(driver) + " " + type + " [" + p.name + "] (no secret)", context, p.where, allowed, false});
        }
    }
    (void)config;
}

}  // namespace

std::vector<Entry> unauthenticated_entries(const AsteriskConfig& config) {
    std::vector<Entry> out;
    if (config.pjsip.present && config.modules.loads("res_pjsip")) pjsip_entries(config, out);
    if (config.sip.present && config.modules.loads("chan_sip") && !config.sip.peers.empty()) {
        const auto& g = config.sip.general;
        if (is_true(g.get("allowguest").value_or("yes"))) {
            out.push_back({"chan_sip guest calls (allowguest)", g.get("context").value_or("default"),
                           where_of(g, "allowguest"), std::nullopt, false});
        }
        peer_entries(config, config.sip, "chan_sip", out);
    }
    if (config.iax.present && config.modules.loads("chan_iax2")) peer_entries(config, config.iax, "IAX2", out);
    return out;
}

std::vector<Entry> freeswitch_entries(const FreeswitchConfig& config) {
    std::vector<Entry> out;
    for (const auto& p : config.profiles) {
        const auto context = p.settings.get("context").value_or("public");
        if (!is_true(p.settings.get("auth-calls").value_or("true"))) {
            const auto* param = p.settings.find("auth-calls");
            out.push_back({"SIP profile '" + p.name + "' (auth-calls=false)", context, param ? param->where : p.where,
                           std::nullopt, false});
        }
    }
    return out;
}

}  // namespace sipwarden::audit
