// Batch and follow runs over CDR files.
#include "fraud/runner.h"

#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

#include "core/text.h"

namespace sipwarden::fraud {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t k_lines_per_slice = 4096;

struct Input {
    std::string name;  // absolute path: the cursor key
    LineFile file;
    CdrStream stream;
};

std::string cursor_name(const std::string& path) { return "fraud.file:" + path; }

class Checkpointer {
public:
    Checkpointer(FraudMonitor& monitor, store::StateStore* store, RunStats& stats)
        : m_monitor(monitor), m_store(store), m_stats(stats), m_last(Clock::now()) {}

    core::Result<void> maybe(std::vector<Input>& inputs, bool force) {
        if (m_store == nullptr) return {};
        const auto records = m_monitor.stats().records + m_monitor.stats().bad_lines;
        const auto& config = m_monitor.config();
        const bool due = records - m_records >= static_cast<std::uint64_t>(config.checkpoint_records) ||
                         Clock::now() - m_last >= std::chrono::seconds(config.checkpoint_seconds);
        if (!force && !due) return {};
        if (!force && records == m_records) {
            m_last = Clock::now();
            return {};
        }
        std::vector<std::pair<std::string, std::string>> cursors;
        for (const auto& input : inputs)
            cursors.emplace_back(cursor_name(input.name), encode_position(input.file.position()));
        if (auto r = m_monitor.checkpoint(*m_store, cursors); !r) return r;
        ++m_stats.checkpoints;
        m_records = records;
        m_last = Clock::now();
        return {};
    }

private:
    FraudMonitor& m_monitor;
    store::StateStore* m_store;
    RunStats& m_stats;
    std::uint64_t m_records = 0;
    Clock::time_point m_last;
};

core::Result<std::vector<Input>> open_inputs(FraudMonitor& monitor, store::StateStore* store,
                                             const RunOptions& options) {
    std::vector<Input> inputs;
    const std::string format_name = options.format.empty() ? monitor.config().format : options.format;
    for (const auto& path : options.files) {
        auto file = LineFile::open(path);
        if (!file) return file.error();
        std::error_code ec;
        auto absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
        if (ec) absolute = path;
        if (store != nullptr && !options.from_start) {
            auto saved = store->cursor(cursor_name(absolute));
            if (!saved) return saved.error();
            if (*saved) {
                if (auto position = decode_position(**saved); position && file->resume(*position) && options.on_note) {
                    options.on_note(path + ": resuming after line " + std::to_string(position->line));
                }
            }
        }
        inputs.push_back(Input{absolute, std::move(file.value()),
                               CdrStream(path, monitor.format_for(format_name), monitor.cdr_clock())});
    }
    return inputs;
}

// Reads what is available from one input; returns the number of lines.
core::Result<std::size_t> read_slice(Input& input, FraudMonitor& monitor, bool final) {
    return input.file.read(
        [&](std::string_view line, std::uint64_t number) { input.stream.feed(line, number, monitor); },
        k_lines_per_slice, final);
}

core::Result<void> handle_change(Input& input, FraudMonitor& monitor, RunStats& stats, const RunOptions& options) {
    const auto change = input.file.check();
    if (change == LineFile::Change::none) return {};
    if (change == LineFile::Change::rotated) {
        // Drain what was written to the old file before it moved.
        while (true) {
            auto n = read_slice(input, monitor, true);
            if (!n) return n.error();
            if (*n == 0) break;
        }
        ++stats.rotations;
    } else {
        ++stats.truncations;
    }
    if (options.on_note) {
        options.on_note(input.file.path() + (change == LineFile::Change::rotated
                                                 ? ": rotated, reading the new file"
                                                 : ": truncated, reading from the start"));
    }
    return input.file.reopen();
}

}  // namespace

std::string encode_position(const FilePosition& p) {
    std::ostringstream out;
    out << p.device << ' ' << p.inode << ' ' << p.offset << ' ' << p.line << ' ' << p.head_hash;
    return out.str();
}

std::optional<FilePosition> decode_position(std::string_view text) {
    const auto parts = core::split(text, ' ');
    if (parts.size() != 5) return std::nullopt;
    std::array<std::uint64_t, 5> values{};
    for (std::size_t i = 0; i < 5; ++i) {
        auto v = core::parse_uint(parts[i]);
        if (!v) return std::nullopt;
        values[i] = *v;
    }
    return FilePosition{values[0], values[1], values[2], values[3], values[4]};
}

core::Result<RunStats> run(FraudMonitor& monitor, store::StateStore* store, const RunOptions& options) {
    RunStats stats;
    auto opened = open_inputs(monitor, store, options);
    if (!opened) return opened.error();
    auto& inputs = opened.value();
    Checkpointer checkpointer(monitor, store, stats);
    if (!options.follow) {
        for (auto& input : inputs) {
            while (true) {
                auto n = read_slice(input, monitor, true);
                if (!n) return n.error();
                stats.lines += *n;
                if (*n == 0) break;
                if (auto r = checkpointer.maybe(inputs, false); !r) return r.error();
            }
            input.stream.finish(monitor);
        }
        if (auto r = checkpointer.maybe(inputs, true); !r) return r.error();
        return stats;
    }
    const auto poll = std::chrono::milliseconds(monitor.config().poll_milliseconds);
    while (options.stop == nullptr || !options.stop->load()) {
        std::size_t read = 0;
        for (auto& input : inputs) {
            auto n = read_slice(input, monitor, false);
            if (!n) return n.error();
            read += *n;
            if (*n == 0) {
                if (auto r = handle_change(input, monitor, stats, options); !r) return r.error();
            }
        }
        stats.lines += read;
        if (auto r = checkpointer.maybe(inputs, false); !r) return r.error();
        if (read == 0) {
            if (options.on_idle) options.on_idle();
            std::this_thread::sleep_for(poll);
        }
    }
    if (auto r = checkpointer.maybe(inputs, true); !r) return r.error();
    return stats;
}

}  // namespace sipwarden::fraud
