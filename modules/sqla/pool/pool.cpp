// sqla: pool/pool.cpp. NullPool and StaticPool.
// SPDX-License-Identifier: MIT
module;
#include <memory>
#include <mutex>
#include <string>

module sqla;

namespace sqla {

Pool::~Pool() = default;

NullPool::~NullPool() = default;

std::shared_ptr<DriverConnection> NullPool::checkout() { return std::shared_ptr<DriverConnection>(creator_()); }

void NullPool::checkin(std::shared_ptr<DriverConnection> connection, bool) noexcept {
    if (connection) connection->close();
}

void NullPool::dispose() noexcept {}

std::string NullPool::status() const { return "NullPool"; }

StaticPool::~StaticPool() { dispose(); }

std::shared_ptr<DriverConnection> StaticPool::checkout() {
    std::lock_guard lock(mutex_);
    if (!connection_ || connection_->closed()) connection_ = std::shared_ptr<DriverConnection>(creator_());
    return connection_;
}

void StaticPool::checkin(std::shared_ptr<DriverConnection> connection, bool invalidate) noexcept {
    if (!invalidate) return;
    std::lock_guard lock(mutex_);
    if (connection) connection->close();
    if (connection_ == connection) connection_.reset();
}

void StaticPool::dispose() noexcept {
    std::lock_guard lock(mutex_);
    if (connection_) connection_->close();
    connection_.reset();
}

std::string StaticPool::status() const {
    std::lock_guard lock(mutex_);
    return connection_ ? "StaticPool: 1 connection" : "StaticPool: no connection";
}

}  // namespace sqla
