#!/usr/bin/env python3
"""Builds the seed corpora of the packet-path fuzz targets (frame, hep,
tcp_stream, capture_file) from the test captures in tests/data/pcaps.
Run from the repository root; it rewrites fuzz/corpus/{frame,hep,tcp_stream,capture_file}."""
import gzip, hashlib, os, struct, sys

LINK_TYPES = [1, 113, 276, 101, 12, 14, 228, 229, 0, 108]

def records(path):
    data = open(path, 'rb').read()
    if data[:4] == b'\x0a\x0d\x0d\x0a':
        yield from pcapng_records(data)
        return
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    link = struct.unpack(endian + 'I', data[20:24])[0] & 0x03ffffff
    at = 24
    while at + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(endian + 'IIII', data[at:at + 16])
        yield link, data[at + 16:at + 16 + caplen]
        at += 16 + caplen

def pcapng_records(data):
    at, links, endian = 0, [], '<'
    while at + 12 <= len(data):
        if data[at:at + 4] == b'\x0a\x0d\x0d\x0a':
            endian = '<' if data[at + 8:at + 12] == b'\x4d\x3c\x2b\x1a' else '>'
            links = []
        btype, blen = struct.unpack(endian + 'II', data[at:at + 8])
        body = data[at + 8:at + blen - 4]
        if btype == 1:
            links.append(struct.unpack(endian + 'H', body[:2])[0])
        elif btype == 6 and len(body) >= 20:
            iface, _, _, caplen, _ = struct.unpack(endian + 'IIIII', body[:20])
            if iface < len(links):
                yield links[iface], body[20:20 + caplen]
        if blen < 12:
            break
        at += blen

def ipv4_packet(link, frame):
    """The IPv4 packet of a plain Ethernet/SLL/raw IP frame, else None."""
    off = {1: 14, 113: 16, 276: 20, 101: 0, 12: 0}.get(link)
    if off is None or len(frame) < off + 20:
        return None
    if link == 1 and frame[12:14] == b'\x81\x00':
        off += 4
    ip = frame[off:]
    return ip if ip[0] >> 4 == 4 else None

def udp_payload(link, frame):
    """The UDP or TCP payload of a plain Ethernet/SLL/raw IPv4 frame, else None."""
    ip = ipv4_packet(link, frame)
    if ip is None:
        return None
    ihl = (ip[0] & 15) * 4
    proto = ip[9]
    if proto == 17:
        return 'udp', ip[ihl + 8:]
    if proto == 6 and len(ip) >= ihl + 20:
        doff = (ip[ihl + 12] >> 4) * 4
        seq = struct.unpack('>I', ip[ihl + 4:ihl + 8])[0]
        return ('tcp', seq, ip[ihl:ihl + 2] < ip[ihl + 2:ihl + 4], ip[ihl + doff:])
    return None

def write(folder, blob):
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(blob).hexdigest()[:16]
    open(os.path.join(folder, name), 'wb').write(blob)

def main():
    root = 'tests/data/pcaps'
    seen = set()
    for dirpath, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith(('.pcap', '.pcapng')):
                continue
            path = os.path.join(dirpath, f)
            size = os.path.getsize(path)
            if size <= 8192:
                write('fuzz/corpus/capture_file', open(path, 'rb').read())
            tcp_records = b''
            for i, (link, frame) in enumerate(records(path)):
                if link in LINK_TYPES and i < 12:
                    key = (link, len(frame) // 256, frame[12:14], frame[23:24])
                    if key not in seen:
                        seen.add(key)
                        write('fuzz/corpus/frame', bytes([LINK_TYPES.index(link)]) + frame[:1600])
                p = udp_payload(link, frame)
                if not p:
                    continue
                if p[0] == 'udp' and p[1][:4] == b'HEP3':
                    write('fuzz/corpus/hep', p[1])
                if p[0] == 'tcp' and p[3] and len(tcp_records) < 4000:
                    _, seq, direction, data = p
                    for start in range(0, len(data), 255):
                        piece = data[start:start + 255]
                        flags = (1 if direction else 0) | 16
                        tcp_records += struct.pack('>BHB', flags, 0x8000, len(piece)) + piece
            if tcp_records:
                write('fuzz/corpus/tcp_stream', tcp_records)
    gz = gzip.compress(open(os.path.join(root, 'pcapplusplus/sip_reqs.pcap'), 'rb').read())
    write('fuzz/corpus/capture_file', gz)

if __name__ == '__main__':
    sys.exit(main())
