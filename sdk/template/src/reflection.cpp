// example: src/reflection.cpp. ExampleReflector: what the database's catalog says, for
// sqla::inspect(), MetaData::reflect() and create_all's checkfirst.
// SPDX-License-Identifier: MIT
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

import sqla;

#include "example_plugin.hpp"

namespace example {
namespace {

// Override the questions your catalog answers (SQLAlchemy's Dialect.get_* methods); the others
// keep sqla::Reflector's defaults (most throw NotImplementedError naming the question). The
// reflector is shared like the dialect: keep no state but what the constructor is given.
class ExampleReflector final : public sqla::Reflector {
public:
    using sqla::Reflector::Reflector;

    std::vector<std::string> get_table_names(sqla::Connection& conn,
                                             const std::optional<std::string>& schema) const override {
        return names(conn, schema, "table");
    }
    std::vector<std::string> get_view_names(sqla::Connection& conn,
                                            const std::optional<std::string>& schema) const override {
        return names(conn, schema, "view");
    }
    // create_all(checkfirst) asks this; the default's information_schema is not SQLite's.
    bool has_table(sqla::Connection& conn, std::string_view table,
                   const std::optional<std::string>& schema) const override {
        return !columns_of(conn, table, schema).empty();
    }
    std::vector<sqla::ReflectedColumn> get_columns(sqla::Connection& conn, std::string_view table,
                                                   const std::optional<std::string>& schema) const override {
        std::vector<sqla::ReflectedColumn> out;
        for (const auto& row : columns_of(conn, table, schema)) {
            sqla::ReflectedColumn c;
            c.name = row.get<std::string>(1);
            c.type_sql = row.get<std::string>(2);  // a sqla type from it is left to your dialect
            c.nullable = row.get<std::int64_t>(3) == 0;
            if (!row[4].is_null()) c.server_default = row.get<std::string>(4);
            out.push_back(std::move(c));
        }
        return out;
    }
    sqla::ReflectedPrimaryKey get_pk_constraint(sqla::Connection& conn, std::string_view table,
                                                const std::optional<std::string>& schema) const override {
        sqla::ReflectedPrimaryKey pk;
        for (const auto& row : columns_of(conn, table, schema))
            if (row.get<std::int64_t>(5) > 0) pk.columns.push_back(row.get<std::string>(1));
        return pk;
    }

private:
    // Catalog queries take names as bound parameters where the database allows; SQLite's PRAGMAs
    // do not, so the names go in quoted by the dialect's preparer.
    std::string schema_prefix(const std::optional<std::string>& schema) const {
        return schema ? dialect().identifier_preparer().quote_identifier(*schema) + "." : std::string();
    }
    std::vector<std::string> names(sqla::Connection& conn, const std::optional<std::string>& schema,
                                   std::string_view type) const {
        return conn
            .execute(sqla::text("SELECT name FROM " + schema_prefix(schema) +
                                "sqlite_master WHERE type = :type AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name"),
                     {{"type", std::string(type)}})
            .scalars<std::string>()
            .all();
    }
    std::vector<sqla::Row> columns_of(sqla::Connection& conn, std::string_view table,
                                      const std::optional<std::string>& schema) const {
        return conn
            .exec_driver_sql("PRAGMA " + schema_prefix(schema) + "table_info(" +
                             dialect().identifier_preparer().quote_identifier(table) + ")")
            .all();
    }
};

}  // namespace

std::unique_ptr<sqla::Reflector> make_reflector(const sqla::Dialect& dialect) {
    return std::make_unique<ExampleReflector>(dialect);
}

}  // namespace example
