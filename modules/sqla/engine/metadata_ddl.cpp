// sqla: engine/metadata_ddl.cpp. MetaData::create_all and drop_all, run through a Connection
// (SQLAlchemy's SchemaGenerator and SchemaDropper): defined with the engine, so that the schema
// layer describes tables without executing anything.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

module sqla:engine.metadata_ddl;
import :types.type_engine;
import :dialect.capabilities;
import :dialect.reflection;
import :dialect.dialect;
import :sql.elements;
import :schema.constraints;
import :schema.column;
import :schema.table;
import :schema.ddl;
import :engine.result;
import :engine.engine;

namespace sqla {

void MetaData::create_all(Engine& engine, bool checkfirst) const {
    auto connection = engine.connect();
    create_all(connection, checkfirst);
    connection.commit();
}

void MetaData::drop_all(Engine& engine, bool checkfirst) const {
    auto connection = engine.connect();
    drop_all(connection, checkfirst);
    connection.commit();
}

namespace {
// The named native enum types of a table's columns (PostgreSQL's CREATE TYPE).
std::vector<TypeEngine> named_enums(const TableSchema& table) {
    std::vector<TypeEngine> out;
    for (const auto& c : table.columns()) {
        const auto& t = c.type();
        if (t.kind() == TypeKind::enum_ && t.details().native_enum && t.details().name) out.push_back(t);
    }
    return out;
}
}  // namespace

void MetaData::create_all(Connection& connection, bool checkfirst) const {
    const auto& dialect = connection.dialect();
    const auto& caps = dialect.capabilities();
    const auto& reflection = dialect.reflection();
    const auto order = sort_tables_and_constraints(tables());
    std::vector<std::size_t> created;
    std::vector<Table> creating;
    for (std::size_t i = 0; i < order.tables.size(); ++i) {
        const auto& info = order.tables[i].definition();
        if (checkfirst && reflection.has_table(connection, info.name(), info.schema())) continue;
        created.push_back(i);
        creating.push_back(order.tables[i]);
    }
    DDLEvent all{connection, creating, checkfirst};
    events().before_create(all);
    std::vector<std::string> types_done;
    for (std::size_t i : created) {
        const Table& table = order.tables[i];
        const auto& info = table.definition();
        const std::vector<Table> just{table};
        DDLEvent one{connection, just, checkfirst};
        info.events().before_create(one);
        // Named enum types first, once each (SQLAlchemy's Enum before_create).
        if (caps.enum_is_named_type)
            for (const auto& type : named_enums(info)) {
                const auto& name = *type.details().name;
                if (std::find(types_done.begin(), types_done.end(), name) != types_done.end()) continue;
                types_done.push_back(name);
                if (!checkfirst || !reflection.has_type(connection, name)) connection.execute(CreateEnumType(type));
            }
        // Sequences the table's columns use, where the database has them.
        if (caps.supports_sequences)
            for (const auto& c : info.columns())
                if (c.sequence() && !(c.sequence()->optional() && info.autoincrement_column() == &c))
                    connection.execute(CreateSequence(*c.sequence()));
        // Without ALTER, every key goes inside CREATE TABLE (SQLite accepts keys to tables
        // that do not exist yet).
        connection.execute(CreateTable(table, {.omit_constraints = caps.supports_alter ? order.deferred[i]
                                                                                        : std::vector<std::size_t>{}}));
        for (const auto& ix : info.indexes()) connection.execute(CreateIndex(ix));
        if (caps.supports_comments && !caps.inline_comments) {
            if (info.comment()) connection.execute(SetTableComment(table));
            for (const auto& c : info.columns())
                if (c.comment()) connection.execute(SetColumnComment(table, c.key()));
        }
        info.events().after_create(one);
    }
    if (caps.supports_alter)
        for (std::size_t i : created)
            for (std::size_t k : order.deferred[i]) {
                const auto& c = order.tables[i].definition().constraints()[k];
                connection.execute(AddConstraint(order.tables[i], c));
            }
    events().after_create(all);
}

void MetaData::drop_all(Connection& connection, bool checkfirst) const {
    const auto& dialect = connection.dialect();
    const auto& caps = dialect.capabilities();
    const auto& reflection = dialect.reflection();
    const auto order = sort_tables_and_constraints(tables());
    std::vector<std::size_t> existing;
    for (std::size_t i = order.tables.size(); i-- > 0;) {
        const auto& info = order.tables[i].definition();
        if (!checkfirst || reflection.has_table(connection, info.name(), info.schema())) existing.push_back(i);
    }
    std::vector<Table> dropping;
    for (std::size_t i : existing) dropping.push_back(order.tables[i]);
    DDLEvent all{connection, dropping, checkfirst};
    events().before_drop(all);
    // Keys added by ALTER go first, so no table is dropped while another still refers to it.
    if (caps.supports_alter)
        for (std::size_t i : existing)
            for (std::size_t k : order.deferred[i]) {
                const auto& c = order.tables[i].definition().constraints()[k];
                if (c.name()) connection.execute(DropConstraint(order.tables[i], c));
            }
    std::vector<TypeEngine> types;
    for (std::size_t i : existing) {
        const auto& info = order.tables[i].definition();
        const std::vector<Table> just{order.tables[i]};
        DDLEvent one{connection, just, checkfirst};
        info.events().before_drop(one);
        connection.execute(DropTable(order.tables[i]));
        if (caps.supports_sequences)
            for (const auto& c : info.columns())
                if (c.sequence() && !(c.sequence()->optional() && info.autoincrement_column() == &c))
                    connection.execute(DropSequence(*c.sequence()));
        info.events().after_drop(one);
        if (caps.enum_is_named_type)
            for (auto& t : named_enums(info))
                if (std::none_of(types.begin(), types.end(),
                                 [&](const TypeEngine& x) { return x.details().name == t.details().name; }))
                    types.push_back(std::move(t));
    }
    // The enum types go after every table using them.
    for (const auto& t : types)
        if (!checkfirst || reflection.has_type(connection, *t.details().name)) connection.execute(DropEnumType(t));
    events().after_drop(all);
}

}  // namespace sqla
