#!/usr/bin/env python3
"""Writes a pcap of N INVITEs, each with a unique Call-ID, From tag and branch
and from its own source address and port (a scanner's or a flood's traffic),
none answered: the worst case for the session tables. Used by
bench/flood_memory.sh to check that watch's memory stays flat.
With --tcp, each INVITE is the first segment of its own TCP stream, cut
short so that the stream stays open: the worst case for TCP reassembly
(its stream table fills, and every further stream is refused).
usage: flood_capture.py [--tcp] N OUT.pcap"""
import struct
import sys


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def frame(i, payload, tcp=False):
    src = bytes([10, (i >> 16) & 0xFF, (i >> 8) & 0xFF, i & 0xFF])
    dst = bytes([192, 0, 2, 1])
    sport = 1024 + i % 60000
    if tcp:
        # Data offset 5 words, PSH+ACK; checksums are not checked by watch.
        transport = struct.pack("!HHIIBBHHH", sport, 5060, 1, 0, 5 << 4, 0x18, 65535, 0, 0) + payload
        protocol = 6
    else:
        transport = struct.pack("!HHHH", sport, 5060, 8 + len(payload), 0) + payload
        protocol = 17
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(transport), i & 0xFFFF, 0, 64, protocol, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip + transport


def main():
    args = sys.argv[1:]
    tcp = args[:1] == ["--tcp"]
    if tcp:
        args = args[1:]
    n, out = int(args[0]), args[1]
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        t = 1_700_000_000.0
        for i in range(n):
            user = 1000 + i % 9000
            msg = (
                f"INVITE sip:00972{i:08d}@192.0.2.1 SIP/2.0\r\n"
                f"Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-{i:x}\r\n"
                f"From: <sip:{user}@192.0.2.1>;tag={i:x}\r\n"
                f"To: <sip:00972{i:08d}@192.0.2.1>\r\n"
                f"Call-ID: flood-{i:010d}@10.0.0.1\r\n"
                "CSeq: 1 INVITE\r\n"
                f"Contact: <sip:{user}@10.0.0.1:5060>\r\n"
                "Max-Forwards: 70\r\nUser-Agent: friendly-scanner\r\nContent-Length: 0\r\n\r\n"
            ).encode()
            data = frame(i, msg[:80] if tcp else msg, tcp)
            t += 0.0002  # 5,000 INVITEs a second
            f.write(struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(data), len(data)) + data)


main()
