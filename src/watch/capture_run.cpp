// The capture pipeline: source -> filter -> decoder -> SIP/SDP parser -> tallies
// and observer. With two threads, reading and decoding (and parsing, when an
// observer follows) run beside the rest, joined by a bounded queue of payload
// batches; the results are the same either way.
#include "watch/capture_run.h"

#include <time.h>

#include <algorithm>
#include <thread>

#include "core/large_pages.h"
#include "net/decoder.h"
#include "sip/multipart.h"
#include "watch/payload_queue.h"

namespace sipwarden::watch {

namespace {

constexpr std::size_t k_batch_bytes = 256 * 1024;
constexpr std::size_t k_batch_payloads = 2048;
constexpr std::size_t k_batches_in_flight = 8;
// Parsed messages kept per batch (each slot holds a message and an SDP
// with their header and rtpmap tables): bounds that memory.
constexpr std::size_t k_batch_sip_messages = 64;

// Parses SIP payloads and counts what it finds (the parsing stage).
class SipParser {
public:
    SipParser(SipTally& tally, const RunOptions& options)
        : m_tally(tally), m_options(options), m_facts(options.observer != nullptr && options.observer->wants_facts()) {}

    // Parses `payload` into `slot`; false when nothing usable is left.
    bool parse(const net::Payload& payload, ParsedSip& slot) {
        slot.usable = false;
        slot.has_sdp = false;
        if (!slot.message.parse(core::as_text(payload.data), m_options.sip_limits)) {
            ++m_tally.unusable;
            return false;
        }
        const sip::Message& message = slot.message;
        ++m_tally.messages;
        switch (payload.transport) {
            case net::Transport::udp: ++m_tally.over_udp; break;
            case net::Transport::tcp: ++m_tally.over_tcp; break;
            case net::Transport::sctp: ++m_tally.over_sctp; break;
        }
        if (payload.from_hep) ++m_tally.from_hep;
        if (payload.truncated) ++m_tally.truncated;
        if (message.is_request()) {
            m_tally.add_request(message);
        } else {
            m_tally.add_response(message);
        }
        count_anomalies(message.anomalies(), message.anomalies_dropped());
        const auto body = sip::find_sdp(message, m_options.sip_limits);
        if (!body.empty() && slot.sdp.parse(body, m_options.sip_limits)) {
            slot.has_sdp = true;
            ++m_tally.with_sdp;
            count_anomalies(slot.sdp.anomalies(), slot.sdp.anomalies_dropped());
        }
        if (m_facts) slot.facts = session::sip_facts(message);
        slot.usable = true;
        return true;
    }

private:
    void count_anomalies(std::span<const sip::AnomalyRecord> records, std::size_t dropped) {
        for (const auto& record : records) ++m_tally.anomalies[static_cast<std::size_t>(record.anomaly)];
        m_tally.anomalies_dropped += dropped;
    }

