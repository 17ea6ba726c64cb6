// Synthetic CDR year generator (see synthetic_year.h).
#include "synthetic_year.h"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <random>

#include "fraud/site_clock.h"

namespace sipwarden::testing {

namespace {

constexpr std::int64_t k_ns = 1'000'000'000;
constexpr std::array<const char*, 8> k_bank_holidays_2025{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
                                                          "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"};
// Relative call volume by hour of the business day (08..17).
constexpr std::array<double, 10> k_hour_profile{0.5, 0.9, 1.0, 1.0, 0.6, 0.7, 1.0, 0.9, 0.7, 0.4};

struct Record {
    std::string account, src, dst, context, channel;
    std::int64_t start_local = 0;  // local civil seconds
    std::int64_t ring = 0;         // seconds before answer
    std::int64_t billsec = 0;
    std::string disposition;
    std::int64_t end_utc_ns = 0;
};

struct Account {
    std::string code;                        // accountcode, empty for half of them
    std::string extension;                   // 2001...
    std::string key;                         // what the monitor groups by
    std::vector<std::string> regulars;       // dialled national numbers
    std::vector<std::string> international;  // dialled international numbers
    double factor = 1;
};

// "YYYY-MM-DD HH:MM:SS" (date::format is stream-based and too slow for a year of records).
std::string stamp(std::int64_t local) {
    const auto days = local / 86400;
    const auto rest = local % 86400;
    const date::year_month_day ymd{date::sys_days{date::days{days}}};
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", int(ymd.year()), unsigned(ymd.month()),
                       unsigned(ymd.day()), rest / 3600, rest / 60 % 60, rest % 60);
}

std::int64_t local_seconds(int y, unsigned m, unsigned d, int hh, int mm, int ss) {
    const auto days = date::sys_days(date::year{y} / date::month{m} / date::day{d}).time_since_epoch().count();
    return static_cast<std::int64_t>(days) * 86400 + hh * 3600 + mm * 60 + ss;
}

class Generator {
public:
    Generator(const SyntheticOptions& options)
        : m_options(options),
          m_rng(options.seed),
          m_clock(std::move(fraud::SiteClock::create("Europe/London").value())) {}

    SyntheticYear run();

private:
    std::int64_t utc_ns(std::int64_t local) const { return m_clock.to_utc({local, 0, false}).ns(); }
    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(m_rng); }
    double chance() { return std::uniform_real_distribution<double>(0, 1)(m_rng); }
    std::string national() {
        static constexpr std::array<const char*, 4> ranges{"02079460", "01134960", "01614960", "07700900"};
        return "9" + std::string(ranges[static_cast<std::size_t>(uniform(0, 3))]) +
               fmt::format("{:03}", uniform(0, 999));
    }
    void make_accounts();
    void add(const Account& a, std::string dst, std::int64_t start, std::int64_t ring, std::int64_t billsec,
             std::string disposition, std::string context = "from-internal");
    void outbound(const Account& a, std::int64_t start, bool allow_international);
    void day(int y, unsigned m, unsigned d);
    void inject();
    Episode episode(std::string kind, std::string rule, const Account& a, std::int64_t first, std::int64_t last) const {
        return {std::move(kind), std::move(rule), a.key, utc_ns(first), utc_ns(last)};
    }

    SyntheticOptions m_options;
    std::mt19937_64 m_rng;
    fraud::SiteClock m_clock;
    std::vector<Account> m_accounts;
    std::vector<Record> m_records;
    std::vector<Episode> m_episodes;
};

