// Every bound the audit readers and analyses enforce, in one place with its
// reason. Configurations are user files, but they may come from anywhere
// (a customer's tarball), so nothing here trusts their size or shape.
#pragma once

#include <cstddef>

namespace sipwarden::audit {

struct Limits {
    // Asterisk's own MAX_INCLUDE_LEVEL is 10; FreeSWITCH nests deeper in practice.
    int max_include_depth = 16;
    // Files read for one configuration set (a FreePBX tree is ~300).
    std::size_t max_files = 4096;
    // One configuration or firewall file; larger files are refused, not truncated.
    std::size_t max_file_bytes = 32 * 1024 * 1024;
    // Expanded FreeSWITCH document after X-PRE-PROCESS includes.
    std::size_t max_expanded_bytes = 64 * 1024 * 1024;
    // Jumps followed from one firewall chain to another before giving up (loops).
    int max_chain_depth = 32;
    // Rules visited while evaluating one service against one ruleset; jumps
    // can multiply the work, so past this the rest is treated as accepted.
    int max_firewall_steps = 20000;
    // Dialplan steps (priorities, includes, jumps) simulated for one probe number.
    int max_dialplan_steps = 20000;
    // Nesting of Goto/Gosub/Local channels followed for one probe number.
    int max_dialplan_depth = 24;
    // A dialplan or FreeSWITCH regular expression longer than this is not evaluated.
    std::size_t max_pattern_length = 512;
};

}  // namespace sipwarden::audit
