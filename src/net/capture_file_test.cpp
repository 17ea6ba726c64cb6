#include "net/capture_file.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "net/libpcap_source.h"
#include "net/packet_builder_test_support.h"

namespace sipwarden::net {
namespace {

using namespace testing;
namespace fs = std::filesystem;

std::string write_temp(const std::string& name, const Buffer& data) {
    const auto path =
        (fs::temp_directory_path() / ("sipwarden_test_" + std::to_string(::getpid()) + "_" + name)).string();
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    return path;
}

std::string write_gzip(const std::string& name, const Buffer& data) {
    const auto path =
        (fs::temp_directory_path() / ("sipwarden_test_" + std::to_string(::getpid()) + "_" + name)).string();
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, data.data(), static_cast<unsigned>(data.size()));
    gzclose(f);
    return path;
}

std::vector<PcapRecord> three_records() {
    return {{1700000000, 1, bytes("first"), 0},
            {1700000001, 2, bytes("second!"), 100},
            {1700000002, 999999, bytes("3"), 0}};
}

TEST(CaptureFileReader, ReadsClassicPcap) {
    const auto path = write_temp("a.pcap", pcap_file(1, three_records()));
    auto reader = CaptureFileReader::open(path);
    ASSERT_TRUE(reader) << reader.error().message;
    Frame f;
    ASSERT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ(core::as_text(f.data), "first");
    EXPECT_EQ(f.timestamp.ns(), 1700000000'000001000);
    ASSERT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ(f.wire_length, 100u);
    ASSERT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ((*reader)->next(f), PacketSource::Status::end);
    EXPECT_EQ((*reader)->format(), "pcap");
    fs::remove(path);
}

TEST(CaptureFileReader, ReadsGzipCompressedCaptures) {
    const auto path = write_gzip("a.pcap.gz", pcap_file(1, three_records()));
    auto reader = CaptureFileReader::open(path);
    ASSERT_TRUE(reader) << reader.error().message;
    Frame f;
    int n = 0;
    while ((*reader)->next(f) == PacketSource::Status::frame) ++n;
    EXPECT_EQ(n, 3);
    EXPECT_EQ((*reader)->format(), "pcap+gzip");
    fs::remove(path);
}

TEST(CaptureFileReader, TruncatedLastRecordReportsErrorAfterEarlierFrames) {
    auto file = pcap_file(1, three_records());
    file.resize(file.size() - 1);
    const auto path = write_temp("t.pcap", file);
    auto reader = CaptureFileReader::open(path);
    ASSERT_TRUE(reader);
    Frame f;
    EXPECT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ((*reader)->next(f), PacketSource::Status::error);
    EXPECT_NE((*reader)->error_message().find("truncated record"), std::string::npos) << (*reader)->error_message();
    EXPECT_NE((*reader)->error_message().find("after 2 records"), std::string::npos) << (*reader)->error_message();
    fs::remove(path);
}

TEST(CaptureFileReader, ImpossibleCaptureLengthIsAnError) {
    auto file = pcap_file(1, three_records());
    file[24 + 8] = 0xff;  // first record's caplen
    file[24 + 11] = 0x7f;
    const auto path = write_temp("c.pcap", file);
    auto reader = CaptureFileReader::open(path);
    ASSERT_TRUE(reader);
    Frame f;
    EXPECT_EQ((*reader)->next(f), PacketSource::Status::error);
    EXPECT_NE((*reader)->error_message().find("exceeds the maximum"), std::string::npos);
    fs::remove(path);
}

TEST(CaptureFileReader, RejectsWhatIsNotACapture) {
    const auto path = write_temp("n.txt", bytes("hello, world"));
    auto reader = CaptureFileReader::open(path);
    ASSERT_FALSE(reader);
    EXPECT_NE(reader.error().message.find("not a pcap or pcapng capture"), std::string::npos);
    fs::remove(path);
    EXPECT_FALSE(CaptureFileReader::open("/nonexistent/x.pcap"));
}

// pcapng: two interfaces with different link types and resolutions.
Buffer block(std::uint32_t type, const Buffer& body) {
    Buffer b;
    const auto length = static_cast<std::uint32_t>(12 + ((body.size() + 3) & ~std::size_t{3}));
    put32le(b, type);
    put32le(b, length);
    append(b, body);
    while (b.size() < length - 4) b.push_back(0);
    put32le(b, length);
    return b;
}

Buffer pcapng_two_interfaces() {
    Buffer shb;
    put32le(shb, 0x1a2b3c4d);
    put16le(shb, 1);
    put16le(shb, 0);
    put32le(shb, 0xffffffff);
    put32le(shb, 0xffffffff);
    Buffer file = block(0x0a0d0d0a, shb);
    Buffer idb0;  // Ethernet, microseconds
    put16le(idb0, 1);
    put16le(idb0, 0);
    put32le(idb0, 65535);
    append(file, block(1, idb0));
    Buffer idb1;  // raw IP, nanoseconds (if_tsresol = 9)
    put16le(idb1, 101);
    put16le(idb1, 0);
    put32le(idb1, 65535);
    put16le(idb1, 9);
    put16le(idb1, 1);
    append(idb1, Buffer{9, 0, 0, 0});
    put16le(idb1, 0);
    put16le(idb1, 0);
    append(file, block(1, idb1));
    auto epb = [](std::uint32_t interface, std::uint64_t ts, const std::string& data) {
        Buffer b;
        put32le(b, interface);
        put32le(b, static_cast<std::uint32_t>(ts >> 32));
        put32le(b, static_cast<std::uint32_t>(ts));
        put32le(b, static_cast<std::uint32_t>(data.size()));
        put32le(b, static_cast<std::uint32_t>(data.size()));
        append(b, data);
        return block(6, b);
    };
    append(file, epb(0, 1700000000'000001ull, "eth"));
    append(file, block(5, Buffer(8, 0)));  // interface statistics: skipped
    append(file, epb(1, 1700000000'000000123ull, "raw-ip"));
    Buffer spb;
    put32le(spb, 5);
    append(spb, "simpl");
    append(file, block(3, spb));
    return file;
}

TEST(CaptureFileReader, ReadsPcapngWithMixedInterfaces) {
    const auto path = write_temp("m.pcapng", pcapng_two_interfaces());
    auto reader = CaptureFileReader::open(path);
    ASSERT_TRUE(reader) << reader.error().message;
    Frame f;
    ASSERT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ(f.link_type, 1u);
    EXPECT_EQ(f.timestamp.ns(), 1700000000'000001000);
    ASSERT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ(f.link_type, 101u);
    EXPECT_EQ(f.timestamp.ns(), 1700000000'000000123);
    EXPECT_EQ(core::as_text(f.data), "raw-ip");
    ASSERT_EQ((*reader)->next(f), PacketSource::Status::frame);
    EXPECT_EQ(core::as_text(f.data), "simpl");
    EXPECT_EQ(f.link_type, 1u);
    EXPECT_EQ((*reader)->next(f), PacketSource::Status::end);
    fs::remove(path);
}

TEST(CaptureFileReader, PcapngBlockLengthMismatchIsAnError) {
    auto file = pcapng_two_interfaces();
    file[file.size() - 1] = 0x7f;  // trailing length of the last block
    const auto path = write_temp("bad.pcapng", file);
    auto reader = CaptureFileReader::open(path);
    ASSERT_TRUE(reader);
    Frame f;
    int frames = 0;
    PacketSource::Status status;
    while ((status = (*reader)->next(f)) == PacketSource::Status::frame) ++frames;
    EXPECT_EQ(frames, 2);
    EXPECT_EQ(status, PacketSource::Status::error);
    EXPECT_NE((*reader)->error_message().find("trailing length"), std::string::npos);
    fs::remove(path);
}

// Differential test: every record of every capture we have, read by the own
// reader and by libpcap, must be identical.
std::vector<fs::path> capture_files() {
    std::vector<fs::path> out;
    for (const auto* root : {SIPWARDEN_SOURCE_DIR "/tests/data/pcaps", SIPWARDEN_SHARED_DIR "/corpus/pcaps"}) {
        if (!fs::exists(root)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            const auto ext = entry.path().extension();
            if (entry.is_regular_file() && (ext == ".pcap" || ext == ".pcapng" || ext == ".cap"))
                out.push_back(entry.path());
        }
    }
    return out;
}

TEST(CaptureFileReader, AgreesWithLibpcapOnEveryCapture) {
    const auto files = capture_files();
    if (files.empty()) GTEST_SKIP() << "no captures found (tests/data/pcaps and ../shared/corpus/pcaps are absent)";
    int compared = 0;
    for (const auto& path : files) {
        auto ours = CaptureFileReader::open(path.string());
        auto theirs = LibpcapSource::open_file(path.string());
        if (!theirs) {
            // libpcap refuses pcapng files whose interfaces differ in link type; ours reads them.
            ASSERT_TRUE(ours) << path;
            continue;
        }
        ASSERT_TRUE(ours) << path << ": " << ours.error().message;
        Frame a, b;
        std::uint64_t n = 0;
        while (true) {
            const auto sa = (*ours)->next(a);
            const auto sb = (*theirs)->next(b);
            ASSERT_EQ(sa == PacketSource::Status::frame, sb == PacketSource::Status::frame) << path << " record " << n;
            if (sa != PacketSource::Status::frame) break;
            // libpcap reports LINKTYPE_RAW (101) as DLT_RAW (12).
            const auto normal = [](std::uint32_t t) { return t == 101 || t == 14 ? 12u : t; };
            ASSERT_EQ(normal(a.link_type), normal(b.link_type)) << path << " record " << n;
            ASSERT_EQ(a.wire_length, b.wire_length) << path << " record " << n;
            ASSERT_EQ(a.timestamp.ns(), b.timestamp.ns()) << path << " record " << n;
            ASSERT_TRUE(std::equal(a.data.begin(), a.data.end(), b.data.begin(), b.data.end()))
                << path << " record " << n;
            ++n;
        }
        ++compared;
    }
    EXPECT_GT(compared, 10);
}

}  // namespace
}  // namespace sipwarden::net
