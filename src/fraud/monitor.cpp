// The fraud pipeline: classification, accounts, detectors, alerts, checkpoints.
#include "fraud/monitor.h"

#include <fmt/format.h>

#include "core/text.h"

namespace sipwarden::fraud {

namespace {

constexpr std::string_view k_scope_destination = "fraud.destination";
constexpr std::string_view k_scope_account = "fraud.account";
constexpr std::string_view k_scope_velocity = "fraud.velocity";
constexpr std::string_view k_scope_after_hours = "fraud.after-hours-days";  // count = days, last_ns = last local day

// The detectors, in the order they run on every outbound call.
void run_detectors(const FraudConfig& c, const Call& call, AccountState& account, AlertEmitter& out) {
    detect_new_destination(c.new_destination, call, account, out);
    detect_after_hours(c.after_hours, call, account, out);
    detect_velocity(c.velocity, call, account, out);
    detect_concurrency(c.concurrency, call, account, out);
    detect_probing(c.probing, call, account, out);
    detect_short_calls(c.short_calls, call, account, out);
    detect_spend(c.spend, call, account, out);
}

std::string iso(std::int64_t ns) { return core::Timestamp::from_ns(ns).to_iso8601(); }

// Length of the valid UTF-8 sequence at text[i], or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
    }
    return n;
}

