// Instruction-count driver for the SIP/SDP parser: parses one of the
// benchmark messages N times inside one function that callgrind measures
// alone (bench/callgrind_sip.sh), so the figure per message is exact and
// independent of the machine's load.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sip/message.h"
#include "sip/multipart.h"
#include "sip/sdp.h"
#include "sip_messages.h"

namespace {
using namespace sipwarden::sip;

struct Parsers {
    Message message;
    SessionDescription sdp;
};

// Parses `data` the way the monitor does: the message, then its SDP when
// `with_sdp` is set. Returns something derived from the result so nothing
// is optimised away.
std::size_t parse_once(Parsers& p, std::string_view data, bool with_sdp) {
    std::size_t fields = p.message.parse(data) ? p.message.call_id().size() : 0;
    if (with_sdp) {
        const std::string_view body = find_sdp(p.message);
        if (!body.empty() && p.sdp.parse(body)) fields += p.sdp.media().size();
    }
    return fields;
}
}  // namespace

// The only function callgrind collects in (--toggle-collect).
extern "C" __attribute__((noinline)) std::size_t sip_instructions_measure(Parsers& p, std::string_view data,
                                                                          bool with_sdp, long count) {
    std::size_t fields = 0;
    for (long i = 0; i < count; ++i) fields += parse_once(p, data, with_sdp);
    return fields;
}

int main(int argc, char** argv) {
    const auto& messages = sipwarden::bench::k_messages;
    if (argc != 4) {
        std::fprintf(stderr, "usage: sip_instructions MESSAGE(0-%zu) parse|with_sdp COUNT\n", messages.size() - 1);
        return 2;
    }
    const auto index = static_cast<std::size_t>(std::strtoul(argv[1], nullptr, 10));
    const std::string_view mode = argv[2];
    const long count = std::strtol(argv[3], nullptr, 10);
    if (index >= messages.size() || (mode != "parse" && mode != "with_sdp") || count <= 0) return 2;
    Parsers p;
    const std::string& data = *messages[index];
    parse_once(p, data, true);  // warm-up: the arrays reach their capacity outside the measurement
    const std::size_t fields = sip_instructions_measure(p, data, mode == "with_sdp", count);
    std::printf("%s %s %ld %zu\n", sipwarden::bench::k_names[index], argv[2], count, fields);
    return 0;
}
