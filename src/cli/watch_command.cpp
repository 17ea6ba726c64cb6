// `sipwarden watch`: passive monitor. Reads a capture (-r FILE, "-" for
// stdin, gzip recognised) or an interface (-i IFACE) with an optional
// trailing BPF filter, and reports what the decoder and parser saw.
#include <fmt/format.h>

#include <csignal>
#include <memory>
#include <thread>

#include "cli/command.h"
#include "cli/output.h"
#include "net/capture_file.h"
#include "net/libpcap_source.h"
#include "session/tracker.h"
#include "watch/capture_run.h"
#include "watch/session_feed.h"
#include "watch/session_report.h"
#include "watch/summary_report.h"

namespace sipwarden::cli {

namespace {

struct WatchOptions {
    std::string read;
    std::string interface;
    std::vector<std::string> filter_words;
    std::string format = "text";
    std::string output;
    std::string reader = "native";
    int hep_port = 9060;
    int threads = 0;  // 0: automatic
    int calls_listed = 100;
    bool quiet = false;
    bool counts = false;
    bool summary_only = false;
};

net::LibpcapSource* g_live_source = nullptr;

void stop_live_capture(int) {
    if (g_live_source != nullptr) g_live_source->stop();
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

core::Result<std::unique_ptr<net::PacketSource>> open_source(const WatchOptions& o, const std::string& filter) {
    if (!o.interface.empty()) {
        auto live = net::LibpcapSource::open_live(o.interface, filter);
        if (!live) return live.error();
        return std::unique_ptr<net::PacketSource>(std::move(live.value()));
    }
    if (o.reader == "libpcap") {
        auto file = net::LibpcapSource::open_file(o.read);
        if (!file) return file.error();
        return std::unique_ptr<net::PacketSource>(std::move(file.value()));
    }
    auto file = net::CaptureFileReader::open(o.read);
    if (!file) return file.error();
    return std::unique_ptr<net::PacketSource>(std::move(file.value()));
}

void print_progress(std::uint64_t consumed, std::optional<std::uint64_t> total) {
    if (total && *total > 0) {
        fmt::print(stderr, "\r  {:5.1f}%  {} MB", 100.0 * static_cast<double>(consumed) / static_cast<double>(*total),
                   consumed >> 20);
    } else {
        fmt::print(stderr, "\r  {} MB", consumed >> 20);
    }
    std::fflush(stderr);
}

// --summary: the capture summary alone (packets, SIP messages, anomalies, errors).
int finish_summary_only(const WatchOptions& o, const watch::CaptureSummary& summary, Output& output, bool progress,
                        watch::ReportFormat format) {
    if (progress) fmt::print(stderr, "\r\033[K");
    const std::string text =
        format == watch::ReportFormat::json
            ? watch::summary_to_json(summary).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
            : watch::summary_to_text(summary, output.is_terminal());
    std::fwrite(text.data(), 1, text.size(), output.stream());
    std::fflush(output.stream());
    if (o.counts) fmt::print(stderr, "{}\n", watch::summary_counts_line(summary));
    if (!summary.complete) {
        fmt::print(stderr, "sipwarden watch: {}\n", summary.error);
        return k_exit_error;
    }
    return k_exit_ok;
}

int run_watch(const WatchOptions& o) {
    if (o.read.empty() == o.interface.empty()) {
        fmt::print(stderr, "sipwarden watch: give exactly one of -r FILE or -i INTERFACE\n");
        return k_exit_error;
    }
    if (o.summary_only && o.format == "csv") {
        fmt::print(stderr,
                   "sipwarden watch: --summary has no CSV form (the CSV report lists calls); use text or json\n");
        return k_exit_error;
    }
    const std::string filter_text = join(o.filter_words);
    std::optional<net::BpfFilter> filter;
    if (!filter_text.empty() && o.interface.empty()) {
        auto compiled = net::BpfFilter::compile(filter_text);
        if (!compiled) {
            fmt::print(stderr, "sipwarden watch: {}\n", compiled.error().message);
            return k_exit_error;
        }
        filter.emplace(std::move(compiled.value()));
    }
    auto output = Output::open(o.output);
    if (!output) {
        fmt::print(stderr, "sipwarden watch: {}\n", output.error().message);
        return k_exit_error;
    }
    auto source = open_source(o, filter_text);
    if (!source) {
        fmt::print(stderr, "sipwarden watch: {}\n", source.error().message);
        return k_exit_error;
    }
    watch::RunOptions options;
    options.net_limits.hep_v2_port = static_cast<std::uint16_t>(o.hep_port);
    options.threads = o.threads > 0 ? o.threads : (std::thread::hardware_concurrency() >= 2 ? 2 : 1);
    const bool progress = !o.quiet && o.interface.empty() && stderr_is_terminal();
    if (progress) options.progress = print_progress;
    if (!o.interface.empty()) {
        g_live_source = static_cast<net::LibpcapSource*>(source->get());
        std::signal(SIGINT, stop_live_capture);
        std::signal(SIGTERM, stop_live_capture);
    }
    const auto format = o.format == "json" ? watch::ReportFormat::json
                                           : (o.format == "csv" ? watch::ReportFormat::csv : watch::ReportFormat::text);
    watch::ReportLimits report_limits;
    report_limits.calls_listed = static_cast<std::size_t>(o.calls_listed);
    watch::SessionReport report(format, output->stream(), report_limits);
    report.flush_each_line(!o.interface.empty());  // live: each call line as it ends
    session::SessionTracker tracker(report);
    watch::SessionFeed feed(tracker);
    if (!o.summary_only) options.observer = &feed;
    watch::CaptureSummary summary;
    summary.input = o.interface.empty() ? o.read : o.interface;
    watch::summarize(**source, filter ? &*filter : nullptr, summary, options);
    g_live_source = nullptr;
    if (o.summary_only) return finish_summary_only(o, summary, *output, progress, format);
    tracker.finish();
    if (progress) fmt::print(stderr, "\r\033[K");
    const auto stats = tracker.stats();
    report.finish(summary, stats, output->is_terminal());
    if (o.counts)
        fmt::print(stderr, "{} rtp_packets={}\n", watch::summary_counts_line(summary), stats.media.rtp_packets);
    if (!summary.complete) {
        fmt::print(stderr, "sipwarden watch: {}\n", summary.error);
        return k_exit_error;
    }
    return k_exit_ok;
}

}  // namespace

void declare_watch_command(CLI::App& app, int& exit_status) {
    auto options = std::make_shared<WatchOptions>();
    app.add_option("-r,--read", options->read,
                   "Read a pcap or pcapng capture (gzip recognised; '-' for standard input)");
    app.add_option("-i,--interface", options->interface, "Capture live from a network interface (needs privileges)");
    app.add_option("--format", options->format,
                   "Report format: text; json (JSON lines: one object per call, media stream and registration, then a "
                   "summary); csv (one line per call)")
        ->check(CLI::IsMember({"text", "json", "csv"}));
    app.add_option("--calls", options->calls_listed, "Calls listed in the text report (all are counted)")
        ->check(CLI::Range(0, 1000000));
    app.add_option("-o,--output", options->output, "Write the report to FILE instead of standard output");
    app.add_option("--reader", options->reader, "Capture-file reader: native (fast) or libpcap (for cross-checking)")
        ->check(CLI::IsMember({"native", "libpcap"}));
    app.add_option("--hep-port", options->hep_port, "UDP/TCP port where HEP v1/v2 (which has no magic) is recognised")
        ->check(CLI::Range(1, 65535));
    app.add_option("--threads", options->threads,
                   "1: one thread; 2: read and decode beside parsing (default: 2 when two cores)")
        ->check(CLI::Range(1, 2));
    app.add_flag("--summary", options->summary_only,
                 "Only the capture summary: packets, SIP messages by method and status, anomalies, errors (no call, "
                 "registration or media tracking; --format csv is not available)");
    app.add_flag("-q,--quiet", options->quiet, "No progress on standard error");
    app.add_flag("--counts", options->counts, "Also print a KEY=VALUE count line on standard error");
    app.add_option("filter", options->filter_words, "Capture filter (BPF syntax, as for tcpdump), e.g. udp port 5060");
    app.footer(
        "Examples:\n"
        "  sipwarden watch -r call.pcap\n"
        "  sipwarden watch -r trace.pcapng.gz --format json -o events.jsonl\n"
        "  sipwarden watch -r trace.pcap --format csv -o calls.csv\n"
        "  zcat big.pcap.gz | sipwarden watch -r - udp port 5060\n\n"
        "Exit status: 0 read to the end; 2 usage error or unreadable/corrupt input (the report still covers\n"
        "everything read before the error).");
    app.callback([options, &exit_status] { exit_status = run_watch(*options); });
}

}  // namespace sipwarden::cli
