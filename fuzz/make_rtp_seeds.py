#!/usr/bin/env python3
"""Builds the seed corpora of the rtp and rtcp fuzz targets from the test
captures in tests/data/pcaps (payloads extracted with tshark) and from
hand-built packets of the CVE shapes in src/rtp/*_test.cpp.
Run from the repository root; it rewrites fuzz/corpus/{rtp,rtcp}."""
import glob, hashlib, os, shutil, struct, subprocess

CAPTURES = sorted(glob.glob('tests/data/pcaps/**/*.pcap*', recursive=True))
STREAM_PACKETS = 32     # packets per stream seed
MAX_STREAM_SEEDS = 40
MAX_RTCP_SEEDS = 60


def tshark(path, display_filter, fields):
    cmd = ['tshark', '-n', '-r', path, '-o', 'rtp.heuristic_rtp:TRUE', '-Y', display_filter, '-T', 'fields']
    for f in fields:
        cmd += ['-e', f]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return [line.split('\t') for line in out.splitlines() if line]


def write(directory, data):
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), 'wb') as f:
        f.write(data)


def stream_record(packets):
    """rtp_fuzz's stream format: 16-bit length, 16-bit gap in 0.1 ms, packet."""
    out, last = b'', None
    for time, payload in packets:
        gap = 0 if last is None else min(0xffff, max(0, round((time - last) * 10000)))
        last = time
        out += struct.pack('>HH', len(payload), gap) + payload
    return out


def rtp_seeds():
    streams, singles = {}, []
    for path in CAPTURES:
        for number, time, ssrc, port, payload in tshark(path, 'rtp && udp', ['frame.number', 'frame.time_relative',
                                                                             'rtp.ssrc', 'udp.dstport', 'udp.payload']):
            key = (path, ssrc, port)
            data = bytes.fromhex(payload.split(',')[-1])  # the innermost UDP of a tunnel
            if key not in streams:
                streams[key] = []
                singles.append(data)
            if len(streams[key]) < STREAM_PACKETS:
                streams[key].append((float(time), data))
    records = [stream_record(p) for p in list(streams.values())[:MAX_STREAM_SEEDS]]
    return records + singles


def rtcp_seeds():
    seen = []
    for path in CAPTURES:
        for (payload,) in tshark(path, 'rtcp && udp', ['udp.payload']):
            data = bytes.fromhex(payload.split(',')[-1])
            if data not in seen:
                seen.append(data)
    return seen[:MAX_RTCP_SEEDS]


def raw_udp_payloads(path):
    return [bytes.fromhex(p.split(',')[-1]) for (p,) in tshark(path, 'udp', ['udp.payload']) if p]


def rtp(first=0x80, second=0, sequence=1, timestamp=160, ssrc=0x11223344):
    return struct.pack('>BBHII', first, second, sequence, timestamp, ssrc)


def rtcp(first, packet_type, length):
    return struct.pack('>BBH', first, packet_type, length)


# The CVE shapes of src/rtp/rtp_packet_test.cpp and rtcp_packet_test.cpp.
HAND_RTP = [
    rtp(0x8f) + b'\x00' * 59,                              # CSRC count past the end
    rtp(0x90) + b'\xbe\xde\xff\xff' + b'\xd5' * 100,       # extension length past the end
    rtp(0xa0) + b'\xd5' * 20 + b'\x16',                    # padding count past the payload
    rtp(0xa0) + b'\xd5' * 20 + b'\x00',                    # padding count 0
    rtp(0x80, 0xc8) + b'\xd5' * 20,                        # RTCP SR read as RTP
]
REPORT_BLOCK = struct.pack('>IB3sIIII', 1, 64, b'\xff\xff\xfe', 0x15000, 37, 0x12345678, 0x10000)
SR = rtcp(0x81, 200, 12) + struct.pack('>IIIIII', 7, 0xe0000001, 0x80000000, 160000, 1000, 160000) + REPORT_BLOCK
HAND_RTCP = [
    rtcp(0x80, 200, 0),                                            # SR with length 0
    rtcp(0x80, 201, 0xffff) + b'\x00' * 4,                         # length past the end
    rtcp(0x80, 201, 1) + b'\x00' * 4 + rtcp(0x81, 202, 9) + b'\x00' * 8,   # compound past the end
    rtcp(0x80, 207, 3) + struct.pack('>IBBHI', 7, 7, 0, 8, 1),     # XR block past the packet
    rtcp(0x81, 203, 2) + struct.pack('>IB', 7, 200) + b'bye',      # BYE reason past the packet
    rtcp(0x81, 202, 2) + struct.pack('>IBB', 7, 1, 200) + b'ab',   # SDES item past the packet
    rtcp(0x80, 204, 1) + b'\x00' * 4,                              # APP with length 1
    rtcp(0xa0, 201, 1) + b'\x00' * 4,                              # padding count 0
    SR + b''.join(rtcp(0x9f, 201, 187) + struct.pack('>I', 7) + REPORT_BLOCK * 31 for _ in range(3)),  # many
]


def rebuild(directory, seeds):
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    for seed in seeds:
        write(directory, seed)


def main():
    crashes = []
    for path in glob.glob('tests/data/pcaps/tcpdump/rtp-seg-fault-*'):
        crashes += raw_udp_payloads(path)
    rebuild('fuzz/corpus/rtp', rtp_seeds() + HAND_RTP + crashes)
    rebuild('fuzz/corpus/rtcp', rtcp_seeds() + HAND_RTCP + crashes)


if __name__ == '__main__':
    main()
