// sqla: sql/dml.cpp. INSERT, UPDATE and DELETE nodes, their cache keys and generative handles.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

module sqla;

namespace sqla {

namespace {

void add_list(CacheKey& k, std::string_view name, const std::vector<ColumnElementPtr>& list) {
    if (list.empty()) return;
    k.key += " (";
    k.key += name;
    for (const auto& e : list) {
        k.key += ' ';
        e->append_cache_key(k);
    }
    k.key += ')';
}

void add_values(CacheKey& k, const std::vector<DMLValue>& values) {
    k.key += " (values";
    for (const auto& v : values) {
        k.key += ' ';
        k.add_text(v.key);
        k.key += '=';
        v.value->append_cache_key(k);
    }
    k.key += ')';
}

std::shared_ptr<const FromClauseNode> dml_table(const FromClause& table, std::string_view what) {
    if (table.node().kind() != ElementKind::table)
        throw ArgumentError(std::string(what) + "() needs a table, not " + table.node().description());
    return table.node_ptr();
}

// The value for column `key` of `table`: an expression as is, a C++ value as a bound parameter
// named `bind_name`, typed as the column.
DMLValue make_value(const FromClauseNode& table, std::string key, const ValueOrExpression& v, std::string bind_name) {
    if (v.expression()) return DMLValue{std::move(key), v.expression()};
    const auto* column = table.find_column(key);
    TypeEngine type = column ? column->type() : TypeEngine{};
    return DMLValue{std::move(key), std::make_shared<BindParamNode>(std::move(bind_name), v.value(), type, false)};
}

void merge_values(std::vector<DMLValue>& into, std::vector<DMLValue> added) {
    for (auto& v : added) {
        auto it = std::find_if(into.begin(), into.end(), [&](const DMLValue& e) { return e.key == v.key; });
        if (it != into.end())
            *it = std::move(v);
        else
            into.push_back(std::move(v));
    }
}

std::vector<ColumnElementPtr> nodes(std::initializer_list<ColumnElement> list) {
    std::vector<ColumnElementPtr> out;
    out.reserve(list.size());
    for (const auto& e : list) out.push_back(e.node_ptr());
    return out;
}

}  // namespace

// ---- nodes ---------------------------------------------------------------------------------

InsertNode::InsertNode(InsertParts parts) : ClauseElement(ElementKind::insert), parts_(std::move(parts)) {}
InsertNode::~InsertNode() = default;

void InsertNode::append_cache_key(CacheKey& k) const {
    k.key += "(insert ";
    parts_.table->append_cache_key(k);
    append_prefixes_cache_key(k, " prefix:", parts_.prefixes);
    if (parts_.multi) k.key += " multi";
    for (const auto& row : parts_.rows) add_values(k, row);
    if (parts_.select) {
        k.key += " (from_select";
        for (const auto& c : parts_.select_columns) {
            k.key += ' ';
            k.add_text(c);
        }
        k.key += ' ';
        parts_.select->append_cache_key(k);
        k.key += ')';
    }
    add_list(k, "returning", parts_.returning);
    if (parts_.sort_by_parameter_order) k.key += " sorted";
    if (const auto& oc = parts_.on_conflict) {
        k.key += oc->update ? " (on_conflict_update" : " (on_conflict_nothing";
        for (const auto& c : oc->index_columns) {
            k.key += ' ';
            k.add_text(c);
        }
        add_list(k, "index", oc->index_expressions);
        if (oc->constraint) {
            k.key += " constraint ";
            k.add_text(*oc->constraint);
        }
        if (oc->index_where) add_list(k, "index_where", {oc->index_where});
        add_values(k, oc->set);
        if (oc->where) add_list(k, "where", {oc->where});
        k.key += ')';
    }
    if (!parts_.on_duplicate.empty()) {
        k.key += " (on_duplicate";
        add_values(k, parts_.on_duplicate);
        k.key += ')';
    }
    k.key += ')';
}

UpdateNode::UpdateNode(UpdateParts parts) : ClauseElement(ElementKind::update), parts_(std::move(parts)) {}
UpdateNode::~UpdateNode() = default;

void UpdateNode::append_cache_key(CacheKey& k) const {
    k.key += "(update ";
    parts_.table->append_cache_key(k);
    append_prefixes_cache_key(k, " prefix:", parts_.prefixes);
    if (parts_.mysql_limit) k.key += " mysql_limit:" + std::to_string(*parts_.mysql_limit);
    if (parts_.ordered) k.key += " ordered";
    add_values(k, parts_.values);
    add_list(k, "where", parts_.where);
    add_list(k, "returning", parts_.returning);
    k.key += ')';
}

DeleteNode::DeleteNode(DeleteParts parts) : ClauseElement(ElementKind::delete_), parts_(std::move(parts)) {}
DeleteNode::~DeleteNode() = default;

void DeleteNode::append_cache_key(CacheKey& k) const {
    k.key += "(delete ";
    parts_.table->append_cache_key(k);
    append_prefixes_cache_key(k, " prefix:", parts_.prefixes);
    if (parts_.mysql_limit) k.key += " mysql_limit:" + std::to_string(*parts_.mysql_limit);
    add_list(k, "where", parts_.where);
    add_list(k, "returning", parts_.returning);
    k.key += ')';
}

// ---- handles -------------------------------------------------------------------------------

Insert insert(const FromClause& table) {
    InsertParts p;
    p.table = dml_table(table, "insert");
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

Insert Insert::values(std::initializer_list<std::pair<std::string, ValueOrExpression>> row) const {
    return values(ValuesRow(row));
}

Insert Insert::values(const ValuesRow& row) const {
    InsertParts p = parts();
    if (p.select) throw ArgumentError("this INSERT has from_select(); it cannot also have values()");
    if (p.multi) throw ArgumentError("this INSERT has multi-row values(); it cannot add single-row values()");
    std::vector<DMLValue> added;
    for (const auto& [key, v] : row) added.push_back(make_value(*p.table, key, v, key));
    if (p.rows.empty()) p.rows.emplace_back();
    merge_values(p.rows.front(), std::move(added));
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

Insert Insert::values(const std::vector<ValuesRow>& rows) const {
    InsertParts p = parts();
    if (p.select) throw ArgumentError("this INSERT has from_select(); it cannot also have values()");
    if (rows.empty()) throw ArgumentError("multi-row values() needs at least one row");
    if (!p.rows.empty()) throw ArgumentError("this INSERT already has values(); multi-row values() replaces none");
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        if (row.size() != rows.front().size())
            throw ArgumentError("multi-row values(): row " + std::to_string(r) + " has " + std::to_string(row.size()) +
                                " values, the first row " + std::to_string(rows.front().size()));
        std::vector<DMLValue> out;
        for (const auto& [key, v] : row) {
            const bool in_first = std::any_of(rows.front().begin(), rows.front().end(),
                                              [&](const auto& e) { return e.first == key; });
            if (!in_first)
                throw ArgumentError("multi-row values(): row " + std::to_string(r) + " has column \"" + key +
                                    "\", which the first row lacks");
            out.push_back(make_value(*p.table, key, v, key + "_m" + std::to_string(r)));
        }
        p.rows.push_back(std::move(out));
    }
    p.multi = true;
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

Insert Insert::from_select(std::vector<std::string> columns, const Select& select) const {
    InsertParts p = parts();
    if (!p.rows.empty()) throw ArgumentError("this INSERT has values(); it cannot also have from_select()");
    for (const auto& c : columns)
        if (!p.table->find_column(c))
            throw ArgumentError("from_select(): no column \"" + c + "\" in table " + p.table->description());
    p.select_columns = std::move(columns);
    p.select = std::static_pointer_cast<const SelectNode>(select.element_ptr());
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

Insert Insert::prefix_with(std::string text, std::optional<std::string> dialect) const {
    InsertParts p = parts();
    p.prefixes.push_back({std::move(text), std::move(dialect)});
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

Insert Insert::returning(std::initializer_list<ColumnElement> columns) const { return returning(columns, {}); }

Insert Insert::returning(std::initializer_list<ColumnElement> columns, ReturningOptions options) const {
    InsertParts p = parts();
    for (auto& c : nodes(columns)) p.returning.push_back(std::move(c));
    p.sort_by_parameter_order = p.sort_by_parameter_order || options.sort_by_parameter_order;
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

namespace {
// An upsert's SET value: an expression as is, a C++ value as an anonymous parameter typed as
// the column (SQLAlchemy's BindParameter(None, value)).
std::vector<DMLValue> upsert_set(const FromClauseNode& table, const std::vector<std::pair<std::string, ValueOrExpression>>& set) {
    std::vector<DMLValue> out;
    for (const auto& [key, v] : set) {
        const auto* column = table.find_column(key);
        if (!column)
            throw ArgumentError("upsert SET names \"" + key + "\", which is not a column of " + table.description());
        if (v.expression())
            out.push_back(DMLValue{key, v.expression()});
        else
            out.push_back(DMLValue{key, std::make_shared<BindParamNode>("param", v.value(), column->type(), true)});
    }
    return out;
}

OnConflict conflict_target(const FromClauseNode& table, std::vector<std::string> columns,
                           const std::vector<ColumnElement>& expressions, std::optional<std::string> constraint,
                           const std::optional<ColumnElement>& index_where) {
    OnConflict oc;
    for (const auto& c : columns)
        if (!table.find_column(c))
            throw ArgumentError("ON CONFLICT names \"" + c + "\", which is not a column of " + table.description());
    oc.index_columns = std::move(columns);
    for (const auto& e : expressions) oc.index_expressions.push_back(e.node_ptr());
    oc.constraint = std::move(constraint);
    if (index_where) oc.index_where = index_where->node_ptr();
    return oc;
}
}  // namespace

Insert Insert::on_conflict_do_nothing(ConflictTarget target) const {
    InsertParts p = parts();
    p.on_conflict = conflict_target(*p.table, std::move(target.index_elements), target.index_expressions,
                                    std::move(target.constraint), target.index_where);
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

Insert Insert::on_conflict_do_update(ConflictUpdate update) const {
    InsertParts p = parts();
    if (update.index_elements.empty() && update.index_expressions.empty() && !update.constraint)
        throw ArgumentError("on_conflict_do_update() needs a conflict target: index_elements or constraint");
    if (update.set.empty()) throw ArgumentError("on_conflict_do_update() needs values to set");
    auto oc = conflict_target(*p.table, std::move(update.index_elements), update.index_expressions,
                              std::move(update.constraint), update.index_where);
    oc.update = true;
    oc.set = upsert_set(*p.table, update.set);
    if (update.where) oc.where = update.where->node_ptr();
    p.on_conflict = std::move(oc);
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

FromClause Insert::excluded() const { return FromClause(parts().table).alias("excluded"); }

Insert Insert::on_duplicate_key_update(std::vector<std::pair<std::string, ValueOrExpression>> set) const {
    InsertParts p = parts();
    if (set.empty()) throw ArgumentError("on_duplicate_key_update() needs values to set");
    p.on_duplicate = upsert_set(*p.table, set);
    return Insert(std::make_shared<const InsertNode>(std::move(p)));
}

FromClause Insert::inserted() const { return FromClause(parts().table).alias("inserted"); }

Update update(const FromClause& table) {
    UpdateParts p;
    p.table = dml_table(table, "update");
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Update Update::prefix_with(std::string text, std::optional<std::string> dialect) const {
    UpdateParts p = parts();
    p.prefixes.push_back({std::move(text), std::move(dialect)});
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Update Update::mysql_limit(std::int64_t n) const {
    if (n < 0) throw ArgumentError("mysql_limit() takes a row count of 0 or more, not " + std::to_string(n));
    UpdateParts p = parts();
    p.mysql_limit = n;
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Update Update::where(std::initializer_list<ColumnElement> criteria) const {
    UpdateParts p = parts();
    if (criteria.size() != 0) p.where.push_back(and_(std::vector<ColumnElement>(criteria)).node_ptr());
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Update Update::values(std::initializer_list<std::pair<std::string, ValueOrExpression>> values) const {
    return this->values(ValuesRow(values));
}

Update Update::values(const ValuesRow& values) const {
    UpdateParts p = parts();
    std::vector<DMLValue> added;
    for (const auto& [key, v] : values) added.push_back(make_value(*p.table, key, v, key));
    merge_values(p.values, std::move(added));
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Update Update::values(std::initializer_list<std::pair<ColumnElement, ValueOrExpression>> values) const {
    UpdateParts p = parts();
    std::vector<DMLValue> added;
    for (const auto& [column, v] : values) {
        const auto& node = column.node();
        const auto* col = node.kind() == ElementKind::column ? static_cast<const ColumnClauseNode*>(&node) : nullptr;
        if (!col || !col->table())
            throw ArgumentError("values() keyed by column takes table columns; use ordered_values() or names otherwise");
        if (col->table() == p.table.get()) {
            added.push_back(make_value(*p.table, col->key(), v, col->key()));
            continue;
        }
        // Another table's column binds as <table>_<column>, as SQLAlchemy names it.
        const auto* t = col->table();
        std::string name = (t->kind() == ElementKind::table ? static_cast<const TableNode*>(t)->name() : t->description()) +
                           "_" + col->key();
        DMLValue value = make_value(*t, col->key(), v, name);
        value.key = name;
        value.column = column.node_ptr();
        added.push_back(std::move(value));
    }
    merge_values(p.values, std::move(added));
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Update Update::ordered_values(std::initializer_list<std::pair<ColumnElement, ValueOrExpression>> values) const {
    UpdateParts p = parts();
    std::vector<DMLValue> added;
    for (const auto& [column, v] : values) {
        const auto& node = column.node();
        if (node.kind() != ElementKind::column ||
            static_cast<const ColumnClauseNode&>(node).table() != p.table.get())
            throw ArgumentError("ordered_values() takes columns of the updated table " + p.table->description());
        const auto& key = static_cast<const ColumnClauseNode&>(node).key();
        added.push_back(make_value(*p.table, key, v, key));
    }
    merge_values(p.values, std::move(added));
    p.ordered = true;
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Update Update::returning(std::initializer_list<ColumnElement> columns) const {
    UpdateParts p = parts();
    for (auto& c : nodes(columns)) p.returning.push_back(std::move(c));
    return Update(std::make_shared<const UpdateNode>(std::move(p)));
}

Delete delete_(const FromClause& table) {
    DeleteParts p;
    p.table = dml_table(table, "delete");
    return Delete(std::make_shared<const DeleteNode>(std::move(p)));
}

Delete Delete::prefix_with(std::string text, std::optional<std::string> dialect) const {
    DeleteParts p = parts();
    p.prefixes.push_back({std::move(text), std::move(dialect)});
    return Delete(std::make_shared<const DeleteNode>(std::move(p)));
}

Delete Delete::mysql_limit(std::int64_t n) const {
    if (n < 0) throw ArgumentError("mysql_limit() takes a row count of 0 or more, not " + std::to_string(n));
    DeleteParts p = parts();
    p.mysql_limit = n;
    return Delete(std::make_shared<const DeleteNode>(std::move(p)));
}

Delete Delete::where(std::initializer_list<ColumnElement> criteria) const {
    DeleteParts p = parts();
    if (criteria.size() != 0) p.where.push_back(and_(std::vector<ColumnElement>(criteria)).node_ptr());
    return Delete(std::make_shared<const DeleteNode>(std::move(p)));
}

Delete Delete::returning(std::initializer_list<ColumnElement> columns) const {
    DeleteParts p = parts();
    for (auto& c : nodes(columns)) p.returning.push_back(std::move(c));
    return Delete(std::make_shared<const DeleteNode>(std::move(p)));
}

// ---- execution parameters ------------------------------------------------------------------

namespace detail {

void set_column_keys(CacheKey& key, const ClauseElement& element, const Params* params) {
    const FromClauseNode* table = nullptr;
    if (element.kind() == ElementKind::insert) {
        const auto& p = static_cast<const InsertNode&>(element).parts();
        if (p.select || p.multi) return;  // their columns are fixed by the statement
        table = p.table.get();
    } else if (element.kind() == ElementKind::update) {
        table = static_cast<const UpdateNode&>(element).parts().table.get();
    } else {
        return;
    }
    std::vector<std::string> keys;
    if (params)
        for (const auto& [name, value] : *params) keys.push_back(name);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::string unconsumed;
    for (const auto& k : keys) {
        if (table->find_column(k)) continue;
        const bool is_bind = std::any_of(key.binds.begin(), key.binds.end(),
                                         [&](const BindParamNode* b) { return !b->unique() && b->key() == k; });
        if (is_bind) continue;
        if (!unconsumed.empty()) unconsumed += ", ";
        unconsumed += k;
    }
    if (!unconsumed.empty())
        throw CompileError("Unconsumed column names: " + unconsumed + " (parameters that are neither columns of " +
                           table->description() + " nor bound parameters of the statement)");
    key.key += " (column_keys";
    for (const auto& k : keys) {
        key.key += ' ';
        key.add_text(k);
    }
    key.key += ')';
    key.column_keys = std::move(keys);
}

}  // namespace detail

}  // namespace sqla