    SipTally& m_tally;
    const RunOptions& m_options;
    bool m_facts;  // compute session::SipFacts for the observer
};

// CPU seconds the calling thread has used.
double thread_cpu_seconds() {
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0) return 0;
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// What observers see of a non-SIP UDP payload, with one thread or two.
rtp::DatagramHead media_head(const net::Payload& payload) {
    auto datagram = rtp::DatagramHead::of(payload.data);
    datagram.head = datagram.head.first(rtp::DatagramHead::head_size(datagram.head));
    return datagram;
}

void observe(const RunOptions& options, const net::Payload& payload, const ParsedSip& parsed) {
    if (options.observer == nullptr || !parsed.usable) return;
    const sip::SessionDescription* sdp = parsed.has_sdp ? &parsed.sdp : nullptr;
    if (options.observer->wants_facts()) {
        options.observer->on_sip_facts(payload, parsed.message, sdp, parsed.facts);
    } else {
        options.observer->on_sip(payload, parsed.message, sdp);
    }
}

// The decoding stage's sink: counts payloads, passes SIP on, and other UDP
// when the observer wants it.
template <typename Next>
class Classifier final : public net::PayloadSink {
public:
    Classifier(CaptureSummary& summary, bool other_udp, Next next)
        : m_summary(summary), m_other_udp(other_udp), m_next(std::move(next)) {}
    void on_payload(const net::Payload& payload) override {
        ++m_summary.payloads;
        if (sip::looks_like_sip(core::as_text(payload.data))) {
            m_next(payload, true);
            return;
        }
        ++m_summary.other_payloads;
        if (m_other_udp && payload.transport == net::Transport::udp && !payload.from_hep) m_next(payload, false);
    }

private:
    CaptureSummary& m_summary;
    bool m_other_udp;
    Next m_next;
};

// Reads and decodes `source` into `sink`; returns false on a read error.
bool read_all(net::PacketSource& source, net::BpfFilter* filter, CaptureSummary& summary, net::PayloadSink& sink,
              const RunOptions& options) {
    net::Decoder decoder(sink, summary.decode, options.net_limits);
    net::Frame frame;
    std::uint64_t frames = 0;
    // The capture span, kept in locals and handed to the summary at the end.
    bool any = false;
    core::Timestamp first, last;
    net::PacketSource::Status status;
    while ((status = source.next(frame)) == net::PacketSource::Status::frame) {
        if (options.progress && ++frames % options.progress_every == 0)
            options.progress(source.bytes_consumed(), source.total_bytes());
        if (filter != nullptr && !filter->matches(frame)) continue;
        if (!any) first = last = frame.timestamp;
        any = true;
        first = std::min(first, frame.timestamp);
        last = std::max(last, frame.timestamp);
        decoder.decode(frame);
    }
    if (any) {
        summary.see_time(first);
        summary.see_time(last);
    }
    decoder.finish();
    return status != net::PacketSource::Status::error;
}

bool wants_other_udp(const RunOptions& options) {
    return options.observer != nullptr && options.observer->wants_other_udp();
}

bool run_single_thread(net::PacketSource& source, net::BpfFilter* filter, CaptureSummary& summary,
                       const RunOptions& options) {
    SipParser parser(summary.sip, options);
    auto parsed = std::make_unique<ParsedSip>();
    const bool tracking = options.observer != nullptr;
    std::uint32_t until_advice = 0;
    auto next = [&](const net::Payload& payload, bool sip) {
        if (tracking && until_advice-- == 0) {
            core::advise_heap_large_pages();
            until_advice = k_batch_payloads;
        }
        if (sip) {
            parser.parse(payload, *parsed);
            observe(options, payload, *parsed);
        } else {
            net::Payload head = payload;
            const auto datagram = media_head(payload);
            head.data = datagram.head;
            options.observer->on_other_udp(head, datagram);
        }
    };
    Classifier<decltype(next)> classifier(summary, wants_other_udp(options), next);
    return read_all(source, filter, summary, classifier, options);
}

// Two threads. SIP parsing is the work that can move between them; it goes
// to whichever thread is less busy. With an observer (session tracking),
// the reading thread parses a complete batch when the calling thread has
// at least two batches queued (it is behind), and leaves the batch to the
// calling thread otherwise (it is waiting, or about to). Without one
// (--summary), the calling thread parses the batches and the reading
// thread parses in place, without a copy, whenever the calling thread is
// behind. Each thread counts into its own tally and the two are merged at
// the end. See docs/performance.md.
bool run_two_threads(net::PacketSource& source, net::BpfFilter* filter, CaptureSummary& summary,
                     const RunOptions& options) {
    const double calling_cpu_at_start = thread_cpu_seconds();
    PayloadQueue queue(k_batches_in_flight);
    const bool tracking = options.observer != nullptr;
    // Full batches waiting that make the reading thread parse in place.
    constexpr std::size_t k_behind = k_batches_in_flight / 2;
    // With tracking, full batches waiting that make the reading thread parse a batch.
    constexpr std::size_t k_tracker_behind = 2;
    // SIP messages parsed in place between two looks at the queue.
    constexpr std::size_t k_in_place_run = 256;
    bool ok = true;
    // The reading thread owns summary's decode counters, span and payload
    // counts, and reader_tally; this thread owns tally. They meet only
    // through the queue, and each tally has cache lines of its own: the
    // reading thread counts every packet in summary, and sharing a line
    // with a count of the other thread costs both threads a miss per
    // packet. summary.sip gets both tallies at the end.
    alignas(64) SipTally reader_tally;
    alignas(64) SipTally tally;
    std::thread reader([&] {
        // Its own copies of the options and of `tracking`, read for every
        // packet: the caller's may share a cache line with what the calling
        // thread writes.
        const RunOptions reader_options = options;
        const bool tracks = tracking;
        SipParser parser(reader_tally, reader_options);
        auto scratch = std::make_unique<ParsedSip>();
        std::unique_ptr<PayloadBatch> batch = queue.take_empty();
        std::size_t sip_in_batch = 0;
        std::size_t in_place_left = 0;
        // In --summary, a run of in-place parses while the other thread is behind.
        auto pace = [&] {
            if (!tracks && queue.waiting() >= k_behind) in_place_left = k_in_place_run;
        };
        auto push = [&] {
            // With tracking, this thread parses the batch only when the
            // tracking thread is behind; otherwise that thread is waiting
            // (or about to) and parses the batch itself.
            if (tracks && queue.waiting() >= k_tracker_behind) {
                for (std::size_t i = 0; i < batch->size(); ++i)
                    if (batch->tag_of(i) == 1) parser.parse(batch->at(i), batch->next_parsed());
            }
            queue.push(std::move(batch));
            pace();
        };
        auto next = [&](const net::Payload& payload, bool sip) {
            if (in_place_left > 0 && sip) {
                parser.parse(payload, *scratch);
                if (--in_place_left == 0) pace();
                return;
            }
            batch->add(payload, sip ? SIZE_MAX : rtp::DatagramHead::head_size(payload.data), sip ? 1 : 0);
            sip_in_batch += sip ? 1 : 0;
            if (batch->bytes() >= k_batch_bytes || batch->size() >= k_batch_payloads ||
                (tracks && sip_in_batch >= k_batch_sip_messages)) {
                push();
                batch = queue.take_empty();
                sip_in_batch = 0;
            }
        };
        Classifier<decltype(next)> classifier(summary, wants_other_udp(reader_options), next);
        ok = read_all(source, filter, summary, classifier, reader_options);
        push();
        queue.close();
        summary.reading_thread_cpu_s = thread_cpu_seconds();
    });
    SipParser parser(tally, options);
    auto parsed = std::make_unique<ParsedSip>();
    // Messages the reading thread parsed were written by the other core:
    // their results are prefetched this many messages ahead.
    constexpr std::size_t k_prefetch_ahead = 2;
    while (auto batch = queue.pop()) {
        if (tracking) core::advise_heap_large_pages();
        std::size_t k = 0;
        // Parsed by the reading thread, or left for this one (no SIP parsed).
        const bool parsed_ahead = batch->parsed_count() > 0;
        if (parsed_ahead)
            for (std::size_t j = 0; j < k_prefetch_ahead; ++j) batch->prefetch_parsed(j);
        for (std::size_t i = 0; i < batch->size(); ++i) {
            const net::Payload payload = batch->at(i);
            if (batch->tag_of(i) != 1) {
                options.observer->on_other_udp(payload, batch->datagram_of(i));
            } else if (tracking && parsed_ahead) {
                batch->prefetch_parsed(k + k_prefetch_ahead);
                observe(options, payload, batch->parsed(k++));
            } else {
                parser.parse(payload, *parsed);
                if (tracking) observe(options, payload, *parsed);
            }
        }
        queue.recycle(std::move(batch));
    }
    summary.calling_thread_cpu_s = thread_cpu_seconds() - calling_cpu_at_start;
    reader.join();
    summary.sip.merge(tally);
    summary.sip.merge(reader_tally);
    return ok;
}

}  // namespace

void summarize(net::PacketSource& source, net::BpfFilter* filter, CaptureSummary& summary, const RunOptions& options) {
    summary.format = source.format();
    const bool ok = options.threads >= 2 ? run_two_threads(source, filter, summary, options)
                                         : run_single_thread(source, filter, summary, options);
    if (!ok) {
        summary.complete = false;
        summary.error = source.error_message();
    }
}

}  // namespace sipwarden::watch
