// make_synthetic_cdr: writes the synthetic year (Master.csv), its
// sipwarden.yaml, rate table and the list of injected episodes.
//   make_synthetic_cdr DIR [--clean] [--accounts N] [--seed S]
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "synthetic_year.h"

int main(int argc, char** argv) {
    using namespace sipwarden::testing;
    if (argc < 2) {
        fmt::print(stderr, "usage: make_synthetic_cdr DIR [--clean] [--accounts N] [--seed S]\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    SyntheticOptions options;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--clean")
            options.inject_fraud = false;
        else if (arg == "--accounts" && i + 1 < argc)
            options.accounts = std::atoi(argv[++i]);
        else if (arg == "--seed" && i + 1 < argc)
            options.seed = std::strtoull(argv[++i], nullptr, 10);
        else {
            fmt::print(stderr, "make_synthetic_cdr: unknown argument '{}'\n", arg);
            return 2;
        }
    }
    std::filesystem::create_directories(dir);
    const auto year = make_synthetic_year(options);
    std::ofstream(dir / "Master.csv", std::ios::binary) << year.csv;
    std::ofstream(dir / "rates.csv", std::ios::binary) << SyntheticYear::rate_table_csv();
    std::ofstream(dir / "sipwarden.yaml", std::ios::binary) << SyntheticYear::config_yaml((dir / "rates.csv").string());
    std::ofstream episodes(dir / "episodes.tsv", std::ios::binary);
    episodes << "kind\trule\taccount\tstart_ns\tend_ns\n";
    for (const auto& e : year.episodes)
        episodes << fmt::format("{}\t{}\t{}\t{}\t{}\n", e.kind, e.rule, e.account, e.start_ns, e.end_ns);
    fmt::print("{} records, {} episodes in {}\n", year.records, year.episodes.size(), dir.string());
    return 0;
}