void Generator::make_accounts() {
    static constexpr std::array<const char*, 5> foreign{"00493012345", "0033199000", "00121255501", "00312012345",
                                                        "0035314960"};
    for (int i = 0; i < m_options.accounts; ++i) {
        Account a;
        a.extension = std::to_string(2001 + i);
        a.code = i % 2 == 0 ? "cust-" + a.extension : "";
        a.key = a.code.empty() ? "PJSIP/" + a.extension : a.code;
        for (int n = 0; n < 25; ++n) a.regulars.push_back(national());
        if (i % 2 == 0) {
            const std::string prefix = foreign[static_cast<std::size_t>(i / 2 % static_cast<int>(foreign.size()))];
            for (int n = 0; n < 3; ++n)
                a.international.push_back("9" + prefix + fmt::format("{:0{}}", uniform(0, 99), 2));
        }
        a.factor = 0.6 + chance() * 0.8;
        m_accounts.push_back(std::move(a));
    }
}

void Generator::add(const Account& a, std::string dst, std::int64_t start, std::int64_t ring, std::int64_t billsec,
                    std::string disposition, std::string context) {
    Record r;
    r.account = a.code;
    r.src = a.extension;
    r.dst = std::move(dst);
    r.context = std::move(context);
    r.channel = fmt::format("PJSIP/{}-{:08x}", a.extension, m_records.size());
    r.start_local = start;
    r.ring = ring;
    r.billsec = billsec;
    r.disposition = std::move(disposition);
    r.end_utc_ns = utc_ns(start + ring + billsec);
    m_records.push_back(std::move(r));
}

void Generator::outbound(const Account& a, std::int64_t start, bool allow_international) {
    std::string dst;
    if (allow_international && !a.international.empty() && chance() < 0.04) {
        dst = a.international[static_cast<std::size_t>(uniform(0, static_cast<int>(a.international.size()) - 1))];
    } else {
        // A few favourite numbers get most calls.
        const auto n = static_cast<int>(a.regulars.size());
        const int pick = std::min(n - 1, static_cast<int>(std::exponential_distribution<double>(0.25)(m_rng)));
        dst = a.regulars[static_cast<std::size_t>(pick)];
    }
    const double p = chance();
    if (p < 0.78) {
        const auto billsec =
            5 + std::min<std::int64_t>(
                    2400, static_cast<std::int64_t>(std::exponential_distribution<double>(1.0 / 140)(m_rng)));
        add(a, dst, start, uniform(3, 15), billsec, "ANSWERED");
    } else if (p < 0.93) {
        add(a, dst, start, uniform(15, 30), 0, "NO ANSWER");
    } else {
        add(a, dst, start, 2, 0, "BUSY");
    }
}

void Generator::day(int y, unsigned m, unsigned d) {
    const date::year_month_day ymd{date::year{y}, date::month{m}, date::day{d}};
    const date::weekday wd{date::sys_days(ymd)};
    const std::string iso = date::format("%F", date::sys_days(ymd));
    const bool holiday =
        std::find(k_bank_holidays_2025.begin(), k_bank_holidays_2025.end(), iso) != k_bank_holidays_2025.end();
    const bool business = wd != date::Saturday && wd != date::Sunday && !(holiday && y == 2025);
    for (const auto& a : m_accounts) {
        if (business) {
            for (int h = 0; h < 10; ++h) {
                const double mean =
                    m_options.calls_per_business_hour * k_hour_profile[static_cast<std::size_t>(h)] * a.factor;
                const int calls = std::poisson_distribution<int>(mean)(m_rng);
                for (int c = 0; c < calls; ++c)
                    outbound(a, local_seconds(y, m, d, 8 + h, uniform(0, 59), uniform(0, 59)), true);
                const int inbound = std::poisson_distribution<int>(mean * 0.7)(m_rng);
                for (int c = 0; c < inbound; ++c) {
                    Record r;
                    add(a, a.extension, local_seconds(y, m, d, 8 + h, uniform(0, 59), uniform(0, 59)), uniform(3, 12),
                        uniform(20, 400), "ANSWERED", "from-trunk");
                    m_records.back().src = fmt::format("0113496{:04}", uniform(0, 999));
                    m_records.back().account = "";
                    m_records.back().channel = fmt::format("PJSIP/trunk-{:08x}", m_records.size());
                }
                if (chance() < 0.3) {
                    const auto& other =
                        m_accounts[static_cast<std::size_t>(uniform(0, static_cast<int>(m_accounts.size()) - 1))];
                    add(a, other.extension, local_seconds(y, m, d, 8 + h, uniform(0, 59), uniform(0, 59)), 4,
                        uniform(10, 300), "ANSWERED");
                }
            }
            if (chance() < 0.05)
                outbound(a, local_seconds(y, m, d, uniform(18, 20), uniform(0, 59), uniform(0, 59)), false);
        } else if (chance() < 0.08) {
            outbound(a, local_seconds(y, m, d, uniform(10, 15), uniform(0, 59), uniform(0, 59)), false);
        }
    }
}

