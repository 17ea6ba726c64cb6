// Block decisions, actions and their record in the store.
#include "respond/responder.h"

#include <nlohmann/json.hpp>

#include "respond/exec_hook.h"
#include "respond/kamailio_rpc.h"

namespace sipwarden::respond {

namespace {

constexpr std::int64_t k_ns_per_minute = 60'000'000'000;

nlohmann::json block_json(const store::BlockRecord& block, std::string_view event) {
    nlohmann::json j{{"event", std::string(event)},
                     {"subject", block.subject},
                     {"scope", block.scope},
                     {"reason", block.reason},
                     {"signature_id", block.signature_id},
                     {"created", core::Timestamp::from_ns(block.created_ns).to_iso8601()}};
    if (block.expires_ns) j["expires"] = core::Timestamp::from_ns(*block.expires_ns).to_iso8601();
    return j;
}

std::vector<std::pair<std::string, std::string>> hook_environment(const store::BlockRecord& block,
                                                                  std::string_view event) {
    return {{"SIPWARDEN_EVENT", std::string(event)},
            {"SIPWARDEN_ACCOUNT", block.subject},
            {"SIPWARDEN_SCOPE", block.scope},
            {"SIPWARDEN_EXPIRES", block.expires_ns ? std::to_string(*block.expires_ns / 1'000'000'000) : "0"}};
}

}  // namespace

std::int64_t system_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Responder::Responder(BlockPolicy policy, store::StateStore& store, WallClock now)
    : m_policy(std::move(policy)), m_store(store), m_now(std::move(now)) {}

core::Result<std::optional<store::BlockRecord>> Responder::on_alert(const core::Alert& alert,
                                                                    std::string_view subject) {
    if (alert.severity < m_policy.block_at) return std::optional<store::BlockRecord>{};
    const auto now = m_now();
    if (alert.timestamp.ns() < now - m_policy.max_alert_age.count() * k_ns_per_minute)
        return std::optional<store::BlockRecord>{};
    auto existing = m_store.active_block(subject, m_policy.scope);
    if (!existing) return existing.error();
    if (*existing) return std::optional<store::BlockRecord>{};
    store::BlockRecord block;
    block.subject = std::string(subject);
    block.scope = m_policy.scope;
    block.reason = alert.signature_id + ": " + alert.signature;
    block.signature_id = alert.signature_id;
    block.created_ns = now;
    if (m_policy.duration.count() > 0) block.expires_ns = now + m_policy.duration.count() * k_ns_per_minute;
    // Recorded first: a crash after this point never runs the actions twice.
    auto id = m_store.add_block(block);
    if (!id) return id.error();
    block.id = *id;
    block.actions = run_block_actions(alert, block);
    if (auto r = m_store.set_block_actions(block.id, block.actions); !r) return r.error();
    return std::optional<store::BlockRecord>{block};
}

std::string Responder::run_block_actions(const core::Alert& alert, const store::BlockRecord& block) {
    std::string done;
    if (!m_policy.exec_block.empty()) {
        auto input = alert.to_eve();
        input["block"] = block_json(block, "block");
        auto outcome = run_exec_hook(m_policy.exec_block,
                                     input.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                                     hook_environment(block, "block"), m_policy.exec_timeout);
        const bool ok = outcome && outcome->ok();
        done += ok ? "exec:ok" : "exec:failed";
        if (!ok) {
            m_errors.push_back(outcome ? "exec hook " + m_policy.exec_block[0] +
                                             (outcome->timed_out
                                                  ? " timed out"
                                                  : " exited with status " + std::to_string(outcome->exit_status))
                                       : outcome.error().message);
        }
    }
    if (!m_policy.kamailio_url.empty()) {
        const std::int64_t expire = block.expires_ns ? (*block.expires_ns - block.created_ns) / 1'000'000'000 : 0;
        auto set = kamailio_htable_set({m_policy.kamailio_url, m_policy.kamailio_timeout}, m_policy.kamailio_htable,
                                       block.subject, block.signature_id, expire);
        if (!done.empty()) done += ' ';
        done += set ? "kamailio:ok" : "kamailio:failed";
        if (!set) m_errors.push_back(set.error().message);
    }
    return done;
}

void Responder::run_unblock_actions(const store::BlockRecord& block, std::string_view by) {
    if (!m_policy.exec_unblock.empty()) {
        auto input = block_json(block, "unblock");
        input["lifted_by"] = std::string(by);
        auto outcome = run_exec_hook(m_policy.exec_unblock,
                                     input.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                                     hook_environment(block, "unblock"), m_policy.exec_timeout);
        if (!outcome || !outcome->ok()) m_errors.push_back("unblock hook " + m_policy.exec_unblock[0] + " failed");
    }
    if (!m_policy.kamailio_url.empty()) {
        auto deleted = kamailio_htable_delete({m_policy.kamailio_url, m_policy.kamailio_timeout},
                                              m_policy.kamailio_htable, block.subject);
        if (!deleted) m_errors.push_back(deleted.error().message);
    }
}

core::Result<std::vector<store::BlockRecord>> Responder::expire() {
    const auto now = m_now();
    auto expired = m_store.expired_blocks(now);
    if (!expired) return expired.error();
    for (const auto& block : *expired) {
        auto lifted = m_store.lift_block(block.subject, block.scope, now, "expiry");
        if (!lifted) return lifted.error();
        if (*lifted) run_unblock_actions(block, "expiry");
    }
    return expired;
}

core::Result<bool> Responder::unblock(std::string_view subject, std::string_view by) {
    auto active = m_store.active_block(subject, m_policy.scope);
    if (!active) return active.error();
    if (!*active) return false;
    auto lifted = m_store.lift_block(subject, m_policy.scope, m_now(), by);
    if (!lifted) return lifted.error();
    if (*lifted) run_unblock_actions(**active, by);
    return *lifted;
}

}  // namespace sipwarden::respond
