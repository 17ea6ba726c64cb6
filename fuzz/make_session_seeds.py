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


def main():
    folder = 'fuzz/corpus/session'
    shutil.rmtree(folder, ignore_errors=True)
    for root in ('tests/data/pcaps', 'examples/captures'):
        for dirpath, _, files in os.walk(root):
            for f in sorted(files):
                if f.endswith(('.pcap', '.pcapng')):
                    blob = seed(os.path.join(dirpath, f))
                    if blob:
                        write(folder, blob)


if __name__ == '__main__':
    sys.exit(main())
