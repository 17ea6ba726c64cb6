// BpfFilter: a tcpdump-style filter expression ("udp port 5060") compiled
// by libpcap and applied to frames from any source. A capture file may mix
// link types (pcapng), so the program is compiled once per link type.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/result.h"
#include "net/frame.h"

struct bpf_program;

namespace sipwarden::net {

class BpfFilter {
public:
    // Checks the expression by compiling it for Ethernet.
    static core::Result<BpfFilter> compile(const std::string& expression);
    BpfFilter(BpfFilter&&) noexcept;
    BpfFilter& operator=(BpfFilter&&) noexcept;
    ~BpfFilter();

    // True when the frame passes; a link type the expression cannot be
    // compiled for (e.g. it names Ethernet addresses) never matches.
    bool matches(const Frame& frame);
    const std::string& expression() const { return m_expression; }

private:
    explicit BpfFilter(std::string expression);
    struct Program;
    Program* program_for(std::uint32_t link_type);

    std::string m_expression;
    std::map<std::uint32_t, std::unique_ptr<Program>> m_programs;  // null when it does not compile
};

}  // namespace sipwarden::net
