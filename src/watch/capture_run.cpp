// The capture pipeline: source -> filter -> decoder -> SIP/SDP parser -> tallies.
// With two threads, reading and decoding run beside parsing, joined by a
// bounded queue of payload batches; the results are the same either way.
#include "watch/capture_run.h"

#include <thread>

#include "net/decoder.h"
#include "sip/multipart.h"
#include "watch/payload_queue.h"

namespace sipwarden::watch {

namespace {

constexpr std::size_t k_batch_bytes = 256 * 1024;
constexpr std::size_t k_batch_payloads = 2048;
constexpr std::size_t k_batches_in_flight = 8;

// Parses SIP payloads, counts what it finds and tells the observer (the
// parsing stage); passes other UDP payloads to an observer that wants them.
class SipParser {
public:
    SipParser(SipTally& tally, const RunOptions& options) : m_tally(tally), m_options(options) {}

    void other_udp(const net::Payload& payload, std::size_t size) { m_options.observer->on_other_udp(payload, size); }

    void parse(const net::Payload& payload) {
        if (!m_message.parse(core::as_text(payload.data), m_options.sip_limits)) {
            ++m_tally.unusable;
            return;
        }
        ++m_tally.messages;
        ++(payload.transport == net::Transport::tcp ? m_tally.over_tcp : m_tally.over_udp);
        if (payload.from_hep) ++m_tally.from_hep;
        if (payload.truncated) ++m_tally.truncated;
        if (m_message.is_request()) {
            m_tally.add_request(m_message);
        } else {
            m_tally.add_response(m_message);
        }
        count_anomalies(m_message.anomalies(), m_message.anomalies_dropped());
        const sip::SessionDescription* sdp = parse_sdp();
        if (m_options.observer != nullptr) m_options.observer->on_sip(payload, m_message, sdp);
    }

private:
    void count_anomalies(std::span<const sip::AnomalyRecord> records, std::size_t dropped) {
        for (const auto& record : records) ++m_tally.anomalies[static_cast<std::size_t>(record.anomaly)];
        m_tally.anomalies_dropped += dropped;
    }

    const sip::SessionDescription* parse_sdp() {
        const auto body = sip::find_sdp(m_message, m_options.sip_limits);
        if (body.empty() || !m_sdp.parse(body, m_options.sip_limits)) return nullptr;
        ++m_tally.with_sdp;
        count_anomalies(m_sdp.anomalies(), m_sdp.anomalies_dropped());
        return &m_sdp;
    }

    SipTally& m_tally;
    const RunOptions& m_options;
    sip::Message m_message;
    sip::SessionDescription m_sdp;
};

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
    net::PacketSource::Status status;
    while ((status = source.next(frame)) == net::PacketSource::Status::frame) {
        if (options.progress && ++frames % options.progress_every == 0)
            options.progress(source.bytes_consumed(), source.total_bytes());
        if (filter != nullptr && !filter->matches(frame)) continue;
        summary.see_time(frame.timestamp);
        decoder.decode(frame);
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
    auto next = [&](const net::Payload& payload, bool sip) {
        if (sip) {
            parser.parse(payload);
        } else {
            parser.other_udp(payload, payload.data.size());
        }
    };
    Classifier<decltype(next)> classifier(summary, wants_other_udp(options), next);
    return read_all(source, filter, summary, classifier, options);
}

bool run_two_threads(net::PacketSource& source, net::BpfFilter* filter, CaptureSummary& summary,
                     const RunOptions& options) {
    PayloadQueue queue(k_batches_in_flight);
    bool ok = true;
    // The reading thread owns summary's decode counters, span and payload
    // counts; this thread owns summary.sip. They meet only through the queue.
    std::thread reader([&] {
        std::unique_ptr<PayloadBatch> batch = queue.take_empty();
        auto next = [&](const net::Payload& payload, bool sip) {
            batch->add(payload, sip ? SIZE_MAX : k_media_header_bytes, sip ? 1 : 0);
            if (batch->bytes() >= k_batch_bytes || batch->size() >= k_batch_payloads) {
                queue.push(std::move(batch));
                batch = queue.take_empty();
            }
        };
        Classifier<decltype(next)> classifier(summary, wants_other_udp(options), next);
        ok = read_all(source, filter, summary, classifier, options);
        queue.push(std::move(batch));
        queue.close();
    });
    SipParser parser(summary.sip, options);
    while (auto batch = queue.pop()) {
        for (std::size_t i = 0; i < batch->size(); ++i) {
            const net::Payload payload = batch->at(i);
            if (batch->tag_of(i) == 1) {
                parser.parse(payload);
            } else {
                parser.other_udp(payload, batch->size_of(i));
            }
        }
        queue.recycle(std::move(batch));
    }
    reader.join();
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
