// Declarations of every check function; the registry (check_registry.cpp)
// pairs each with its id in knowledge/.
#pragma once

#include "audit/checks.h"

namespace sipwarden::audit {

// PJSIP
void check_pjsip_anonymous_endpoint(CheckContext&);
void check_pjsip_endpoint_without_auth(CheckContext&);
void check_pjsip_unauthenticated_options(CheckContext&);
void check_pjsip_weak_password(CheckContext&);
void check_pjsip_no_acl(CheckContext&);
void check_pjsip_identify_broad(CheckContext&);
void check_pjsip_default_context(CheckContext&);
void check_pjsip_trust_id_inbound(CheckContext&);
void check_pjsip_no_tls(CheckContext&);
void check_pjsip_no_srtp(CheckContext&);
void check_pjsip_sdes_without_tls(CheckContext&);
void check_pjsip_tls_verify(CheckContext&);
void check_pjsip_max_contacts(CheckContext&);
// chan_sip, IAX2, shared Asterisk
void check_sip_chan_sip_loaded(CheckContext&);
void check_sip_allowguest(CheckContext&);
void check_sip_alwaysauthreject(CheckContext&);
void check_sip_insecure_invite(CheckContext&);
void check_sip_weak_secret(CheckContext&);
void check_sip_no_acl(CheckContext&);
void check_sip_autocreatepeer(CheckContext&);
void check_sip_no_tls(CheckContext&);
void check_user_agent_version(CheckContext&);
void check_iax_guest(CheckContext&);
void check_iax_weak_secret(CheckContext&);
void check_iax_plaintext_auth(CheckContext&);
// AMI, HTTP, ARI, core
void check_ami_reachable(CheckContext&);
void check_ami_weak_secret(CheckContext&);
void check_ami_no_acl(CheckContext&);
void check_ami_dangerous_permissions(CheckContext&);
void check_ami_plaintext(CheckContext&);
void check_http_reachable(CheckContext&);
void check_http_no_tls(CheckContext&);
void check_ari_weak_password(CheckContext&);
void check_ari_any_origin(CheckContext&);
void check_live_dangerously(CheckContext&);
void check_exec_directive(CheckContext&);
// Media
void check_rtp_strictrtp_off(CheckContext&);
void check_rtp_open_to_any(CheckContext&);
// Dialplan
void check_dialplan_toll_fraud(CheckContext&);
void check_dialplan_exten_injection(CheckContext&);
void check_dialplan_shell_injection(CheckContext&);
void check_dialplan_disa(CheckContext&);
void check_dialplan_demo(CheckContext&);
// FreeSWITCH
void check_fs_default_password(CheckContext&);
void check_fs_weak_password(CheckContext&);
void check_fs_esl_default_password(CheckContext&);
void check_fs_esl_reachable(CheckContext&);
void check_fs_auth_calls_off(CheckContext&);
void check_fs_blind_auth(CheckContext&);
void check_fs_acl_allow_all(CheckContext&);
void check_fs_no_tls(CheckContext&);
void check_fs_log_auth_failures(CheckContext&);
void check_fs_toll_fraud(CheckContext&);
void check_fs_exec(CheckContext&);
// Firewall
void check_fw_policy_accept(CheckContext&);
void check_fw_no_ipv6(CheckContext&);
void check_fw_sip_open(CheckContext&);
// Kamailio
void check_kam_no_auth(CheckContext&);
void check_kam_no_antiflood(CheckContext&);
void check_kam_pstn_spoofable(CheckContext&);

}  // namespace sipwarden::audit
