// sqla: tests/corpus/corpus_dml_cases.cpp. The corpus's dml.insert, dml.update and dml.delete cases
// written with sqla's API, one builder per case id (the construct of cases.jsonl).
// SPDX-License-Identifier: MIT
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

import sqla;

#include "corpus_dml_cases.hpp"

namespace sqla::corpus {

namespace {

Bytes bytes(std::initializer_list<unsigned char> b) {
    Bytes out;
    for (auto c : b) out.push_back(static_cast<decltype(out)::value_type>(c));
    return out;
}

}  // namespace

void dml_builders(std::map<std::string, DMLBuilder>& b) {
#define CASE(id) b[id] = [](const TableLookup& t) -> Executable
    // ---- INSERT
    CASE("dml.insert.single_values.001") {
        return insert(t("gc_keywords")).values({{"id", 100}, {"word", "zeta"}, {"group", "misc"}});
    };
    CASE("dml.insert.autoincrement.001") { return insert(t("gc_keywords")).values({{"word", "omega"}}); };
    CASE("dml.insert.server_defaults.001") {
        // A date travels as its ISO text, as SQLite's driver sends it.
        return insert(t("gc_orders")).values({{"id", 100}, {"user_id", 9}, {"order_date", "2024-04-01"}});
    };
    CASE("dml.insert.multi_values.001") {
        return insert(t("gc_keywords"))
            .values(std::vector<ValuesRow>{{{"id", 101}, {"word", "alpha"}, {"group", std::nullopt}},
                                           {{"id", 102}, {"word", "beta"}, {"group", "greek"}}});
    };
    CASE("dml.insert.multi_values.002") {
        return insert(t("gc_counters"))
            .values(std::vector<ValuesRow>{
                {{"hits", 1}, {"label", "a"}}, {{"hits", 2}, {"label", "b"}}, {{"hits", 3}, {"label", "c"}}});
    };
    CASE("dml.insert.executemany.001") { return insert(t("gc_keywords")); };
    CASE("dml.insert.from_select.001") {
        const auto& u = t("gc_users");
        return insert(t("gc_keywords"))
            .from_select({"id", "word"}, select(u.c("id") + 100, u.c("name")).where(u.c("id") <= 3));
    };
    CASE("dml.insert.from_select.002") {
        const auto& i = t("gc_items");
        return insert(t("gc_item_keywords"))
            .from_select({"item_id", "keyword_id"}, select(i.c("id"), literal(5)).where(i.c("stock") < 0));
    };
    CASE("dml.insert.sql_expression_value.001") {
        return insert(t("gc_keywords")).values({{"id", 103}, {"word", func("upper", {"up"})}});
    };
    CASE("dml.insert.scalar_subquery_value.001") {
        const auto& k = t("gc_keywords");
        return insert(k).values({{"id", select(func("max", {k.c("id")}) + 1).scalar_subquery()}, {"word", "next"}});
    };
    CASE("dml.insert.binary_time.001") {
        return insert(t("gc_EventLog"))
            .values({{"id", std::int64_t{5000000100}},
                     {"user_id", 3},
                     {"event_time", "07:30:15"},
                     {"occurred_at", "2024-04-01T07:30:15"},
                     {"level", 2},
                     {"message", "bytes"},
                     {"payload", bytes({0x00, 0x01, 0xfe, 0xff})},
                     {"score", 1.5}});
    };
    CASE("dml.insert.bigint_autoincrement.001") {
        return insert(t("gc_EventLog"))
            .values({{"event_time", "01:02:03"}, {"occurred_at", "2024-04-02T01:02:03"}, {"level", 0}});
    };
    CASE("dml.insert.reserved_word_column.001") {
        return insert(t("gc_order_items"))
            .values({{"order_id", 4}, {"item_id", 12}, {"order", 3}, {"quantity", 2}, {"unit_price", "99.99"}});
    };
    CASE("dml.insert.unique_violation.001") { return insert(t("gc_keywords")).values({{"id", 120}, {"word", "red"}}); };
    CASE("dml.insert.check_violation.001") {
        return insert(t("gc_order_items"))
            .values({{"order_id", 4}, {"item_id", 12}, {"order", 3}, {"quantity", 0}, {"unit_price", 1}});
    };

    // ---- UPDATE
    CASE("dml.update.where.001") {
        const auto& u = t("gc_users");
        return update(u).where(u.c("id") == 2).values({{"age", 46}});
    };
    CASE("dml.update.expression.001") {
        const auto& i = t("gc_items");
        return update(i).where(i.c("stock") > 0).values({{"stock", i.c("stock") - 1}});
    };
    CASE("dml.update.from.001") {
        const auto& o = t("gc_orders");
        const auto& u = t("gc_users");
        return update(o)
            .where(o.c("user_id") == u.c("id"))
            .where({u.c("name") == "bob", o.c("status") == "new"})
            .values({{"status", "paid"}});
    };
    CASE("dml.update.returning.001") {
        const auto& i = t("gc_items");
        return update(i).where(i.c("id") == 3).values({{"stock", i.c("stock") + 5}}).returning(i.c("id"), i.c("stock"));
    };
    CASE("dml.update.case_value.001") {
        const auto& o = t("gc_orders");
        return update(o)
            .where(o.c("status") == "new")
            .values({{"status", case_({{o.c("total").is_(std::nullopt), "cancelled"}}, "paid")}});
    };
    CASE("dml.update.executemany.001") {
        const auto& i = t("gc_items");
        return update(i).where(i.c("id") == bindparam("b_id")).values({{"stock", bindparam("b_stock")}});
    };
    CASE("dml.update.ordered_values.001") {
        const auto& i = t("gc_items");
        return update(i).where(i.c("id") == 5).ordered_values({{i.c("price"), i.c("price") * 2}, {i.c("stock"), 0}});
    };
    CASE("dml.update.check_violation.001") {
        const auto& i = t("gc_items");
        return update(i).where(i.c("id") == 1).values({{"price", -1}});
    };
    CASE("dml.update.unicode.001") {
        const auto& i = t("gc_items");
        return update(i).where(i.c("sku") == "SKU-001").values({{"title", "\u00dcmlaut \u2713 \u5de5\u5177"}});
    };
    CASE("dml.update.self_subquery.001") {
        const auto& i = t("gc_items");
        return update(i)
            .where(i.c("price") > select(func("avg", {i.c("price")})).scalar_subquery())
            .values({{"stock", 0}});
    };
    CASE("dml.update.mixed_case_table.001") {
        const auto& e = t("gc_EventLog");
        return update(e).where(e.c("level") < 0).values({{"level", 0}, {"payload", bytes({0xab, 0xcd})}});
    };
    CASE("dml.update.no_match.001") {
        const auto& u = t("gc_users");
        return update(u).where(u.c("id") == 999).values({{"age", 1}});
    };

    // ---- DELETE
    CASE("dml.delete.where.001") {
        const auto& ik = t("gc_item_keywords");
        return delete_(ik).where(ik.c("keyword_id") == 4);
    };
    CASE("dml.delete.in_subquery.001") {
        const auto& a = t("gc_addresses");
        const auto& u = t("gc_users");
        return delete_(a).where(a.c("user_id").in_(select(u.c("id")).where(u.c("is_active") == false).scalar_subquery()));
    };
    CASE("dml.delete.cascade.001") {
        const auto& o = t("gc_orders");
        return delete_(o).where(o.c("id") == 1);
    };
    CASE("dml.delete.restrict_violation.001") {
        const auto& i = t("gc_items");
        return delete_(i).where(i.c("id") == 1);
    };
    CASE("dml.delete.set_null.001") {
        const auto& u = t("gc_users");
        return delete_(u).where(u.c("id") == 12);
    };
    CASE("dml.delete.returning.001") {
        const auto& k = t("gc_keywords");
        return delete_(k).where(k.c("id") == 6).returning(k.c("id"), k.c("word"));
    };
    CASE("dml.delete.using.001") {
        const auto& oi = t("gc_order_items");
        const auto& o = t("gc_orders");
        return delete_(oi).where(oi.c("order_id") == o.c("id")).where(o.c("status") == "cancelled");
    };
    CASE("dml.delete.mixed_case_table.001") {
        const auto& e = t("gc_EventLog");
        return delete_(e).where(e.c("user_id").is_(std::nullopt));
    };
    CASE("dml.delete.in_list.001") {
        const auto& c = t("gc_counters");
        return delete_(c).where(c.c("id").in_({1, 3}));
    };
    CASE("dml.delete.self_subquery.001") {
        const auto& o = t("gc_orders");
        return delete_(o).where(o.c("total") < select(func("avg", {o.c("total")})).scalar_subquery());
    };
    // ---- upserts
    CASE("dml.upsert.pg_do_update.001") {
        const auto& k = t("gc_keywords");
        auto stmt = insert(k).values({{"id", 2}, {"word", "navy"}, {"group", "color"}});
        return stmt.on_conflict_do_update({.index_expressions = {k.c("id")}, .set = {{"word", stmt.excluded().c("word")}}});
    };
    CASE("dml.upsert.pg_do_update_returning.001") {
        const auto& i = t("gc_items");
        auto stmt = insert(i).values(std::vector<ValuesRow>{
            {{"id", 1}, {"sku", "SKU-001"}, {"title", "Widget"}, {"price", Decimal("9.99")}, {"stock", 5}},
            {{"id", 13}, {"sku", "SKU-013"}, {"title", "New"}, {"price", Decimal("1.00")}, {"stock", 1}}});
        return stmt
            .on_conflict_do_update(
                {.index_elements = {"id"}, .set = {{"stock", i.c("stock") + stmt.excluded().c("stock")}}})
            .returning(i.c("id"), i.c("stock"));
    };
    CASE("dml.upsert.mysql_on_duplicate.001") {
        auto stmt = insert(t("gc_keywords")).values({{"id", 2}, {"word", "navy"}, {"group", "color"}});
        return stmt.on_duplicate_key_update({{"word", stmt.inserted().c("word")}});
    };
    CASE("dml.upsert.mysql_on_duplicate_expression.001") {
        const auto& i = t("gc_items");
        auto stmt = insert(i).values(
            {{"id", 1}, {"sku", "SKU-001"}, {"title", "Widget"}, {"price", Decimal("9.99")}, {"stock", 5}});
        return stmt.on_duplicate_key_update({{"stock", i.c("stock") + stmt.inserted().c("stock")}});
    };
    CASE("dml.upsert.sqlite_do_update.001") {
        auto stmt = insert(t("gc_keywords")).values({{"id", 2}, {"word", "navy"}, {"group", "color"}});
        return stmt.on_conflict_do_update({.index_elements = {"id"}, .set = {{"word", stmt.excluded().c("word")}}});
    };
    CASE("dml.upsert.sqlite_do_update_where.001") {
        const auto& i = t("gc_items");
        auto stmt = insert(i).values(
            {{"id", 4}, {"sku", "SKU-004"}, {"title", "Screwdriver"}, {"price", Decimal("12.00")}, {"stock", 3}});
        return stmt.on_conflict_do_update({.index_elements = {"id"},
                                           .set = {{"stock", stmt.excluded().c("stock")}, {"title", stmt.excluded().c("title")}},
                                           .where = i.c("stock") < 0});
    };
#undef CASE
}

}  // namespace sqla::corpus
