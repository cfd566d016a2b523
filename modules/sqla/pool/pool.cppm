// sqla: pool/pool.cppm. Connection pools: Pool, NullPool, StaticPool.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

export module sqla:pool.pool;
import :dialect.capabilities;
import :dialect.driver;

export namespace sqla {

/// Hands out driver connections and takes them back. Thread-safe.
class SQLA_EXPORT Pool {
public:
    using Creator = std::function<std::unique_ptr<DriverConnection>()>;
    explicit Pool(Creator creator) : creator_(std::move(creator)) {}
    virtual ~Pool();
    /// A connection for the caller's use until `checkin()`. Throws what the creator throws.
    [[nodiscard]] virtual std::shared_ptr<DriverConnection> checkout() = 0;
    /// Returns a connection; `invalidate` discards it (it was found disconnected).
    virtual void checkin(std::shared_ptr<DriverConnection> connection, bool invalidate) noexcept = 0;
    /// Closes the connections the pool holds.
    virtual void dispose() noexcept = 0;
    /// A one-line description of the pool's state, for logs.
    [[nodiscard]] virtual std::string status() const = 0;

protected:
    Creator creator_;
};

/// Opens a connection per checkout and closes it at checkin.
class SQLA_EXPORT NullPool final : public Pool {
public:
    using Pool::Pool;
    ~NullPool() override;
    [[nodiscard]] std::shared_ptr<DriverConnection> checkout() override;
    void checkin(std::shared_ptr<DriverConnection> connection, bool invalidate) noexcept override;
    void dispose() noexcept override;
    [[nodiscard]] std::string status() const override;
};

/// Keeps exactly one connection and hands it to every checkout.
class SQLA_EXPORT StaticPool final : public Pool {
public:
    using Pool::Pool;
    ~StaticPool() override;
    [[nodiscard]] std::shared_ptr<DriverConnection> checkout() override;
    void checkin(std::shared_ptr<DriverConnection> connection, bool invalidate) noexcept override;
    void dispose() noexcept override;
    [[nodiscard]] std::string status() const override;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<DriverConnection> connection_;
};

}  // namespace sqla
