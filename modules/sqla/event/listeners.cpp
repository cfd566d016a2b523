// sqla: event/listeners.cpp. Listener identifiers.
// SPDX-License-Identifier: MIT
module;
#include <atomic>
#include <cstdint>

module sqla:event.listeners_impl;
import :event.listeners;

namespace sqla::detail {

ListenerId next_listener_id() noexcept {
    static std::atomic<std::uint64_t> next{1};
    return ListenerId{next.fetch_add(1, std::memory_order_relaxed)};
}

}  // namespace sqla::detail
