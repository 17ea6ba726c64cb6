// Fraud pipeline throughput on the synthetic year (Asterisk Master.csv):
// the bare CSV read loop (read lines + split fields) and the full pipeline
// (read + parse + classify + detect + checkpoint the state to SQLite) over
// the same file in the same run, and number classification with and
// without the prefix cache. Figures: docs/performance.md.
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "config/sipwarden_config.h"
#include "fraud/runner.h"
#include "synthetic_year.h"

namespace {

using namespace sipwarden;

struct Fixture {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("sipwarden-bench-" + std::to_string(::getpid()));
    std::string csv;
    std::string config;
    std::size_t records = 0;
    std::vector<std::string> destinations;

    Fixture() {
        std::filesystem::create_directories(dir);
        testing::SyntheticOptions options;
        options.accounts = 60;
        const auto year = testing::make_synthetic_year(options);
        records = year.records;
        csv = (dir / "Master.csv").string();
        std::ofstream(csv, std::ios::binary) << year.csv;
        std::ofstream(dir / "rates.csv") << testing::SyntheticYear::rate_table_csv();
        config = testing::SyntheticYear::config_yaml((dir / "rates.csv").string());
        fraud::DelimitedSplitter splitter;
        std::string_view text = year.csv;
        while (!text.empty()) {
            const auto nl = text.find('\n');
            if (splitter.split(text.substr(0, nl))) destinations.emplace_back(splitter.fields()[2]);
            text.remove_prefix(nl + 1);
        }
    }
    ~Fixture() { std::filesystem::remove_all(dir); }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

fraud::MonitorSetup setup() {
    core::DiagnosticList diagnostics;
    auto config = config::load_config_text(fixture().config, "bench.yaml", diagnostics);
    config::YamlReader reader(config->file, diagnostics);
    return {config->site, fraud::parse_fraud_config(config->section("fraud"), reader)};
}

void BM_BareCsvRead(benchmark::State& state) {
    auto& f = fixture();
    std::size_t fields = 0;
    for (auto _ : state) {
        auto file = fraud::LineFile::open(f.csv);
        fraud::DelimitedSplitter splitter;
        (void)file->read([&](std::string_view line,
                             std::uint64_t) { fields += splitter.split(line) ? splitter.fields().size() : 0; },
                         SIZE_MAX, true);
    }
    benchmark::DoNotOptimize(fields);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.records));
}

void BM_FraudPipeline(benchmark::State& state) {
    auto& f = fixture();
    std::uint64_t alerts = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const auto db = (f.dir / "state.db").string();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
        core::DiagnosticList diagnostics;
        auto monitor = fraud::FraudMonitor::create(setup(), diagnostics);
        auto store = store::StateStore::open(db);
        fraud::RunOptions options;
        options.files = {f.csv};
        state.ResumeTiming();
        auto ran = fraud::run(**monitor, &store.value(), options);
        if (!ran) state.SkipWithError(ran.error().message.c_str());
        alerts += (*monitor)->stats().alerts;
    }
    benchmark::DoNotOptimize(alerts);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.records));
}

void BM_ClassifyCached(benchmark::State& state) {
    auto& f = fixture();
    auto setup_ = setup();
    core::DiagnosticList diagnostics;
    auto monitor = fraud::FraudMonitor::create(setup_, diagnostics);
    auto& classifier = (*monitor)->classifier();
    std::size_t international = 0;
    for (auto _ : state) {
        for (const auto& d : f.destinations)
            international += classifier.classify(d).reach == numbers::Reach::international;
    }
    benchmark::DoNotOptimize(international);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(f.destinations.size()));
    state.counters["miss_rate"] =
        static_cast<double>(classifier.stats().misses) / static_cast<double>(classifier.stats().lookups);
}

void BM_ClassifyUncached(benchmark::State& state) {
    auto& f = fixture();
    core::DiagnosticList diagnostics;
    auto monitor = fraud::FraudMonitor::create(setup(), diagnostics);
    const auto& classifier = (*monitor)->classifier();
    std::size_t i = 0, international = 0;
    for (auto _ : state) {
        international += classifier.classify_uncached(f.destinations[i]).reach == numbers::Reach::international;
        i = (i + 7919) % f.destinations.size();
    }
    benchmark::DoNotOptimize(international);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

BENCHMARK(BM_BareCsvRead)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FraudPipeline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ClassifyCached)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ClassifyUncached);

}  // namespace

BENCHMARK_MAIN();
