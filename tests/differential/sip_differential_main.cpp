// Differential check of the SIP/SDP parser: runs the base revision's parser
// and this tree's over every input given (message files, directories of them,
// and the UDP/TCP/HEP payloads of capture files) and compares everything
// their APIs say (sip_dump.cpp). Exit status 1 on any difference.
//   sip_differential PATH...
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "net/capture_file.h"
#include "net/decoder.h"
#include "sip_differential.h"

namespace {
namespace fs = std::filesystem;
using namespace sipwarden;

constexpr std::size_t k_max_reported = 20;

struct Tally {
    std::size_t files = 0, captures = 0, inputs = 0, differences = 0;
};

void check(std::string_view input, const std::string& where, Tally& tally) {
    ++tally.inputs;
    const std::string diff = differential::compare(input);
    if (diff.empty()) return;
    if (++tally.differences <= k_max_reported) std::printf("DIFFERENT %s\n%s", where.c_str(), diff.c_str());
}

class PayloadChecker final : public net::PayloadSink {
public:
    PayloadChecker(std::string path, Tally& tally) : m_path(std::move(path)), m_tally(tally) {}
    void on_payload(const net::Payload& payload) override {
        check(core::as_text(payload.data), m_path + " frame " + std::to_string(payload.frame_number), m_tally);
    }

private:
    std::string m_path;
    Tally& m_tally;
};

// A capture file: every payload the decoder hands on. False when `path` is
// not a capture.
bool check_capture(const fs::path& path, Tally& tally) {
    auto source = net::CaptureFileReader::open(path.string());
    if (!source) return false;
    ++tally.captures;
    PayloadChecker checker(path.string(), tally);
    net::DecodeStats stats;
    net::Decoder decoder(checker, stats);
    net::Frame frame;
    while ((*source)->next(frame) == net::PacketSource::Status::frame) decoder.decode(frame);
    decoder.finish();
    return true;
}

void check_path(const fs::path& path, Tally& tally) {
    if (fs::is_directory(path)) {
        for (const auto& entry : fs::recursive_directory_iterator(path)) {
            if (entry.is_regular_file()) check_path(entry.path(), tally);
        }
        return;
    }
    if (check_capture(path, tally)) return;
    std::ifstream in(path, std::ios::binary);
    const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    ++tally.files;
    check(data, path.string(), tally);
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: sip_differential PATH...\n");
        return 2;
    }
    Tally tally;
    for (int i = 1; i < argc; ++i) {
        if (!fs::exists(argv[i])) {
            std::fprintf(stderr, "sip_differential: %s: no such file or directory\n", argv[i]);
            return 2;
        }
        check_path(argv[i], tally);
    }
    std::printf("sip_differential: %zu message files, %zu captures, %zu inputs compared, %zu different\n", tally.files,
                tally.captures, tally.inputs, tally.differences);
    return tally.differences == 0 ? 0 : 1;
}
