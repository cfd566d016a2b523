// sqla: event/listeners.cppm. Event<Args>: a list of listeners that fire in registration order.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

export module sqla:event.listeners;

export namespace sqla {

/// Identifies one registered listener, for `Event::remove()`.
enum class ListenerId : std::uint64_t {};

namespace detail {
SQLA_EXPORT ListenerId next_listener_id() noexcept;
}

/// One event (SQLAlchemy's `event.listen(target, "name", fn)` target and name): listeners are
/// called in the order they were added, with the event's argument, which they may change where
/// the event documents it. Adding and removing are thread-safe and may happen while the event
/// fires elsewhere (a firing in progress sees the listeners as they were when it started).
///
/// An exception thrown by a listener propagates out of the operation that fired the event,
/// which stops there (the events reference, docs/events.md, says what state each one leaves).
///
/// Firing an event nobody listens to is one relaxed atomic load.
template <class Arg>
class Event {
public:
    using Listener = std::function<void(Arg&)>;

    Event() = default;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    /// Adds a listener; it is called after the ones already there.
    ListenerId listen(Listener listener) {
        const ListenerId id = detail::next_listener_id();
        std::lock_guard lock(mutex_);
        auto next = listeners_ ? std::make_shared<List>(*listeners_) : std::make_shared<List>();
        next->emplace_back(id, std::move(listener));
        listeners_ = std::move(next);
        active_.store(true, std::memory_order_release);
        return id;
    }
    /// Removes a listener; false when `id` is not one of this event's.
    bool remove(ListenerId id) {
        std::lock_guard lock(mutex_);
        if (!listeners_) return false;
        auto next = std::make_shared<List>(*listeners_);
        const auto before = next->size();
        std::erase_if(*next, [id](const auto& entry) { return entry.first == id; });
        if (next->size() == before) return false;
        active_.store(!next->empty(), std::memory_order_release);
        listeners_ = next->empty() ? nullptr : std::move(next);
        return true;
    }
    /// Removes every listener.
    void clear() {
        std::lock_guard lock(mutex_);
        listeners_.reset();
        active_.store(false, std::memory_order_release);
    }
    /// Whether any listener is registered.
    [[nodiscard]] bool has_listeners() const noexcept { return active_.load(std::memory_order_relaxed); }

    /// Calls every listener with `arg`.
    void operator()(Arg& arg) const {
        if (!has_listeners()) return;
        std::shared_ptr<const List> snapshot;
        {
            std::lock_guard lock(mutex_);
            snapshot = listeners_;
        }
        if (!snapshot) return;
        for (const auto& entry : *snapshot) entry.second(arg);
    }

private:
    using List = std::vector<std::pair<ListenerId, Listener>>;
    mutable std::mutex mutex_;
    std::shared_ptr<const List> listeners_;
    std::atomic<bool> active_{false};
};

}  // namespace sqla