// Injected fraud: dates in the second half of the year, after the baselines have learnt.
void Generator::inject() {
    const int y = m_options.year;
    auto acct = [&](int i) -> const Account& { return m_accounts[static_cast<std::size_t>(i) % m_accounts.size()]; };
    auto at = [&](unsigned m, unsigned d, int hh, int mm, int ss) { return local_seconds(y, m, d, hh, mm, ss); };
    {  // first call to Cuba
        const auto t = at(9, 3, 11, 15, 0);
        add(acct(1), "900537201" + std::to_string(1234), t, 8, 180, "ANSWERED");
        m_episodes.push_back(episode("new-destination", "fraud.new-destination", acct(1), t, t));
    }
    {  // Sunday 03:00, four calls abroad
        const std::array<const char*, 4> numbers{"900331990012", "9004930123", "900331990034", "9004930567"};
        const auto t = at(9, 7, 3, 0, 0);
        for (int i = 0; i < 4; ++i)
            add(acct(2), std::string(numbers[static_cast<std::size_t>(i)]) + "89", t + i * 600, 6, 420, "ANSWERED");
        m_episodes.push_back(episode("after-hours", "fraud.after-hours", acct(2), t, t + 1800));
    }
    {  // 14 calls in one minute
        const auto t = at(9, 10, 10, 30, 0);
        for (int i = 0; i < 14; ++i)
            add(acct(3), fmt::format("902079460{:03}", 500 + i * 7), t + i * 4, 1, 3, "ANSWERED");
        m_episodes.push_back(episode("calls-per-minute", "fraud.velocity.calls-per-minute", acct(3), t, t + 52));
    }
    {  // 150 minutes in one hour
        const auto t = at(9, 17, 14, 1, 0);
        for (int i = 0; i < 3; ++i)
            add(acct(4), acct(4).regulars[static_cast<std::size_t>(i)], t + i * 120, 5, 3000, "ANSWERED");
        m_episodes.push_back(episode("minutes-per-hour", "fraud.velocity.minutes-per-hour", acct(4), t, t + 240));
    }
    {  // 12 new destinations in one hour
        const auto t = at(9, 24, 9, 0, 0);
        for (int i = 0; i < 15; ++i)
            add(acct(5), fmt::format("901614960{:03}", 37 + i * 61 % 900), t + i * 200, 5, 60, "ANSWERED");
        m_episodes.push_back(
            episode("destinations-per-hour", "fraud.velocity.destinations-per-hour", acct(5), t, t + 14 * 200));
    }
    {  // 8 simultaneous calls to Germany
        const auto t = at(10, 1, 15, 0, 0);
        for (int i = 0; i < 8; ++i)
            add(acct(6), fmt::format("900493012345{:03}", 100 + i), t + i * 20, 4, 1500, "ANSWERED");
        m_episodes.push_back(episode("concurrency", "fraud.concurrency", acct(6), t, t + 140));
    }
    {  // probing a Latvian range at night
        const auto t = at(10, 8, 2, 10, 0);
        for (int i = 0; i < 15; ++i)
            add(acct(7), fmt::format("90037167000{:03}", 100 + i), t + i * 20, 25, 0, "NO ANSWER");
        m_episodes.push_back(episode("probing", "fraud.probing", acct(7), t, t + 280));
    }
    {  // failed attempts to many countries
        const std::array<const char*, 8> numbers{"90033199001122", "900493055512", "900312012345", "900322123456",
                                                 "900349123456",   "900390612345", "900431234567", "900414412345"};
        const auto t = at(10, 15, 11, 0, 0);
        for (int i = 0; i < 8; ++i)
            add(acct(8), numbers[static_cast<std::size_t>(i)], t + i * 40, 2, 0, i % 2 ? "FAILED" : "NO ANSWER");
        m_episodes.push_back(episode("short-calls", "fraud.short-calls", acct(8), t, t + 280));
    }
    {  // satellite minutes
        const auto t = at(10, 22, 13, 0, 0);
        for (int i = 0; i < 2; ++i)
            add(acct(9), fmt::format("90088216{:08}", 12345670 + i), t + i * 1560, 5, 1500, "ANSWERED");
        m_episodes.push_back(episode("spend", "fraud.spend.hour", acct(9), t, t + 1560));
    }
}

