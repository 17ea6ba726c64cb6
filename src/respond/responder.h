// Blocking a subject (an account) in response to alerts: when an alert at or
// above the configured severity arrives, the block is recorded in the store
// with its reason, and the configured actions run once (the exec hook with
// the alert JSON on stdin; a Kamailio htable entry over JSON-RPC). Blocks
// lift at their expiry or on request, running the undo actions.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/alert.h"
#include "store/state_store.h"

namespace sipwarden::respond {

struct BlockPolicy {
    std::string scope = "international";  // what is blocked
    core::Severity block_at = core::Severity::high;
    std::chrono::minutes duration{24 * 60};  // 0: until lifted by hand
    std::chrono::minutes max_alert_age{60};  // older alerts (replays) never act
    std::vector<std::string> exec_block;     // argv
    std::vector<std::string> exec_unblock;   // argv
    std::chrono::milliseconds exec_timeout{10'000};
    std::string kamailio_url;  // empty: no Kamailio action
    std::string kamailio_htable = "blocked";
    std::chrono::milliseconds kamailio_timeout{5'000};

    bool has_actions() const { return !exec_block.empty() || !kamailio_url.empty(); }
};

using WallClock = std::function<std::int64_t()>;  // ns since the epoch
std::int64_t system_now_ns();

class Responder {
public:
    Responder(BlockPolicy policy, store::StateStore& store, WallClock now = system_now_ns);

    // Acts on `alert` about `subject` when it qualifies; returns the new
    // block, or nullopt (below threshold, too old, already blocked).
    core::Result<std::optional<store::BlockRecord>> on_alert(const core::Alert& alert, std::string_view subject);
    // Lifts blocks whose time is up; returns them.
    core::Result<std::vector<store::BlockRecord>> expire();
    // Lifts the block of `subject` now; false when it was not blocked.
    core::Result<bool> unblock(std::string_view subject, std::string_view by);

    // Problems of actions that ran since the last call (a failing hook does
    // not stop the monitor).
    std::vector<std::string> take_action_errors() { return std::exchange(m_errors, {}); }

private:
    std::string run_block_actions(const core::Alert& alert, const store::BlockRecord& block);
    void run_unblock_actions(const store::BlockRecord& block, std::string_view by);

    BlockPolicy m_policy;
    store::StateStore& m_store;
    WallClock m_now;
    std::vector<std::string> m_errors;
};

}  // namespace sipwarden::respond
