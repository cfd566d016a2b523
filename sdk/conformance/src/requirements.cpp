// sqla: sdk/conformance/src/requirements.cpp. Requirement names and the capability flags behind them.
// SPDX-License-Identifier: MIT
#include <sqla/conformance.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

import sqla;

#include "suite.hpp"

namespace sqla::testing {

std::optional<bool> capability(const Capabilities& c, const std::string& name) {
    if (name == "savepoints") return c.supports_savepoints;
    if (name == "returning") return c.supports_returning;
    if (name == "multivalues_insert") return c.supports_multivalues_insert;
    if (name == "native_boolean") return c.supports_native_boolean;
    if (name == "native_decimal") return c.supports_native_decimal;
    if (name == "sequences") return c.supports_sequences;
    if (name == "native_enum") return c.supports_native_enum;
    if (name == "alter") return c.supports_alter;
    if (name == "default_values") return c.supports_default_values;
    if (name == "empty_insert") return c.supports_empty_insert;
    if (name == "server_side_cursors") return c.supports_server_side_cursors;
    if (name == "sane_rowcount") return c.supports_sane_rowcount;
    if (name == "sane_multi_rowcount") return c.supports_sane_multi_rowcount;
    if (name == "ctes") return c.supports_ctes;
    if (name == "window_functions") return c.supports_window_functions;
    return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> known_requirements() {
    return {
        {"savepoints", "SAVEPOINT and ROLLBACK TO SAVEPOINT (supports_savepoints)"},
        {"returning", "INSERT/UPDATE/DELETE ... RETURNING (supports_returning)"},
        {"multivalues_insert", "INSERT ... VALUES (...), (...) (supports_multivalues_insert)"},
        {"native_boolean", "a boolean type (supports_native_boolean)"},
        {"native_decimal", "an exact DECIMAL type (supports_native_decimal)"},
        {"sequences", "CREATE SEQUENCE (supports_sequences)"},
        {"native_enum", "a native ENUM type (supports_native_enum)"},
        {"alter", "ALTER TABLE ADD CONSTRAINT (supports_alter)"},
        {"default_values", "INSERT ... DEFAULT VALUES (supports_default_values)"},
        {"empty_insert", "INSERT with no columns (supports_empty_insert)"},
        {"server_side_cursors", "streaming results from the server (supports_server_side_cursors)"},
        {"sane_rowcount", "UPDATE/DELETE report matched rows (supports_sane_rowcount)"},
        {"sane_multi_rowcount", "executemany reports summed rowcount (supports_sane_multi_rowcount)"},
        {"ctes", "WITH common table expressions (supports_ctes)"},
        {"window_functions", "OVER (...) window functions (supports_window_functions)"},
        {"binary", "binary values round-trip as bytes (open unless closed)"},
        {"independent_connections", "two connections see each other's committed data (open unless closed)"},
        {"reflection", "the Inspector reads tables, columns, keys and indexes (open unless closed)"},
    };
}

}  // namespace sqla::testing