void write(const Record& r, std::string& out) {
    const auto q = [](const std::string& s) { return "\"" + s + "\""; };
    const std::string answer = r.billsec > 0 ? q(stamp(r.start_local + r.ring)) : "";
    const auto duration = r.ring + r.billsec;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", q(r.account), q(r.src), q(r.dst),
                       q(r.context), q("\"\" <" + r.src + ">"), q(r.channel), q(""), q("Dial"), q(""),
                       q(stamp(r.start_local)), answer, q(stamp(r.start_local + duration)), duration, r.billsec,
                       q(r.disposition), q("DOCUMENTATION"), q(fmt::format("{}.{}", r.start_local, r.channel.size())));
}

SyntheticYear Generator::run() {
    make_accounts();
    for (auto d = date::sys_days(date::year{m_options.year} / 1 / 1);
         d < date::sys_days(date::year{m_options.year + 1} / 1 / 1); d += date::days{1}) {
        const date::year_month_day ymd{d};
        day(int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    }
    if (m_options.inject_fraud) inject();
    std::stable_sort(m_records.begin(), m_records.end(),
                     [](const Record& a, const Record& b) { return a.end_utc_ns < b.end_utc_ns; });
    SyntheticYear year;
    year.records = m_records.size();
    year.csv.reserve(m_records.size() * 200);
    for (const auto& r : m_records) write(r, year.csv);
    year.episodes = std::move(m_episodes);
    return year;
}

}  // namespace

std::string SyntheticYear::config_yaml(const std::string& rate_table_path) {
    std::string holidays;
    for (const char* h : k_bank_holidays_2025) holidays += std::string(holidays.empty() ? "" : ", ") + h;
    return fmt::format(R"(site:
  name: synthetic office
  home_country: GB
  timezone: Europe/London
  business_hours: {{days: [mon, tue, wed, thu, fri], start: "08:00", end: "18:00"}}
  holidays: [{}]
  dialing: {{international_prefix: "00", national_prefix: "0", outside_line_prefix: "9"}}
fraud:
  format: asterisk
  spend: {{rate_table: "{}", per_hour: 50, per_day: 200, currency: GBP}}
)",
                       holidays, rate_table_path);
}

std::string SyntheticYear::rate_table_csv() {
    return "prefix,price_per_minute,name\n+44,0.01,United Kingdom\n+447,0.05,UK "
           "mobile\n+49,0.02,Germany\n+33,0.02,France\n"
           "+1,0.01,NANP\n+53,0.90,Cuba\n+371,0.40,Latvia\n+882,3.00,International Networks\n";
}

SyntheticYear make_synthetic_year(const SyntheticOptions& options) { return Generator(options).run(); }

}  // namespace sipwarden::testing
