// sqla: tests/corpus/corpus_ddl_cases.cpp. The corpus's ddl.* cases written with sqla's API: CREATE
// TABLE of the corpus schema and of one-column scratch tables per type, CREATE INDEX, DROP TABLE.
// SPDX-License-Identifier: MIT
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

import sqla;

#include "corpus_dml_cases.hpp"

namespace sqla::corpus {

namespace {

// SQLAlchemy's PickleType: a TypeDecorator storing serialized objects in a LargeBinary.
struct PickleType final : TypeDecorator {
    TypeEngine impl() const override { return LargeBinary{}; }
    std::string name() const override { return "PickleType"; }
};

// `Table(name, MetaData(), Column("id", Integer, primary_key=True), Column("v", type))`.
Executable one_column_table(const std::string& name, TypeEngine type) {
    MetaData metadata;
    Table t(metadata, name, Column{"id", Integer{}, primary_key}, Column{"v", std::move(type)});
    return CreateTable(t);
}

const Index& index_named(const Table& table, const std::string& name) {
    for (const auto& ix : table.definition().indexes())
        if (ix.name() == name) return ix;
    throw std::runtime_error("no index " + name);
}

}  // namespace

void ddl_builders(std::map<std::string, DMLBuilder>& b) {
#define CASE(id) b[id] = [=]([[maybe_unused]] const TableLookup& t) -> Executable
    for (const char* table : {"gc_users", "gc_items", "gc_order_items", "gc_keywords", "gc_item_keywords", "gc_counters"})
        b[std::string("ddl.create_table.") + table + ".001"] = [table](const TableLookup& t) -> Executable {
            return CreateTable(t(table));
        };
    CASE("ddl.create_table.gc_eventlog.001") { return CreateTable(t("gc_EventLog")); };
    CASE("ddl.create_index.schema.002") {
        return CreateIndex(index_named(t("gc_addresses"), "ix_gc_addresses_user_primary"));
    };
    CASE("ddl.create_index.schema.003") { return CreateIndex(index_named(t("gc_orders"), "ix_gc_orders_user_date")); };
    CASE("ddl.create_index.schema.004") { return CreateIndex(index_named(t("gc_items"), "ix_gc_items_price_stock")); };
    CASE("ddl.create_index.schema.006") { return CreateIndex(index_named(t("gc_EventLog"), "ix_gc_EventLog_occurred")); };
    CASE("ddl.create_index.multi_column.001") {
        const auto& u = t("gc_users");
        return CreateIndex(Index("ix_gc_scratch_name_age", {u.c("name"), u.c("age")}));
    };
    CASE("ddl.create_index.partial.001") {
        const auto& u = t("gc_users");
        return CreateIndex(Index("ix_gc_scratch_active", {u.c("name")},
                                 {.dialect_options = {{"postgresql_where", u.c("is_active") == true},
                                                      {"sqlite_where", u.c("is_active") == true}}}));
    };
    CASE("ddl.create_index.mysql_length.001") {
        const auto& o = t("gc_orders");
        return CreateIndex(
            Index("ix_gc_scratch_note", {o.c("note")}, {.dialect_options = {{"mysql_length", ColumnLengths{{"note", 20}}}}}));
    };
    CASE("ddl.drop.table.001") { return DropTable(t("gc_users")); };
    CASE("ddl.drop.table_if_exists.001") { return DropTable(t("gc_order_items"), {.if_exists = true}); };
    CASE("ddl.type.integer.001") { return one_column_table("gc_t_integer", Integer{}); };
    CASE("ddl.type.biginteger.001") { return one_column_table("gc_t_biginteger", BigInteger{}); };
    CASE("ddl.type.string_nolength.001") { return one_column_table("gc_t_string_nolength", String{}); };
    CASE("ddl.type.text.001") { return one_column_table("gc_t_text", Text{}); };
    CASE("ddl.type.unicode.001") { return one_column_table("gc_t_unicode", Unicode{30}); };
    CASE("ddl.type.boolean.001") { return one_column_table("gc_t_boolean", Boolean{}); };
    CASE("ddl.type.boolean_constraint.001") {
        return one_column_table("gc_t_boolean_constraint", Boolean{.create_constraint = true, .name = "ck_gc_t_boolean_v"});
    };
    CASE("ddl.type.time.001") { return one_column_table("gc_t_time", Time{}); };
    CASE("ddl.type.numeric.001") { return one_column_table("gc_t_numeric", Numeric{10, 2}); };
    CASE("ddl.type.numeric_noargs.001") { return one_column_table("gc_t_numeric_noargs", Numeric{}); };
    CASE("ddl.type.float.001") { return one_column_table("gc_t_float", Float{}); };
    CASE("ddl.type.float_precision.001") { return one_column_table("gc_t_float_precision", Float{53}); };
    CASE("ddl.type.largebinary.001") { return one_column_table("gc_t_largebinary", LargeBinary{}); };
    CASE("ddl.type.enum_non_native.001") {
        return one_column_table("gc_t_enum_non_native", Enum{.values = {"small", "medium", "large"},
                                                             .name = "gc_size2",
                                                             .native_enum = false,
                                                             .create_constraint = true});
    };
    CASE("ddl.type.pickletype.001") { return one_column_table("gc_t_pickletype", decorate<PickleType>()); };
    CASE("ddl.type.pg_uuid.001") { return one_column_table("gc_t_pg_uuid", postgresql::UUID{}); };
    CASE("ddl.column.server_defaults.001") {
        MetaData metadata;
        Table d(metadata, "gc_t_defaults", Column{"id", Integer{}, primary_key},
                Column{"n", Integer{}, not_null, server_default(text("7"))},
                Column{"s", String{10}, server_default("it's")},
                Column{"ts", DateTime{}, server_default(func("now"))},
                Column{"flag", Boolean{}, server_default(false_())});
        return CreateTable(d);
    };
    CASE("ddl.column.composite_fk.001") {
        const auto& oi = t("gc_order_items");
        MetaData metadata;
        Table fk(metadata, "gc_t_fk", Column{"order_id", Integer{}, primary_key, comment("line reference")},
                 Column{"item_id", Integer{}, primary_key},
                 ForeignKeyConstraint({"order_id", "item_id"}, {oi.c("order_id"), oi.c("item_id")},
                                      {.name = "fk_gc_t_fk_line", .ondelete = "CASCADE", .onupdate = "CASCADE"}));
        return CreateTable(fk);
    };
#undef CASE
}

}  // namespace sqla::corpus
