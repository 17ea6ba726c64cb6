// ExpiryQueue: timers for records in KeyedSlots, in capture time. Each
// timer names a slot and the slot's generation when armed; a timer whose
// record has since been freed (generation changed) is skipped. Timers are
// kept in arming order, which is deadline order for one timeout length, so
// expiry is O(1) per timer. A record re-arms itself when it was active
// after the timer was set (lazy refresh: no timer per packet).
#pragma once

#include <cstdint>
#include <deque>

#include "core/timestamp.h"

namespace sipwarden::session {

struct Timer {
    std::int64_t deadline_ns = 0;
    std::uint32_t slot = 0;
    std::uint32_t generation = 0;
};

class ExpiryQueue {
public:
    void arm(core::Timestamp deadline, std::uint32_t slot, std::uint32_t generation) {
        m_timers.push_back(Timer{deadline.ns(), slot, generation});
    }
    // Calls fire(timer) for every timer due at `now`, earliest first.
    template <typename Fire>
    void expire(core::Timestamp now, Fire fire) {
        while (!m_timers.empty() && m_timers.front().deadline_ns <= now.ns()) {
            const Timer timer = m_timers.front();
            m_timers.pop_front();
            fire(timer);
        }
    }
    std::size_t size() const { return m_timers.size(); }

private:
    std::deque<Timer> m_timers;
};

}  // namespace sipwarden::session
