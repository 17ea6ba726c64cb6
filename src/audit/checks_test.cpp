// Every check has a positive case (the finding appears) and a negative case
// (it does not), run through the whole pipeline on small in-memory
// configurations. A test keeps every check covered.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "audit/audit.h"
#include "config/sipwarden_config.h"

namespace sipwarden::audit {
namespace {

using Files = std::map<std::string, std::string>;

struct Case {
    std::string check;
    bool expect = true;
    Files asterisk = {};
    Files freeswitch = {};
    std::string kamailio = {};
    std::string firewall = {};
    std::string site = {};
};

// A PJSIP transport on all addresses and one authenticated phone.
const std::string k_transport = "[t]\ntype=transport\nprotocol=udp\nbind=0.0.0.0:5060\n";
const std::string k_phone =
    "[1001]\ntype=endpoint\ncontext=phones\nauth=1001-auth\naors=1001\n"
    "[1001-auth]\ntype=auth\nauth_type=userpass\nusername=1001\npassword=Vb7#kR2q!xW9mZ4tLp\n"
    "[1001]\ntype=aor\nmax_contacts=1\n";
const std::string k_pjsip = k_transport + k_phone;
const std::string k_outbound = "[phones]\nexten => _00.,1,Dial(PJSIP/${EXTEN}@trunk)\n";

Files ast(std::string pjsip, Files more = {}) {
    more["pjsip.conf"] = std::move(pjsip);
    return more;
}

const std::string k_sip_general = "[general]\nallowguest=no\nalwaysauthreject=yes\ntlsenable=yes\ncontext=guests\n";
const std::string k_sip_peer =
    "[1001]\ntype=friend\nhost=dynamic\nsecret=Vb7#kR2q!xW9mZ4tLp\npermit=192.168.1.0/24\ncontext=phones\n";

Files chan_sip(std::string general, std::string peers) { return {{"sip.conf", general + peers}}; }

const std::string k_manager_local = "[general]\nenabled=yes\nbindaddr=127.0.0.1\n";
const std::string k_manager_open = "[general]\nenabled=yes\nbindaddr=0.0.0.0\n";
const std::string k_ami_user =
    "[app]\nsecret=Vb7#kR2q!xW9mZ4tLp\ndeny=0.0.0.0/0.0.0.0\npermit=127.0.0.1/255.255.255.255\nread=call\nwrite=call\n";
const std::string k_http_open = "[general]\nenabled=yes\nbindaddr=0.0.0.0\nbindport=8088\n";

// FreeSWITCH: freeswitch.xml including the parts given.
Files fs(std::string body, Files more = {}) {
    more["freeswitch.xml"] = "<?xml version=\"1.0\"?>\n<document type=\"freeswitch/xml\">\n" + body + "</document>\n";
    return more;
}
std::string profile(std::string name, std::string params) {
    return "<section name=\"configuration\"><configuration name=\"sofia.conf\"><profiles><profile name=\"" + name +
           "\"><settings>\n<param name=\"sip-ip\" value=\"0.0.0.0\"/>\n" + params +
           "</settings></profile></profiles></configuration></section>\n";
}
const std::string k_good_profile =
    "<param name=\"auth-calls\" value=\"true\"/><param name=\"tls\" value=\"true\"/>"
    "<param name=\"log-auth-failures\" value=\"true\"/><param name=\"context\" value=\"public\"/>\n";
std::string esl(std::string params) {
    return "<section name=\"configuration\"><configuration name=\"event_socket.conf\"><settings>\n" + params +
           "</settings></configuration></section>\n";
}
std::string directory(std::string users) {
    return "<section name=\"directory\"><domain name=\"example.org\"><groups><group name=\"g\"><users>\n" + users +
           "</users></group></groups></domain></section>\n";
}
std::string dialplan(std::string contexts) { return "<section name=\"dialplan\">\n" + contexts + "</section>\n"; }

const std::string k_site_provider_only =
    "site:\n  pbx: {public_address: none}\n  providers: [{name: trunkco, addresses: [198.51.100.0/28]}]\n"
    "  forwards:\n    - {proto: udp, ports: 5060, to: 192.168.1.10, from: [198.51.100.0/28]}\n"
    "    - {proto: udp, ports: 10000-20000, to: 192.168.1.10, from: any}\n";

const std::string k_iptables_open =
    "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";
const std::string k_iptables_closed =
    "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -i lo -j ACCEPT\n"
    "-A INPUT -s 198.51.100.0/28 -p udp -m udp --dport 5060 -j ACCEPT\nCOMMIT\n";
const std::string k_nft_both =
    "table inet filter {\n chain input {\n  type filter hook input priority 0; policy drop;\n"
    "  iif lo accept\n  udp dport 5060 ip saddr 198.51.100.0/28 accept\n }\n}\n";

std::vector<Case> cases() {
    const std::string no_modules;  // modules.conf absent: autoload
    return {
        // PJSIP
        {"ast.pjsip.anonymous-endpoint", true,
         ast(k_pjsip + "[anonymous]\ntype=endpoint\ncontext=guests\n",
             {{"extensions.conf", "[guests]\nexten => 1,1,Hangup()\n"}})},
        {"ast.pjsip.anonymous-endpoint", false, ast(k_pjsip)},
        {"ast.pjsip.endpoint-without-auth", true, ast(k_transport + "[100]\ntype=endpoint\ncontext=phones\n")},
        {"ast.pjsip.endpoint-without-auth", false, ast(k_pjsip)},
        {"ast.pjsip.unauthenticated-options", true,
         ast(k_pjsip + "[1001]\ntype=endpoint\nallow_unauthenticated_options=yes\nauth=1001-auth\n")},
        {"ast.pjsip.unauthenticated-options", false, ast(k_pjsip)},
        {"ast.pjsip.weak-password", true,
         ast(k_transport + "[1001]\ntype=endpoint\nauth=a\n[a]\ntype=auth\nusername=1001\npassword=1001\n")},
        {"ast.pjsip.weak-password", false, ast(k_pjsip)},
        {"ast.pjsip.no-acl", true, ast(k_pjsip)},
        {"ast.pjsip.no-acl", false,
         ast(k_transport + "[1001]\ntype=endpoint\nauth=1001-auth\ndeny=0.0.0.0/0\npermit=192.168.1.0/24\n")},
        {"ast.pjsip.identify-broad-match", true,
         ast(k_pjsip + "[trunk]\ntype=endpoint\ncontext=in\n[tid]\ntype=identify\nendpoint=trunk\nmatch=0.0.0.0/0\n")},
        {"ast.pjsip.identify-broad-match", false,
         ast(k_pjsip +
             "[trunk]\ntype=endpoint\ncontext=in\n[tid]\ntype=identify\nendpoint=trunk\nmatch=198.51.100.10\n")},
        {"ast.pjsip.default-context", true, ast(k_transport + "[1001]\ntype=endpoint\nauth=a\n")},
        {"ast.pjsip.default-context", false, ast(k_pjsip)},
        {"ast.pjsip.trust-id-inbound", true,
         ast(k_pjsip + "[1001]\ntype=endpoint\ntrust_id_inbound=yes\nauth=1001-auth\n")},
        {"ast.pjsip.trust-id-inbound", false, ast(k_pjsip)},
        {"ast.pjsip.no-tls", true, ast(k_pjsip)},
        {"ast.pjsip.no-tls", false,
         ast(k_pjsip + "[tls]\ntype=transport\nprotocol=tls\nbind=0.0.0.0:5061\nverify_server=yes\n")},
        {"ast.pjsip.no-srtp", true, ast(k_pjsip)},
        {"ast.pjsip.no-srtp", false,
         ast(k_transport + "[1001]\ntype=endpoint\nauth=a\nmedia_encryption=dtls\ncontext=phones\n")},
        {"ast.pjsip.sdes-without-tls", true,
         ast(k_transport + "[1001]\ntype=endpoint\nauth=a\ntransport=t\nmedia_encryption=sdes\n")},
        {"ast.pjsip.sdes-without-tls", false,
         ast(k_transport + "[tls]\ntype=transport\nprotocol=tls\nverify_server=yes\n[1001]\ntype=endpoint\nauth="
                           "a\ntransport=tls\nmedia_encryption=sdes\n")},
        {"ast.pjsip.tls-verify-server-off", true, ast(k_pjsip + "[tls]\ntype=transport\nprotocol=tls\n")},
        {"ast.pjsip.tls-verify-server-off", false,
         ast(k_pjsip + "[tls]\ntype=transport\nprotocol=tls\nverify_server=yes\n")},
        {"ast.pjsip.many-contacts", true, ast(k_pjsip + "[1001]\ntype=aor\nmax_contacts=1000\n")},
        {"ast.pjsip.many-contacts", false, ast(k_pjsip)},
        // chan_sip, IAX2
        {"ast.sip.chan-sip-loaded", true, chan_sip(k_sip_general, k_sip_peer)},
        {"ast.sip.chan-sip-loaded", false,
         Files{{"sip.conf", k_sip_general + k_sip_peer},
               {"modules.conf", "[modules]\nautoload=yes\nnoload => chan_sip.so\n"}}},
        {"ast.sip.allowguest", true, chan_sip("[general]\ncontext=guests\n", k_sip_peer)},
        {"ast.sip.allowguest", false, chan_sip(k_sip_general, k_sip_peer)},
        {"ast.sip.alwaysauthreject-off", true, chan_sip("[general]\nalwaysauthreject=no\n", k_sip_peer)},
        {"ast.sip.alwaysauthreject-off", false, chan_sip(k_sip_general, k_sip_peer)},
        {"ast.sip.insecure-invite", true,
         chan_sip(k_sip_general, "[trunk]\ntype=peer\nhost=dynamic\ninsecure=port,invite\ncontext=in\n")},
        {"ast.sip.insecure-invite", false,
         chan_sip(k_sip_general, "[trunk]\ntype=peer\nhost=198.51.100.10\ninsecure=port\ncontext=in\n")},
        {"ast.sip.weak-secret", true, chan_sip(k_sip_general, "[1001]\ntype=friend\nhost=dynamic\nsecret=1234\n")},
        {"ast.sip.weak-secret", false, chan_sip(k_sip_general, k_sip_peer)},
        {"ast.sip.no-acl", true,
         chan_sip(k_sip_general, "[1001]\ntype=friend\nhost=dynamic\nsecret=Vb7#kR2q!xW9mZ4tLp\n")},
        {"ast.sip.no-acl", false, chan_sip(k_sip_general, k_sip_peer)},
        {"ast.sip.autocreatepeer", true, chan_sip(k_sip_general + "autocreatepeer=yes\n", k_sip_peer)},
        {"ast.sip.autocreatepeer", false, chan_sip(k_sip_general, k_sip_peer)},
        {"ast.sip.no-tls", true, chan_sip("[general]\nallowguest=no\n", k_sip_peer)},
        {"ast.sip.no-tls", false, chan_sip(k_sip_general, k_sip_peer)},
        {"ast.user-agent-version", true, ast(k_pjsip + "[global]\ntype=global\nuser_agent=Asterisk PBX 20.5.0\n")},
        {"ast.user-agent-version", false, ast(k_pjsip + "[global]\ntype=global\nuser_agent=PBX\n")},
        {"ast.iax.guest", true, Files{{"iax.conf", "[general]\n[guest]\ntype=user\ncontext=guests\n"}}},
        {"ast.iax.guest", false,
         Files{{"iax.conf", "[general]\n[partner]\ntype=user\nsecret=Vb7#kR2q!xW9mZ4tLp\ncontext=in\n"}}},
        {"ast.iax.weak-secret", true, Files{{"iax.conf", "[general]\n[partner]\ntype=friend\nsecret=partner\n"}}},
        {"ast.iax.weak-secret", false,
         Files{{"iax.conf", "[general]\n[partner]\ntype=friend\nsecret=Vb7#kR2q!xW9mZ4tLp\n"}}},
        {"ast.iax.plaintext-auth", true,
         Files{{"iax.conf", "[general]\nauth=plaintext,md5\n[p]\ntype=friend\nsecret=Vb7#kR2q!xW9mZ4tLp\n"}}},
        {"ast.iax.plaintext-auth", false,
         Files{{"iax.conf", "[general]\nauth=md5\n[p]\ntype=friend\nsecret=Vb7#kR2q!xW9mZ4tLp\n"}}},
        // AMI, HTTP, ARI, core
        {"ast.ami.reachable", true, Files{{"manager.conf", k_manager_open + k_ami_user}}},
        {"ast.ami.reachable", false, Files{{"manager.conf", "[general]\nenabled=no\n" + k_ami_user}}},
        {"ast.ami.weak-secret", true, Files{{"manager.conf", k_manager_open + "[admin]\nsecret=amp111\n"}}},
        {"ast.ami.weak-secret", false, Files{{"manager.conf", k_manager_open + k_ami_user}}},
        {"ast.ami.no-acl", true, Files{{"manager.conf", k_manager_open + "[admin]\nsecret=Vb7#kR2q!xW9mZ4tLp\n"}}},
        {"ast.ami.no-acl", false, Files{{"manager.conf", k_manager_open + k_ami_user}}},
        {"ast.ami.dangerous-permissions", true,
         Files{{"manager.conf", k_manager_open + k_ami_user + "write=system,call\n"}}},
        {"ast.ami.dangerous-permissions", false, Files{{"manager.conf", k_manager_open + k_ami_user}}},
        {"ast.ami.plaintext", true, Files{{"manager.conf", k_manager_open + k_ami_user}}},
        {"ast.ami.plaintext", false, Files{{"manager.conf", k_manager_open + "tlsenable=yes\n" + k_ami_user}}},
        {"ast.http.reachable", true, Files{{"http.conf", k_http_open}}},
        {"ast.http.reachable", false, Files{{"http.conf", "[general]\nenabled=no\n"}}},
        {"ast.http.no-tls", true, Files{{"http.conf", k_http_open}}},
        {"ast.http.no-tls", false, Files{{"http.conf", k_http_open + "tlsenable=yes\ntlsbindaddr=0.0.0.0:8089\n"}}},
        {"ast.ari.weak-password", true,
         Files{{"http.conf", k_http_open}, {"ari.conf", "[general]\nenabled=yes\n[app]\ntype=user\npassword=app\n"}}},
        {"ast.ari.weak-password", false,
         Files{{"http.conf", k_http_open},
               {"ari.conf", "[general]\nenabled=yes\n[app]\ntype=user\npassword=Vb7#kR2q!xW9mZ4tLp\n"}}},
        {"ast.ari.any-origin", true,
         Files{{"http.conf", k_http_open}, {"ari.conf", "[general]\nenabled=yes\nallowed_origins=*\n"}}},
        {"ast.ari.any-origin", false,
         Files{{"http.conf", k_http_open},
               {"ari.conf", "[general]\nenabled=yes\nallowed_origins=https://a.example\n"}}},
        {"ast.core.live-dangerously", true,
         Files{{"asterisk.conf", "[options]\nlive_dangerously=yes\n"}, {"manager.conf", k_manager_local}}},
        {"ast.core.live-dangerously", false,
         Files{{"asterisk.conf", "[options]\nlive_dangerously=no\n"}, {"manager.conf", k_manager_local}}},
        {"ast.core.exec-directive", true, ast(k_pjsip + "#exec /usr/local/bin/peers\n")},
        {"ast.core.exec-directive", false, ast(k_pjsip)},
        // Media
        {"ast.rtp.strictrtp-off", true,
         ast(k_pjsip, {{"rtp.conf", "[general]\nrtpstart=10000\nrtpend=20000\nstrictrtp=no\n"}})},
        {"ast.rtp.strictrtp-off", false,
         ast(k_pjsip, {{"rtp.conf", "[general]\nrtpstart=10000\nrtpend=20000\nstrictrtp=yes\n"}})},
        {"media.rtp-open-to-any",
         true,
         ast(k_pjsip, {{"rtp.conf", "[general]\nrtpstart=10000\nrtpend=20000\n"}}),
         {},
         {},
         k_iptables_open},
        {"media.rtp-open-to-any",
         false,
         ast(k_pjsip, {{"rtp.conf", "[general]\nrtpstart=10000\nrtpend=20000\n"}}),
         {},
         {},
         k_iptables_closed},
        // Dialplan
        {"ast.dialplan.toll-fraud-path", true,
         ast(k_pjsip + "[anonymous]\ntype=endpoint\ncontext=public\n",
             {{"extensions.conf", "[public]\ninclude => phones\n" + k_outbound}})},
        {"ast.dialplan.toll-fraud-path", false,
         ast(k_pjsip + "[anonymous]\ntype=endpoint\ncontext=public\n",
             {{"extensions.conf", "[public]\nexten => 100,1,Dial(PJSIP/1001)\n" + k_outbound}})},
        {"ast.dialplan.exten-injection", true, ast(k_pjsip, {{"extensions.conf", k_outbound}})},
        {"ast.dialplan.exten-injection", false,
         ast(k_pjsip, {{"extensions.conf", "[phones]\nexten => _00.,1,Dial(PJSIP/${FILTER(0-9,${EXTEN})}@trunk)\n"}})},
        {"ast.dialplan.shell-injection", true,
         ast(k_pjsip, {{"extensions.conf", "[phones]\nexten => 1,1,System(/bin/notify ${CALLERID(num)})\n"}})},
        {"ast.dialplan.shell-injection", false,
         ast(k_pjsip, {{"extensions.conf", "[phones]\nexten => 1,1,System(/bin/notify fixed)\n"}})},
        {"ast.dialplan.disa-no-password", true,
         ast(k_pjsip, {{"extensions.conf", "[phones]\nexten => 5,1,DISA(no-password,phones)\n"}})},
        {"ast.dialplan.disa-no-password", false,
         ast(k_pjsip, {{"extensions.conf", "[phones]\nexten => 5,1,DISA(/etc/asterisk/pins,phones)\n"}})},
        {"ast.dialplan.demo-included", true,
         ast(k_pjsip, {{"extensions.conf", "[default]\ninclude => demo\n[demo]\nexten => 1,1,Echo()\n"}})},
        {"ast.dialplan.demo-included", false,
         ast(k_pjsip, {{"extensions.conf", "[default]\nexten => 1,1,Hangup()\n"}})},
        // FreeSWITCH
        {"fs.vars.default-password",
         true,
         {},
         fs("<X-PRE-PROCESS cmd=\"set\" data=\"default_password=1234\"/>\n" + profile("internal", k_good_profile))},
        {"fs.vars.default-password",
         false,
         {},
         fs("<X-PRE-PROCESS cmd=\"set\" data=\"default_password=Vb7kR2qxW9mZ4tLpQ\"/>\n" +
            profile("internal", k_good_profile))},
        {"fs.directory.weak-password",
         true,
         {},
         fs(profile("internal", k_good_profile) +
            directory("<user id=\"1000\"><params><param name=\"password\" value=\"1000\"/></params></user>"))},
        {"fs.directory.weak-password",
         false,
         {},
         fs(profile("internal", k_good_profile) +
            directory(
                "<user id=\"1000\"><params><param name=\"password\" value=\"Vb7kR2qxW9mZ4tLpQ\"/></params></user>"))},
        {"fs.esl.default-password",
         true,
         {},
         fs(esl("<param name=\"listen-ip\" value=\"127.0.0.1\"/><param name=\"password\" value=\"ClueCon\"/>"))},
        {"fs.esl.default-password",
         false,
         {},
         fs(esl(
             "<param name=\"listen-ip\" value=\"127.0.0.1\"/><param name=\"password\" value=\"Vb7kR2qxW9mZ4tLpQ\"/>"))},
        {"fs.esl.reachable",
         true,
         {},
         fs(esl("<param name=\"listen-ip\" value=\"::\"/><param name=\"password\" value=\"Vb7kR2qxW9mZ4tLpQ\"/>"))},
        {"fs.esl.reachable", false, {}, fs(profile("internal", k_good_profile))},
        {"fs.profile.auth-calls-off",
         true,
         {},
         fs(profile("external", "<param name=\"auth-calls\" value=\"false\"/>"))},
        {"fs.profile.auth-calls-off", false, {}, fs(profile("internal", k_good_profile))},
        {"fs.profile.blind-auth",
         true,
         {},
         fs(profile("internal", k_good_profile + "<param name=\"accept-blind-reg\" value=\"true\"/>"))},
        {"fs.profile.blind-auth", false, {}, fs(profile("internal", k_good_profile))},
        {"fs.profile.inbound-acl-allows-all",
         true,
         {},
         fs(profile("internal", k_good_profile + "<param name=\"apply-inbound-acl\" value=\"all\"/>") +
            "<section name=\"configuration\"><configuration name=\"acl.conf\"><network-lists><list name=\"all\" "
            "default=\"allow\"/></network-lists></configuration></section>\n")},
        {"fs.profile.inbound-acl-allows-all",
         false,
         {},
         fs(profile("internal", k_good_profile + "<param name=\"apply-inbound-acl\" value=\"trunk\"/>") +
            "<section name=\"configuration\"><configuration name=\"acl.conf\"><network-lists><list name=\"trunk\" "
            "default=\"deny\"><node type=\"allow\" "
            "cidr=\"198.51.100.10/32\"/></list></network-lists></configuration></section>\n")},
        {"fs.profile.no-tls", true, {}, fs(profile("internal", "<param name=\"log-auth-failures\" value=\"true\"/>"))},
        {"fs.profile.no-tls", false, {}, fs(profile("internal", k_good_profile))},
        {"fs.profile.auth-failures-not-logged",
         true,
         {},
         fs(profile("internal", "<param name=\"tls\" value=\"true\"/>"))},
        {"fs.profile.auth-failures-not-logged", false, {}, fs(profile("internal", k_good_profile))},
        {"fs.dialplan.toll-fraud-path",
         true,
         {},
         fs(profile("external",
                    "<param name=\"auth-calls\" value=\"false\"/><param name=\"context\" value=\"public\"/>") +
            dialplan("<context name=\"public\"><extension name=\"out\"><condition field=\"destination_number\" "
                     "expression=\"^(\\d+)$\">"
                     "<action application=\"bridge\" "
                     "data=\"sofia/gateway/trunk/$1\"/></condition></extension></context>\n"))},
        {"fs.dialplan.toll-fraud-path",
         false,
         {},
         fs(profile("external",
                    "<param name=\"auth-calls\" value=\"false\"/><param name=\"context\" value=\"public\"/>") +
            dialplan(
                "<context name=\"public\"><extension name=\"did\"><condition field=\"destination_number\" "
                "expression=\"^(15555550100)$\">"
                "<action application=\"transfer\" data=\"1000 XML default\"/></condition></extension></context>\n"))},
        {"fs.preprocess.exec",
         true,
         {},
         fs("<X-PRE-PROCESS cmd=\"exec-set\" data=\"host=hostname\"/>\n" + profile("internal", k_good_profile))},
        {"fs.preprocess.exec", false, {}, fs(profile("internal", k_good_profile))},
        // Firewall
        {"fw.input-policy-accept", true, ast(k_pjsip), {}, {}, k_iptables_open},
        {"fw.input-policy-accept", false, ast(k_pjsip), {}, {}, k_iptables_closed},
        {"fw.no-ipv6-rules", true, ast(k_pjsip), {}, {}, k_iptables_closed},
        {"fw.no-ipv6-rules", false, ast(k_pjsip), {}, {}, k_nft_both},
        {"fw.sip-open-to-internet", true, ast(k_pjsip), {}, {}, k_iptables_open},
        {"fw.sip-open-to-internet", false, ast(k_pjsip), {}, {}, k_iptables_closed},
        // Kamailio
        {"kam.no-auth", true, {}, {}, "listen=udp:0.0.0.0:5060\nloadmodule \"tm.so\"\nrequest_route { t_relay(); }\n"},
        {"kam.no-auth",
         false,
         {},
         {},
         "#!define WITH_AUTH\nlisten=udp:0.0.0.0:5060\n#!ifdef WITH_AUTH\nloadmodule "
         "\"auth.so\"\n#!endif\nrequest_route {\n#!ifdef WITH_AUTH\n if (!auth_check(\"$fd\", \"subscriber\", \"1\")) "
         "{ exit; }\n#!endif\n}\n"},
        {"kam.no-antiflood",
         true,
         {},
         {},
         "listen=udp:0.0.0.0:5060\n#!ifdef WITH_ANTIFLOOD\nloadmodule \"pike.so\"\n#!endif\n"},
        {"kam.no-antiflood",
         false,
         {},
         {},
         "#!define WITH_ANTIFLOOD\nlisten=udp:0.0.0.0:5060\n#!ifdef WITH_ANTIFLOOD\nloadmodule \"pike.so\"\n#!endif\n"},
        {"kam.pstn-spoofable", true, {}, {}, "#!define WITH_PSTN\nlisten=udp:0.0.0.0:5060\n"},
        {"kam.pstn-spoofable",
         false,
         {},
         {},
         "#!define WITH_PSTN\n#!define WITH_AUTH\nlisten=udp:0.0.0.0:5060\nroute[AUTH] { if (!auth_check(\"$fd\", "
         "\"subscriber\", \"1\")) { exit; } }\n"},
    };
}

AuditResult run(const Case& c) {
    AuditModel model;
    core::DiagnosticList diagnostics;
    const Limits limits;
    if (!c.asterisk.empty()) model.asterisk = read_asterisk(MemoryLoader(c.asterisk), limits, diagnostics);
    if (!c.freeswitch.empty()) model.freeswitch = read_freeswitch(MemoryLoader(c.freeswitch), limits, diagnostics);
    if (!c.kamailio.empty()) model.kamailio = read_kamailio(c.kamailio, "kamailio.cfg", limits, diagnostics);
    if (!c.firewall.empty()) model.rulesets.push_back(*read_firewall(c.firewall, "rules", diagnostics));
    std::optional<config::Config> cfg;
    if (!c.site.empty()) cfg = config::load_config_text(c.site, "site.yaml", diagnostics).value();
    EXPECT_FALSE(diagnostics.has_errors()) << c.check << ": " << diagnostics.items().front().format();
    return audit_models(std::move(model), cfg ? &cfg->site : nullptr, {}, limits);
}

// Printed by gtest instead of the object's bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.check; }

class CheckCase : public ::testing::TestWithParam<Case> {};

TEST_P(CheckCase, FindsOrNot) {
    const auto& c = GetParam();
    const auto result = run(c);
    const auto found = std::any_of(result.findings.begin(), result.findings.end(),
                                   [&](const RatedFinding& f) { return f.finding.check_id == c.check; });
    std::string all;
    for (const auto& f : result.findings) all += "\n  " + f.finding.check_id + ": " + f.finding.message;
    EXPECT_EQ(found, c.expect) << c.check << (c.expect ? " expected" : " not expected") << "; findings:" << all;
}

std::string name(const ::testing::TestParamInfo<Case>& info) {
    std::string out = info.param.check + (info.param.expect ? "_positive" : "_negative");
    for (auto& ch : out) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(Checks, CheckCase, ::testing::ValuesIn(cases()), name);

TEST(CheckCases, EveryCheckHasAPositiveAndANegativeCase) {
    std::set<std::string> positive;
    std::set<std::string> negative;
    for (const auto& c : cases()) (c.expect ? positive : negative).insert(c.check);
    for (const auto& impl : check_implementations()) {
        EXPECT_TRUE(positive.count(std::string(impl.id))) << impl.id << " has no positive case";
        EXPECT_TRUE(negative.count(std::string(impl.id))) << impl.id << " has no negative case";
    }
}

}  // namespace
}  // namespace sipwarden::audit