// CDR strings are bytes; JSON wants UTF-8: invalid bytes become "\xNN".
std::string utf8_safe(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto n = utf8_sequence(text, i);
        if (n == 0) {
            out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

}  // namespace

core::Result<std::unique_ptr<FraudMonitor>> FraudMonitor::create(MonitorSetup setup,
                                                                 core::DiagnosticList& diagnostics) {
    const auto& site = setup.site;
    const auto& fraud = setup.fraud;
    numbers::DialHabits habits;
    habits.home_country = site.home_country.empty() ? "US" : site.home_country;
    habits.international_prefix = site.dialing.international_prefix;
    habits.national_prefix = site.dialing.national_prefix;
    habits.outside_line_prefix = site.dialing.outside_line_prefix;
    habits.max_internal_digits = static_cast<std::size_t>(fraud.max_internal_digits);
    numbers::RiskList risks = numbers::RiskList::built_in();
    if (!fraud.risk_list.empty()) {
        auto loaded = numbers::RiskList::load(fraud.risk_list, diagnostics);
        if (!loaded) return loaded.error();
        risks = std::move(loaded.value());
    }
    auto classifier = numbers::Classifier::create(habits, std::move(risks));
    if (!classifier) return core::make_error("site.home_country: " + classifier.error().message);
    auto site_clock = SiteClock::create(site.timezone);
    if (!site_clock) return core::make_error("site.timezone: " + site_clock.error().message);
    auto cdr_clock = SiteClock::create(fraud.cdr_timezone.empty() ? site.timezone : fraud.cdr_timezone);
    if (!cdr_clock) return core::make_error("fraud.cdr_timezone: " + cdr_clock.error().message);
    RateTable rates;
    if (!fraud.spend.rate_table.empty()) {
        auto loaded = RateTable::load(fraud.spend.rate_table, diagnostics);
        if (!loaded) return loaded.error();
        rates = std::move(loaded.value());
    }
    std::vector<std::int32_t> holidays;
    for (const auto& day : site.holidays) {
        if (auto parsed = parse_iso_date(day)) {
            holidays.push_back(*parsed);
        } else {
            return core::make_error("site.holidays: '" + day + "' is not a date (expected YYYY-MM-DD)");
        }
    }
    return std::unique_ptr<FraudMonitor>(new FraudMonitor(std::move(setup), std::move(classifier.value()),
                                                          std::move(site_clock.value()), std::move(cdr_clock.value()),
                                                          std::move(rates), std::move(holidays)));
}

FraudMonitor::FraudMonitor(MonitorSetup setup, numbers::Classifier classifier, SiteClock site_clock,
                           SiteClock cdr_clock, RateTable rates, std::vector<std::int32_t> holidays)
    : m_setup(std::move(setup)),
      m_classifier(std::move(classifier)),
      m_site_clock(std::move(site_clock)),
      m_cdr_clock(std::move(cdr_clock)),
      m_rates(std::move(rates)),
      m_holidays(std::move(holidays)) {}

std::optional<CdrFormat> FraudMonitor::format_for(const std::string& name) const {
    if (name == "auto") return std::nullopt;
    if (auto it = m_setup.fraud.formats.find(name); it != m_setup.fraud.formats.end()) return it->second;
    return built_in_format(name);
}

AccountState& FraudMonitor::account(std::string_view name) {
    auto it = m_accounts.find(name);
    if (it == m_accounts.end()) {
        auto state = std::make_unique<AccountState>();
        state->name = std::string(name);
        it = m_accounts.emplace(state->name, std::move(state)).first;
        ++m_stats.accounts;
    }
    return *it->second;
}

std::uint32_t FraudMonitor::file_id(std::string_view file) {
    if (!m_files.empty() && m_files.back() == file) return static_cast<std::uint32_t>(m_files.size() - 1);
    for (std::size_t i = m_files.size(); i-- > 0;) {
        if (m_files[i] == file) return static_cast<std::uint32_t>(i);
    }
    m_files.emplace_back(file);
    return static_cast<std::uint32_t>(m_files.size() - 1);
}

bool FraudMonitor::inbound(std::string_view context) const {
    if (context.empty()) return false;
    for (const auto& c : m_setup.fraud.inbound_contexts) {
        if (c == context) return true;
    }
    return false;
}

void FraudMonitor::on_bad_line(const core::Diagnostic& diagnostic) {
    ++m_stats.bad_lines;
    if (m_on_bad_line) m_on_bad_line(diagnostic);
}

void FraudMonitor::on_record(const CallRecord& record) {
    ++m_stats.records;
    if (inbound(record.context)) {
        ++m_stats.inbound;
        return;
    }
    const auto destination = m_classifier.classify(record.destination);
    if (destination.reach == numbers::Reach::emergency) ++m_stats.emergency;
    if (destination.reach != numbers::Reach::national && destination.reach != numbers::Reach::international) {
        ++m_stats.internal;
        return;
    }
    ++m_stats.outbound;
    if (destination.reach == numbers::Reach::international) ++m_stats.international;
    auto name = record.account_key();
    if (name.empty()) name = "(none)";
    auto& state = account(name);
    const auto start = record.start.ns();
    if (state.first_activity_ns == 0 || start < state.first_activity_ns) {
        state.first_activity_ns = start;
        state.first_activity_dirty = true;
    }
    if (m_setup.fraud.allow.allows(state.name, destination)) return;

    CallSummary summary;
    summary.start_ns = start;
    summary.end_ns = record.end.ns();
    summary.digits = destination.digits;
    summary.region = destination.region;
    summary.reach = destination.reach;
    summary.type = destination.type;
    summary.risk = destination.risk;
    summary.billsec = static_cast<std::int32_t>(std::min<std::int64_t>(record.billsec, INT32_MAX));
    summary.disposition = record.disposition;
    summary.file_id = file_id(record.file);
    summary.line = record.line;
    if (!m_rates.empty() && record.billsec > 0) {
        if (auto price = m_rates.price_per_minute(destination.digits.view()))
            summary.cost = *price * static_cast<double>(record.billsec) / 60.0;
    }
    state.recent.push(summary);

    const auto local = m_site_clock.local(record.start);
    const Call call{record,
                    state.name,
                    destination,
                    summary,
                    local,
                    SiteClock::in_business_hours(local, m_setup.site.business_hours, m_holidays),
                    static_cast<std::int64_t>(local.days) * 24 + local.minute / 60};
    run_detectors(m_setup.fraud, call, state, *this);
}

nlohmann::json FraudMonitor::evidence_calls(const AccountState& account, const Evidence& evidence, std::int64_t& first,
                                            std::int64_t& last) const {
    std::vector<const CallSummary*> chosen;
    for (std::size_t i = 0; i < account.recent.size(); ++i) {
        const auto& c = account.recent.at(i);
        if (c.start_ns >= evidence.since_ns && (!evidence.matches || evidence.matches(c))) chosen.push_back(&c);
    }
    const auto limit = static_cast<std::size_t>(m_setup.fraud.max_calls_in_alert);
    if (chosen.size() > limit) chosen.erase(chosen.begin(), chosen.end() - static_cast<std::ptrdiff_t>(limit));
    nlohmann::json calls = nlohmann::json::array();
    for (const auto* c : chosen) {
        first = std::min(first, c->start_ns);
        last = std::max(last, c->end_ns);
        numbers::Destination d;
        d.reach = c->reach;
        d.digits = c->digits;
        nlohmann::json j{{"start", iso(c->start_ns)},
                         {"destination", d.display()},
                         {"region", std::string(c->region.data())},
                         {"type", std::string(numbers::to_string(c->type))},
                         {"risk", std::string(numbers::to_string(c->risk))},
                         {"billsec", c->billsec},
                         {"disposition", std::string(to_string(c->disposition))},
                         {"source", utf8_safe(m_files[c->file_id]) + ":" + std::to_string(c->line)}};
        if (c->cost > 0) j["cost"] = c->cost;
        calls.push_back(std::move(j));
    }
    return calls;
}

void FraudMonitor::raise(std::string_view rule_id, core::Severity severity, std::string message, const Call& call,
                         AccountState& account, Evidence evidence, nlohmann::json facts) {
    std::int64_t first = call.record.start.ns();
    std::int64_t last = call.record.end.ns();
    auto calls = evidence_calls(account, evidence, first, last);
    core::Alert alert;
    alert.timestamp = call.record.start;
    alert.signature_id = std::string(rule_id);
    alert.signature = utf8_safe(message);
    alert.category = "toll-fraud";
    alert.severity = severity;
    nlohmann::json fraud{{"account", utf8_safe(account.name)},
                         {"severity", std::string(core::to_string(severity))},
                         {"start", iso(first)},
                         {"end", iso(last)},
                         {"calls", std::move(calls)}};
    for (auto& [key, value] : facts.items()) fraud[key] = value;
    alert.details["fraud"] = std::move(fraud);
    ++m_stats.alerts;
    if (m_on_alert) m_on_alert(alert, account.name);
    m_pending_alerts.emplace_back(std::move(alert), account.name);
}

core::Result<void> FraudMonitor::load(store::StateStore& store) {
    auto r = store.each_first_seen(k_scope_destination,
                                   [&](const std::string& subject, const std::string& item, store::FirstSeen seen) {
                                       account(subject).destinations[item] = SeenDestination{seen, false};
                                   });
    if (!r) return r;
    r = store.each_first_seen(k_scope_account,
                              [&](const std::string& subject, const std::string&, store::FirstSeen seen) {
                                  account(subject).first_activity_ns = seen.first_ns;
                              });
    if (!r) return r;
    r = store.each_first_seen(k_scope_after_hours,
                              [&](const std::string& subject, const std::string&, store::FirstSeen seen) {
                                  auto& s = account(subject).after_hours;
                                  s.days = static_cast<std::int32_t>(seen.count);
                                  s.last_day = static_cast<std::int32_t>(seen.last_ns);
                              });
    if (!r) return r;
    return store.each_baseline(k_scope_velocity, [&](const std::string& subject, const std::string& data) {
        auto baseline = std::make_unique<Baseline>();
        if (Baseline::deserialize(data, *baseline)) account(subject).velocity.baseline = std::move(baseline);
    });
}

core::Result<void> FraudMonitor::checkpoint(store::StateStore& store,
                                            const std::vector<std::pair<std::string, std::string>>& cursors) {
    if (auto r = store.begin(); !r) return r;
    auto write = [&]() -> core::Result<void> {
        for (auto& [name, state] : m_accounts) {
            if (state->first_activity_dirty) {
                if (auto r = store.put_first_seen(k_scope_account, name, "",
                                                  {state->first_activity_ns, state->first_activity_ns, 1});
                    !r)
                    return r;
            }
            for (const auto& key : state->dirty_destinations) {
                auto& seen = state->destinations[key];
                if (auto r = store.put_first_seen(k_scope_destination, name, key, seen.seen); !r) return r;
            }
            if (const auto& h = state->after_hours; h.dirty) {
                if (auto r = store.put_first_seen(k_scope_after_hours, name, "", {h.last_day, h.last_day, h.days}); !r)
                    return r;
            }
            if (state->velocity.dirty && state->velocity.baseline) {
                if (auto r = store.put_baseline(k_scope_velocity, name, state->velocity.baseline->serialize(),
                                                state->velocity.hour);
                    !r)
                    return r;
            }
        }
        for (const auto& [alert, subject] : m_pending_alerts) {
            if (auto r = store.add_alert(alert, subject); !r) return r.error();
        }
        for (const auto& [name, value] : cursors) {
            if (auto r = store.put_cursor(name, value); !r) return r;
        }
        return {};
    };
    if (auto r = write(); !r) {
        store.rollback();
        return r;
    }
    if (auto r = store.commit(); !r) return r;
    for (auto& [name, state] : m_accounts) {
        state->first_activity_dirty = false;
        for (const auto& key : state->dirty_destinations) state->destinations[key].dirty = false;
        state->dirty_destinations.clear();
        state->velocity.dirty = false;
        state->after_hours.dirty = false;
    }
    m_pending_alerts.clear();
    return {};
}

}  // namespace sipwarden::fraud
