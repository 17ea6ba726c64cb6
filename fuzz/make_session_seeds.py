#!/usr/bin/env python3
"""Builds the seed corpus of the session fuzz target (fuzz/session_fuzz.cpp)
from the test captures: each capture with SIP becomes one input of records
(flags, time step, source, destination, length, payload) for its first
SIP messages and UDP datagrams, IPv4 only. Run from the repository root; it
rewrites fuzz/corpus/session."""
import os, shutil, struct, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_net_seeds import ipv4_packet, records, write  # noqa: E402

MAX_BYTES = 24 * 1024
START = (b'SIP/2.0 ', b'INVITE ', b'ACK ', b'BYE ', b'CANCEL ', b'REGISTER ', b'OPTIONS ', b'MESSAGE ',
         b'SUBSCRIBE ', b'NOTIFY ', b'INFO ', b'REFER ', b'PUBLISH ', b'PRACK ', b'UPDATE ')


def ipv4_payload(link, frame):
    """(is_tcp, source, destination, payload) of an Ethernet/SLL/raw IPv4 frame, else None."""
    ip = ipv4_packet(link, frame)
    if ip is None or len(ip) < 28 or ip[9] not in (6, 17):
        return None
    ihl = (ip[0] & 15) * 4
    transport = ip[ihl:]
    source = ip[12:16] + transport[0:2]
    destination = ip[16:20] + transport[2:4]
    if ip[9] == 17:
        return False, source, destination, transport[8:]
    if len(transport) < 20:
        return None
    return True, source, destination, transport[(transport[12] >> 4) * 4:]


def seed(path):
    out = bytearray([len(path) % 3])  # the report format
    sip = False
    for link, frame in records(path):
        p = ipv4_payload(link, frame)
        if p is None or not p[3]:
            continue
        is_tcp, source, destination, payload = p
        is_sip = payload.startswith(START)
        if is_tcp and not is_sip:
            continue
        sip = sip or is_sip
        record = struct.pack('<BH', (1 if is_sip else 0) | (2 if is_tcp else 0), 2) + source + destination
        record += struct.pack('<H', len(payload)) + payload
        if len(out) + len(record) > MAX_BYTES:
            break
        out += record
    return bytes(out) if sip else None


def shared_media_seed():
    """Two calls answered on one media address (as SIPp's -rtp_echo UAS
    answers them), then RTP with one SSRC from both callers and back: the
    shared-flow paths of the media tracker."""
    def addr(last, port):
        return bytes([127, 0, 0, last]) + struct.pack('>H', port)

    def sdp(port):
        return ('v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n'
                'm=audio %d RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n' % port)

    def sip(start, call, cseq, to_tag, body):
        head = (start + '\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-%s-%d\r\n'
                'From: <sip:a@127.0.0.1>;tag=f%s\r\nTo: <sip:b@127.0.0.1>%s\r\nCall-ID: %s\r\n'
                'CSeq: %d %s\r\nContact: <sip:a@127.0.0.1:5061>\r\nMax-Forwards: 70\r\n'
                % (call, cseq, call, to_tag, call, cseq, 'INVITE' if cseq == 1 else 'BYE'))
        if body:
            head += 'Content-Type: application/sdp\r\n'
        return (head + 'Content-Length: %d\r\n\r\n' % len(body) + body).encode()

    def record(is_sip, source, destination, payload, step=2):
        return struct.pack('<BH', 1 if is_sip else 0, step) + source + destination + struct.pack(
            '<H', len(payload)) + payload

    uac, uas, shared = addr(1, 5061), addr(1, 5060), addr(1, 6200)
    out = bytearray([1])
    for n, port in ((1, 6300), (2, 6304)):
        call = 'shared-%d' % n
        out += record(True, uac, uas, sip('INVITE sip:b@127.0.0.1 SIP/2.0', call, 1, '', sdp(port)))
        out += record(True, uas, uac, sip('SIP/2.0 200 OK', call, 1, ';tag=t', sdp(6200)))
    for seq in range(1, 9):
        for port in (6300, 6304):
            header = struct.pack('>BBHII', 0x80, 8, seq, seq * 160, 0xdee0ee8f)
            out += record(False, addr(1, port), shared, header + bytes(160), 1)
            out += record(False, shared, addr(1, port), header + bytes(160), 1)
        out += record(False, addr(1, 6301), addr(1, 6201), bytes([0x81, 203, 0, 1, 0xde, 0xe0, 0xee, 0x8f]), 1)
    out += record(True, uac, uas, sip('BYE sip:b@127.0.0.1 SIP/2.0', 'shared-1', 2, ';tag=t', ''))
    return bytes(out)


def main():
    folder = 'fuzz/corpus/session'
    shutil.rmtree(folder, ignore_errors=True)
    write(folder, shared_media_seed())
    for root in ('tests/data/pcaps', 'examples/captures'):
        for dirpath, _, files in os.walk(root):
            for f in sorted(files):
                if f.endswith(('.pcap', '.pcapng')):
                    blob = seed(os.path.join(dirpath, f))
                    if blob:
                        write(folder, blob)


if __name__ == '__main__':
    sys.exit(main())
