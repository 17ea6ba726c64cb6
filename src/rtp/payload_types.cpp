// RFC 3551 §6 Tables 4 and 5 as data.
#include "rtp/payload_types.h"

#include <array>

namespace sipwarden::rtp {

namespace {

struct StaticType {
    std::string_view name;
    std::uint32_t clock_rate = 0;
};

// Indexed by payload type 0-34; entries without a name are reserved or
// unassigned (1 and 2 were FS-1016 and G721, 19 the old comfort noise).
constexpr std::array<StaticType, 35> k_static_types = {{
    {"PCMU", 8000}, {"", 0},        {"", 0},         {"GSM", 8000},   {"G723", 8000},  {"DVI4", 8000},  {"DVI4", 16000},
    {"LPC", 8000},  {"PCMA", 8000}, {"G722", 8000},  {"L16", 44100},  {"L16", 44100},  {"QCELP", 8000}, {"CN", 8000},
    {"MPA", 90000}, {"G728", 8000}, {"DVI4", 11025}, {"DVI4", 22050}, {"G729", 8000},  {"", 0},         {"", 0},
    {"", 0},        {"", 0},        {"", 0},         {"", 0},         {"CelB", 90000}, {"JPEG", 90000}, {"", 0},
    {"nv", 90000},  {"", 0},        {"", 0},         {"H261", 90000}, {"MPV", 90000},  {"MP2T", 90000}, {"H263", 90000},
}};

}  // namespace

std::uint32_t static_clock_rate(std::uint8_t payload_type) {
    return payload_type < k_static_types.size() ? k_static_types[payload_type].clock_rate : 0;
}

std::string_view static_encoding_name(std::uint8_t payload_type) {
    return payload_type < k_static_types.size() ? k_static_types[payload_type].name : std::string_view{};
}

}  // namespace sipwarden::rtp
