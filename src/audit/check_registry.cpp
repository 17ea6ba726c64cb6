// The explicit list of implemented checks, keyed by their id in knowledge/.
// A unit test keeps it and the knowledge base in one-to-one correspondence.
#include <array>

#include "audit/checks_list.h"

namespace sipwarden::audit {

namespace {
constexpr std::array k_checks{
    CheckImplementation{"ast.pjsip.anonymous-endpoint", check_pjsip_anonymous_endpoint},
    CheckImplementation{"ast.pjsip.endpoint-without-auth", check_pjsip_endpoint_without_auth},
    CheckImplementation{"ast.pjsip.unauthenticated-options", check_pjsip_unauthenticated_options},
    CheckImplementation{"ast.pjsip.weak-password", check_pjsip_weak_password},
    CheckImplementation{"ast.pjsip.no-acl", check_pjsip_no_acl},
    CheckImplementation{"ast.pjsip.identify-broad-match", check_pjsip_identify_broad},
    CheckImplementation{"ast.pjsip.default-context", check_pjsip_default_context},
    CheckImplementation{"ast.pjsip.trust-id-inbound", check_pjsip_trust_id_inbound},
    CheckImplementation{"ast.pjsip.no-tls", check_pjsip_no_tls},
    CheckImplementation{"ast.pjsip.no-srtp", check_pjsip_no_srtp},
    CheckImplementation{"ast.pjsip.sdes-without-tls", check_pjsip_sdes_without_tls},
    CheckImplementation{"ast.pjsip.tls-verify-server-off", check_pjsip_tls_verify},
    CheckImplementation{"ast.pjsip.many-contacts", check_pjsip_max_contacts},
    CheckImplementation{"ast.sip.chan-sip-loaded", check_sip_chan_sip_loaded},
    CheckImplementation{"ast.sip.allowguest", check_sip_allowguest},
    CheckImplementation{"ast.sip.alwaysauthreject-off", check_sip_alwaysauthreject},
    CheckImplementation{"ast.sip.insecure-invite", check_sip_insecure_invite},
    CheckImplementation{"ast.sip.weak-secret", check_sip_weak_secret},
    CheckImplementation{"ast.sip.no-acl", check_sip_no_acl},
    CheckImplementation{"ast.sip.autocreatepeer", check_sip_autocreatepeer},
    CheckImplementation{"ast.sip.no-tls", check_sip_no_tls},
    CheckImplementation{"ast.user-agent-version", check_user_agent_version},
    CheckImplementation{"ast.iax.guest", check_iax_guest},
    CheckImplementation{"ast.iax.weak-secret", check_iax_weak_secret},
    CheckImplementation{"ast.iax.plaintext-auth", check_iax_plaintext_auth},
    CheckImplementation{"ast.ami.reachable", check_ami_reachable},
    CheckImplementation{"ast.ami.weak-secret", check_ami_weak_secret},
    CheckImplementation{"ast.ami.no-acl", check_ami_no_acl},
    CheckImplementation{"ast.ami.dangerous-permissions", check_ami_dangerous_permissions},
    CheckImplementation{"ast.ami.plaintext", check_ami_plaintext},
    CheckImplementation{"ast.http.reachable", check_http_reachable},
    CheckImplementation{"ast.http.no-tls", check_http_no_tls},
    CheckImplementation{"ast.ari.weak-password", check_ari_weak_password},
    CheckImplementation{"ast.ari.any-origin", check_ari_any_origin},
    CheckImplementation{"ast.core.live-dangerously", check_live_dangerously},
    CheckImplementation{"ast.core.exec-directive", check_exec_directive},
    CheckImplementation{"ast.rtp.strictrtp-off", check_rtp_strictrtp_off},
    CheckImplementation{"media.rtp-open-to-any", check_rtp_open_to_any},
    CheckImplementation{"ast.dialplan.toll-fraud-path", check_dialplan_toll_fraud},
    CheckImplementation{"ast.dialplan.exten-injection", check_dialplan_exten_injection},
    CheckImplementation{"ast.dialplan.shell-injection", check_dialplan_shell_injection},
    CheckImplementation{"ast.dialplan.disa-no-password", check_dialplan_disa},
    CheckImplementation{"ast.dialplan.demo-included", check_dialplan_demo},
    CheckImplementation{"fs.vars.default-password", check_fs_default_password},
    CheckImplementation{"fs.directory.weak-password", check_fs_weak_password},
    CheckImplementation{"fs.esl.default-password", check_fs_esl_default_password},
    CheckImplementation{"fs.esl.reachable", check_fs_esl_reachable},
    CheckImplementation{"fs.profile.auth-calls-off", check_fs_auth_calls_off},
    CheckImplementation{"fs.profile.blind-auth", check_fs_blind_auth},
    CheckImplementation{"fs.profile.inbound-acl-allows-all", check_fs_acl_allow_all},
    CheckImplementation{"fs.profile.no-tls", check_fs_no_tls},
    CheckImplementation{"fs.profile.auth-failures-not-logged", check_fs_log_auth_failures},
    CheckImplementation{"fs.dialplan.toll-fraud-path", check_fs_toll_fraud},
    CheckImplementation{"fs.preprocess.exec", check_fs_exec},
    CheckImplementation{"fw.input-policy-accept", check_fw_policy_accept},
    CheckImplementation{"fw.no-ipv6-rules", check_fw_no_ipv6},
    CheckImplementation{"fw.sip-open-to-internet", check_fw_sip_open},
    CheckImplementation{"kam.no-auth", check_kam_no_auth},
    CheckImplementation{"kam.no-antiflood", check_kam_no_antiflood},
    CheckImplementation{"kam.pstn-spoofable", check_kam_pstn_spoofable},
};
}  // namespace

std::span<const CheckImplementation> check_implementations() { return k_checks; }

}  // namespace sipwarden::audit
