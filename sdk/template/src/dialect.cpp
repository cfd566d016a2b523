// example: src/dialect.cpp. ExampleDialect: the database's SQL flavour and capability flags.
// SPDX-License-Identifier: MIT
#include <sqlite3.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

import sqla;

#include "example_plugin.hpp"

namespace example {
namespace {

// Subclass sqla::DefaultDialect, never sqla::Dialect: it brings the SQL-standard compiler and
// double-quote identifier quoting. Replace the flags with what your database supports; the
// conformance suite skips the tests whose capability is off.
class ExampleDialect final : public sqla::DefaultDialect {
public:
    ExampleDialect()
        : sqla::DefaultDialect(
              sqla::Capabilities{
                  .supports_savepoints = true,
                  .supports_returning = false,
                  .supports_native_boolean = false,
                  .supports_native_decimal = false,
                  .supports_alter = false,
                  .supports_empty_insert = false,
              },
              // Lower-case words that must be quoted when used as identifiers.
              std::unordered_set<std::string>{"select", "from", "where", "table", "order", "group"}) {
        // Reflection is a collaborator of the dialect, in reflection.cpp.
        set_reflection(make_reflector(*this));
    }

    // The name URLs use: example://, example+example_sqlite://.
    std::string_view name() const noexcept override { return "example"; }

    // A memory database exists only inside its one connection, so every checkout must share it.
    // A server database keeps the default (a connection per checkout): delete this override.
    sqla::PoolClass default_pool_class(const sqla::URL& url) const override {
        const auto& db = url.database();
        const bool memory = !db || db->empty() || *db == ":memory:";
        return memory ? sqla::PoolClass::static_pool : sqla::PoolClass::null_pool;
    }
};

}  // namespace

std::unique_ptr<sqla::Dialect> make_dialect() { return std::make_unique<ExampleDialect>(); }

}  // namespace example
