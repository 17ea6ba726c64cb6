// The typical SIP messages the parser benchmarks measure (shared by
// bench_sip_parse and sip_instructions): an INVITE and its 200 OK with a
// 17-line SDP, a REGISTER with credentials and its 200 OK, a scanner's OPTIONS.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sipwarden::bench {

inline std::string with_length(std::string head, std::string_view body) {
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    head += body;
    return head;
}

inline const std::string k_sdp =
    "v=0\r\no=- 3912456789 3912456789 IN IP4 192.0.2.10\r\ns=pjmedia\r\nb=AS:84\r\nt=0 0\r\n"
    "a=X-nat:0\r\nm=audio 4000 RTP/AVP 96 9 8 0 101\r\nc=IN IP4 192.0.2.10\r\nb=TIAS:64000\r\n"
    "a=rtcp:4001 IN IP4 192.0.2.10\r\na=sendrecv\r\na=rtpmap:96 opus/48000/2\r\na=fmtp:96 useinbandfec=1\r\n"
    "a=rtpmap:9 G722/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ssrc:123456789 cname:4a1b2c3d4e5f\r\n";

inline const std::string k_invite = with_length(
    "INVITE sip:+15550100@pbx.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bKPj5b8e1c2a-7d3f-4a8b-9c0d-1e2f3a4b5c6d\r\n"
    "Max-Forwards: 70\r\n"
    "From: \"Alice\" <sip:alice@pbx.example.com>;tag=8c1f4a2b-3d5e-4f60-8a7b-9c0d1e2f3a4b\r\n"
    "To: <sip:+15550100@pbx.example.com>\r\n"
    "Contact: <sip:alice@192.0.2.10:5060;ob>\r\n"
    "Call-ID: 2f6c8e0a-4b1d-4e3f-9a5b-7c8d9e0f1a2b\r\n"
    "CSeq: 12345 INVITE\r\n"
    "Route: <sip:proxy.example.com;lr>\r\n"
    "Allow: PRACK, INVITE, ACK, BYE, CANCEL, UPDATE, INFO, SUBSCRIBE, NOTIFY, REFER, MESSAGE, OPTIONS\r\n"
    "Supported: replaces, 100rel, timer, norefersub\r\n"
    "Session-Expires: 1800\r\nMin-SE: 90\r\n"
    "User-Agent: ExamplePhone/2.12.1 (Linux)\r\n"
    "Content-Type: application/sdp\r\n",
    k_sdp);

inline const std::string k_ok_invite = with_length(
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP "
    "192.0.2.10:5060;rport=5060;received=198.51.100.20;branch=z9hG4bKPj5b8e1c2a-7d3f-4a8b-9c0d-1e2f3a4b5c6d\r\n"
    "Record-Route: <sip:proxy.example.com;lr>\r\n"
    "Call-ID: 2f6c8e0a-4b1d-4e3f-9a5b-7c8d9e0f1a2b\r\n"
    "From: \"Alice\" <sip:alice@pbx.example.com>;tag=8c1f4a2b-3d5e-4f60-8a7b-9c0d1e2f3a4b\r\n"
    "To: <sip:+15550100@pbx.example.com>;tag=as5f2c7e1d\r\n"
    "CSeq: 12345 INVITE\r\n"
    "Server: Asterisk PBX 20.5.0\r\n"
    "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, SUBSCRIBE, NOTIFY, INFO, PUBLISH, MESSAGE\r\n"
    "Supported: replaces, timer\r\n"
    "Contact: <sip:+15550100@203.0.113.5:5060>\r\n"
    "Content-Type: application/sdp\r\n",
    k_sdp);

inline const std::string k_ok_register = with_length(
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 192.0.2.10:5060;rport=5060;received=198.51.100.20;branch=z9hG4bKPj0a1b2c3d\r\n"
    "Call-ID: 7e8f9a0b-1c2d-3e4f-5a6b-7c8d9e0f1a2b\r\n"
    "From: <sip:alice@pbx.example.com>;tag=1a2b3c4d\r\n"
    "To: <sip:alice@pbx.example.com>;tag=z9hG4bKPj0a1b2c3d\r\n"
    "CSeq: 4 REGISTER\r\n"
    "Date: Fri, 27 Nov 2026 04:00:00 GMT\r\n"
    "Contact: <sip:alice@198.51.100.20:5060;ob>;expires=299\r\n"
    "Expires: 300\r\n"
    "Server: Asterisk PBX 20.5.0\r\n",
    "");

inline const std::string k_register = with_length(
    "REGISTER sip:pbx.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bKPj0a1b2c3d\r\n"
    "Max-Forwards: 70\r\n"
    "From: <sip:alice@pbx.example.com>;tag=1a2b3c4d\r\n"
    "To: <sip:alice@pbx.example.com>\r\n"
    "Call-ID: 7e8f9a0b-1c2d-3e4f-5a6b-7c8d9e0f1a2b\r\n"
    "CSeq: 4 REGISTER\r\n"
    "User-Agent: ExamplePhone/2.12.1 (Linux)\r\n"
    "Contact: <sip:alice@192.0.2.10:5060;ob>\r\n"
    "Expires: 300\r\n"
    "Allow: PRACK, INVITE, ACK, BYE, CANCEL, UPDATE, INFO, SUBSCRIBE, NOTIFY, REFER, MESSAGE, OPTIONS\r\n"
    "Authorization: Digest username=\"alice\", realm=\"pbx.example.com\", nonce=\"1732680000/0a1b2c3d4e5f\", "
    "uri=\"sip:pbx.example.com\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, "
    "cnonce=\"5b8e1c2a\", qop=auth, nc=00000001\r\n",
    "");

inline const std::string k_options = with_length(
    "OPTIONS sip:100@pbx.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 198.51.100.99:5070;branch=z9hG4bK-2803718513;rport\r\n"
    "Max-Forwards: 70\r\n"
    "To: \"sipvicious\"<sip:100@pbx.example.com>\r\n"
    "From: \"sipvicious\"<sip:100@pbx.example.com>;tag=6331313732386435313363340131363935363337363439\r\n"
    "User-Agent: friendly-scanner\r\n"
    "Call-ID: 1236519318459208516417226\r\n"
    "Contact: sip:100@198.51.100.99:5070\r\n"
    "CSeq: 1 OPTIONS\r\n"
    "Accept: application/sdp\r\n",
    "");

inline const std::vector<const std::string*> k_messages = {&k_invite, &k_ok_invite, &k_ok_register, &k_register,
                                                           &k_options};
inline const char* const k_names[] = {"invite_sdp", "ok_invite_sdp", "ok_register", "register_auth", "options"};

}  // namespace sipwarden::bench
