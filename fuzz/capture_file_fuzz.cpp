// Fuzz target: a whole capture file (pcap, pcapng, or gzip of either) read
// record by record, each frame decoded.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "net/capture_file.h"
#include "net/decoder.h"

namespace {
class DiscardingSink : public sipwarden::net::PayloadSink {
public:
    void on_payload(const sipwarden::net::Payload&) override {}
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sipwarden::net;
    const int fd = memfd_create("capture", 0);
    if (fd < 0) return 0;
    if (write(fd, data, size) != static_cast<ssize_t>(size) || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return 0;
    }
    Limits limits;
    limits.max_block_bytes = 1 << 20;
    limits.read_chunk_bytes = 64 * 1024;  // the smallest the reader takes: less zeroing per input, same paths
    auto reader = CaptureFileReader::open("/proc/self/fd/" + std::to_string(fd), limits);
    close(fd);
    if (!reader) return 0;
    DiscardingSink sink;
    DecodeStats stats;
    Decoder decoder(sink, stats, limits);
    Frame frame;
    for (int i = 0; i < 10000 && (*reader)->next(frame) == PacketSource::Status::frame; ++i) decoder.decode(frame);
    decoder.finish();
    return 0;
}
