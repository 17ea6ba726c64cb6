// BPF compilation per link type and offline matching, through libpcap.
#include "net/bpf_filter.h"

#include <pcap/pcap.h>

namespace sipwarden::net {

struct BpfFilter::Program {
    bpf_program code{};
    ~Program() { pcap_freecode(&code); }
};

namespace {
std::unique_ptr<bpf_program> compile_for(std::uint32_t link_type, const std::string& expression, std::string* error) {
    pcap_t* dead = pcap_open_dead(static_cast<int>(link_type), 262144);
    if (dead == nullptr) return nullptr;
    auto program = std::make_unique<bpf_program>();
    const int status = pcap_compile(dead, program.get(), expression.c_str(), 1, PCAP_NETMASK_UNKNOWN);
    if (status != 0) {
        if (error != nullptr) *error = pcap_geterr(dead);
        pcap_close(dead);
        return nullptr;
    }
    pcap_close(dead);
    return program;
}
}  // namespace

BpfFilter::BpfFilter(std::string expression) : m_expression(std::move(expression)) {}
BpfFilter::BpfFilter(BpfFilter&&) noexcept = default;
BpfFilter& BpfFilter::operator=(BpfFilter&&) noexcept = default;
BpfFilter::~BpfFilter() = default;

core::Result<BpfFilter> BpfFilter::compile(const std::string& expression) {
    std::string error;
    auto program = compile_for(DLT_EN10MB, expression, &error);
    if (!program) return core::make_error("invalid capture filter '" + expression + "': " + error);
    BpfFilter filter(expression);
    auto compiled = std::make_unique<Program>();
    compiled->code = *program;
    filter.m_programs.emplace(DLT_EN10MB, std::move(compiled));
    return filter;
}

BpfFilter::Program* BpfFilter::program_for(std::uint32_t link_type) {
    auto it = m_programs.find(link_type);
    if (it != m_programs.end()) return it->second.get();
    std::unique_ptr<Program> compiled;
    if (auto program = compile_for(link_type, m_expression, nullptr)) {
        compiled = std::make_unique<Program>();
        compiled->code = *program;
    }
    return m_programs.emplace(link_type, std::move(compiled)).first->second.get();
}

bool BpfFilter::matches(const Frame& frame) {
    Program* program = program_for(frame.link_type);
    if (program == nullptr) return false;
    pcap_pkthdr header{};
    header.caplen = static_cast<bpf_u_int32>(frame.data.size());
    header.len = frame.wire_length;
    return pcap_offline_filter(&program->code, &header, frame.data.data()) != 0;
}

}  // namespace sipwarden::net
