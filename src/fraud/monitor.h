// FraudMonitor: the pipeline after the CDR readers. Each call record is
// classified, attributed to its account, run through the detectors (the
// explicit list in monitor.cpp), and the alerts go to a handler. Account
// state (first-seen destinations, baselines) is loaded from and checkpointed
// to the state store, together with the reading cursors, in one transaction.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/sipwarden_config.h"
#include "core/alert.h"
#include "core/hash.h"
#include "fraud/account_state.h"
#include "fraud/cdr_reader.h"
#include "fraud/detectors.h"
#include "fraud/fraud_config.h"
#include "fraud/rate_table.h"
#include "fraud/site_clock.h"
#include "numbers/classifier.h"
#include "store/state_store.h"

namespace sipwarden::fraud {

struct MonitorStats {
    std::uint64_t records = 0;
    std::uint64_t inbound = 0;   // skipped: inbound context
    std::uint64_t internal = 0;  // extensions, feature codes
    std::uint64_t emergency = 0;
    std::uint64_t outbound = 0;  // national + international
    std::uint64_t international = 0;
    std::uint64_t bad_lines = 0;
    std::uint64_t alerts = 0;
    std::uint64_t accounts = 0;
};

// Everything the monitor needs besides its state, built from sipwarden.yaml.
struct MonitorSetup {
    config::SiteConfig site;
    FraudConfig fraud;
};

class FraudMonitor final : public CdrSink, private AlertEmitter {
public:
    using AlertHandler = std::function<void(const core::Alert& alert, std::string_view account)>;
    using BadLineHandler = std::function<void(const core::Diagnostic& diagnostic)>;

    // Errors: unknown home country or time zone, unreadable risk list or
    // rate table (their line problems go to `diagnostics`).
    static core::Result<std::unique_ptr<FraudMonitor>> create(MonitorSetup setup, core::DiagnosticList& diagnostics);

    void set_alert_handler(AlertHandler handler) { m_on_alert = std::move(handler); }
    void set_bad_line_handler(BadLineHandler handler) { m_on_bad_line = std::move(handler); }

    void on_record(const CallRecord& record) override;
    void on_bad_line(const core::Diagnostic& diagnostic) override;

    // Loads first-seen destinations and baselines from the store.
    core::Result<void> load(store::StateStore& store);
    // Writes what changed since the last checkpoint, the alerts raised and
    // `cursors` (name -> value) in one transaction.
    core::Result<void> checkpoint(store::StateStore& store,
                                  const std::vector<std::pair<std::string, std::string>>& cursors);

    const MonitorStats& stats() const { return m_stats; }
    const FraudConfig& config() const { return m_setup.fraud; }
    const SiteClock& cdr_clock() const { return m_cdr_clock; }
    std::optional<CdrFormat> format_for(const std::string& name) const;  // nullopt: detect
    numbers::Classifier& classifier() { return m_classifier; }

private:
    FraudMonitor(MonitorSetup setup, numbers::Classifier classifier, SiteClock site_clock, SiteClock cdr_clock,
                 RateTable rates, std::vector<std::int32_t> holidays);
    void raise(std::string_view rule_id, core::Severity severity, std::string message, const Call& call,
               AccountState& account, Evidence evidence, nlohmann::json facts) override;
    AccountState& account(std::string_view name);
    std::uint32_t file_id(std::string_view file);
    nlohmann::json evidence_calls(const AccountState& account, const Evidence& evidence, std::int64_t& first,
                                  std::int64_t& last) const;
    bool inbound(std::string_view context) const;

    MonitorSetup m_setup;
    numbers::Classifier m_classifier;
    SiteClock m_site_clock;
    SiteClock m_cdr_clock;
    RateTable m_rates;
    std::vector<std::int32_t> m_holidays;
    std::unordered_map<std::string, std::unique_ptr<AccountState>, core::TextHash, std::equal_to<>> m_accounts;
    std::vector<std::string> m_files;
    std::vector<std::pair<core::Alert, std::string>> m_pending_alerts;
    AlertHandler m_on_alert;
    BadLineHandler m_on_bad_line;
    MonitorStats m_stats;
};

}  // namespace sipwarden::fraud
