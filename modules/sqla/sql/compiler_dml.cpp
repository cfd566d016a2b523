// sqla: sql/compiler_dml.cpp. SQLCompiler's INSERT, UPDATE and DELETE (SQLAlchemy's visit_insert,
// visit_update, visit_delete and crud.py), split from compiler.cpp as DuckDB splits by statement.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

module sqla;

namespace sqla {

namespace {

// The tables an expression's columns belong to, outside subqueries (SQLAlchemy's _from_objects).
void dml_froms(const ClauseElement& e, std::vector<const FromClauseNode*>& out) {
    auto add = [&](const FromClauseNode* f) {
        if (f && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    };
    switch (e.kind()) {
        case ElementKind::column: add(static_cast<const ColumnClauseNode&>(e).table()); break;
        case ElementKind::label: dml_froms(static_cast<const LabelNode&>(e).element(), out); break;
        case ElementKind::unary: dml_froms(static_cast<const UnaryNode&>(e).element(), out); break;
        case ElementKind::grouping: dml_froms(static_cast<const GroupingNode&>(e).element(), out); break;
        case ElementKind::binary: {
            const auto& b = static_cast<const BinaryNode&>(e);
            dml_froms(b.left(), out);
            dml_froms(b.right(), out);
            break;
        }
        case ElementKind::clause_list:
            for (const auto& c : static_cast<const ClauseListNode&>(e).clauses()) dml_froms(*c, out);
            break;
        case ElementKind::function:
            for (const auto& a : static_cast<const FunctionNode&>(e).args()) dml_froms(*a, out);
            break;
        default: break;
    }
}

const DMLValue* find_value(std::span<const DMLValue> values, std::string_view key) {
    for (const auto& v : values)
        if (v.key == key) return &v;
    return nullptr;
}

bool has_key(const std::optional<std::vector<std::string>>& keys, std::string_view key) {
    return keys && std::find(keys->begin(), keys->end(), key) != keys->end();
}

void check_consumed(const FromClauseNode& table, std::span<const DMLValue> values) {
    std::string unconsumed;
    for (const auto& v : values) {
        if (table.find_column(v.key)) continue;
        if (!unconsumed.empty()) unconsumed += ", ";
        unconsumed += v.key;
    }
    if (!unconsumed.empty())
        throw CompileError("Unconsumed column names: " + unconsumed + " (not columns of table " +
                           table.description() + ")");
}

// What a DML statement sets: a column, and its value (nullptr: a bound parameter named after
// the column key, whose value the execution gives).
struct Assignment {
    const ColumnClauseNode* column;
    const ColumnElementNode* value;
};

// The columns an INSERT or UPDATE sets, in the table's order (SQLAlchemy's crud params): those
// with statement values, and those the execution's parameters name; every column when compiled
// with neither.
std::vector<Assignment> assignments(const FromClauseNode& table, std::span<const DMLValue> values,
                                    const std::optional<std::vector<std::string>>& column_keys) {
    check_consumed(table, values);
    std::vector<Assignment> out;
    for (const auto& column : table.columns()) {
        if (const auto* v = find_value(values, column->key()))
            out.push_back({column.get(), v->value.get()});
        else if ((!column_keys && values.empty()) || has_key(column_keys, column->key()))
            out.push_back({column.get(), nullptr});
    }
    return out;
}

// A value in VALUES or SET, parenthesised as SQLAlchemy's `self_group()` does (`stock=(stock - ?)`).
bool needs_group(const ColumnElementNode& value) {
    if (value.kind() == ElementKind::binary) return true;
    if (value.kind() == ElementKind::clause_list) {
        const auto& list = static_cast<const ClauseListNode&>(value);
        return (list.op() == Operator::and_ || list.op() == Operator::or_) && list.clauses().size() > 1;
    }
    return false;
}

// Whether `value`, set for `column`, is the bound parameter values() made for a C++ value
// (SQLAlchemy's crud parameter, named after the column key).
bool is_crud_bind(const ColumnClauseNode& column, const ColumnElementNode& value) {
    if (value.kind() != ElementKind::bind_param) return false;
    const auto& bind = static_cast<const BindParamNode&>(value);
    return !bind.unique() && !bind.expanding() && bind.key() == column.key() && bind.value().has_value();
}

// A crud parameter takes its column key as its name; another parameter of that name elsewhere
// in the statement would silently share its value, so SQLAlchemy refuses it.
void check_crud_names(std::span<const BindSlot> binds, const std::vector<std::size_t>& crud) {
    for (std::size_t i = 0; i < binds.size(); ++i) {
        if (std::find(crud.begin(), crud.end(), i) != crud.end()) continue;
        for (std::size_t c : crud)
            if (binds[c].name == binds[i].name)
                throw CompileError("bindparam() name '" + binds[i].name +
                                   "' is reserved for automatic usage in the VALUES or SET clause of this "
                                   "insert/update statement. Please use a name other than column name when using "
                                   "bindparam() with insert() or update() (for example, 'b_" + binds[i].name + "').");
    }
}

}  // namespace

void SQLCompiler::visit_insert(const InsertNode& insert) {
    const auto& p = insert.parts();
    const FromClauseNode& table = *p.table;
    out_ += "INSERT INTO ";
    process(table);

    if (p.select) {
        out_ += " (";
        for (std::size_t i = 0; i < p.select_columns.size(); ++i) {
            if (i) out_ += ", ";
            out_ += preparer_.quote(table.find_column(p.select_columns[i])->name());
        }
        out_ += ") ";
        // The SELECT renders as a statement of its own (its labels shown), but its columns are
        // not this statement's result.
        process(*p.select);
        result_columns_.clear();
        column_names_.clear();
        ++select_depth_;
        if (!p.returning.empty()) returning_clause(p.returning, "INSERT");
        --select_depth_;
        return;
    }

    ++select_depth_;
    std::vector<std::size_t> crud;
    auto value = [&](const Assignment& a) {
        if (!a.value || is_crud_bind(*a.column, *a.value)) crud.push_back(binds_.size());
        if (!a.value) {
            bind_param(a.column->key());
        } else if (needs_group(*a.value)) {
            out_ += '(';
            process(*a.value);
            out_ += ')';
        } else {
            process(*a.value);
        }
    };
    if (p.multi) {
        if (!capabilities_.supports_multivalues_insert)
            throw CompileError("this dialect does not support in-place multirow inserts (INSERT INTO " +
                               table.description() + " with " + std::to_string(p.rows.size()) + " rows of values)");
        // The first row decides the columns; every row has them (values() checked).
        std::vector<std::vector<Assignment>> rows;
        for (const auto& row : p.rows) rows.push_back(assignments(table, row, std::nullopt));
        out_ += " (";
        for (std::size_t i = 0; i < rows.front().size(); ++i) {
            if (i) out_ += ", ";
            out_ += preparer_.quote(rows.front()[i].column->name());
        }
        out_ += ") VALUES ";
        for (std::size_t r = 0; r < rows.size(); ++r) {
            out_ += r ? ", (" : "(";
            for (std::size_t i = 0; i < rows[r].size(); ++i) {
                if (i) out_ += ", ";
                value(rows[r][i]);
            }
            out_ += ')';
        }
    } else {
        std::span<const DMLValue> values;
        if (!p.rows.empty()) values = p.rows.front();
        const auto set = assignments(table, values, column_keys_);
        if (set.empty()) {
            if (capabilities_.supports_default_values) {
                out_ += " DEFAULT VALUES";
            } else if (capabilities_.supports_empty_insert) {
                out_ += " () VALUES ()";
            } else {
                throw CompileError("this dialect does not support empty inserts (INSERT INTO " + table.description() +
                                   " with no values)");
            }
        } else {
            out_ += " (";
            for (std::size_t i = 0; i < set.size(); ++i) {
                if (i) out_ += ", ";
                out_ += preparer_.quote(set[i].column->name());
            }
            out_ += ") VALUES (";
            for (std::size_t i = 0; i < set.size(); ++i) {
                if (i) out_ += ", ";
                value(set[i]);
            }
            out_ += ')';
        }
    }
    if (!p.returning.empty()) returning_clause(p.returning, "INSERT");
    check_crud_names(binds_, crud);
    --select_depth_;
}

void SQLCompiler::visit_update(const UpdateNode& update) {
    const auto& p = update.parts();
    const FromClauseNode& table = *p.table;
    out_ += "UPDATE ";
    process(table);

    std::vector<Assignment> set;
    if (p.ordered) {
        // ordered_values(): the given order, then columns the execution adds, in table order.
        check_consumed(table, p.values);
        for (const auto& v : p.values) set.push_back({table.find_column(v.key), v.value.get()});
        for (const auto& column : table.columns())
            if (!find_value(p.values, column->key()) && has_key(column_keys_, column->key()))
                set.push_back({column.get(), nullptr});
    } else {
        set = assignments(table, p.values, column_keys_);
    }
    if (set.empty())
        throw CompileError("UPDATE of " + table.description() +
                           " has no SET values: give values() or execution parameters named after columns");

    ++select_depth_;
    enclosing_froms_.push_back({&table});
    out_ += " SET ";
    std::vector<std::size_t> crud;
    for (std::size_t i = 0; i < set.size(); ++i) {
        if (i) out_ += ", ";
        out_ += preparer_.quote(set[i].column->name());
        out_ += '=';
        if (!set[i].value || is_crud_bind(*set[i].column, *set[i].value)) crud.push_back(binds_.size());
        if (!set[i].value) {
            bind_param(set[i].column->key());
        } else if (needs_group(*set[i].value)) {
            out_ += '(';
            process(*set[i].value);
            out_ += ')';
        } else {
            process(*set[i].value);
        }
    }
    std::vector<const FromClauseNode*> froms;
    for (const auto& w : p.where) dml_froms(*w, froms);
    std::erase(froms, &table);
    if (!froms.empty()) update_from_clause(update, froms);
    if (!p.where.empty()) {
        out_ += " WHERE ";
        criteria(p.where);
    }
    if (!p.returning.empty()) returning_clause(p.returning, "UPDATE");
    check_crud_names(binds_, crud);
    enclosing_froms_.pop_back();
    --select_depth_;
}

void SQLCompiler::visit_delete(const DeleteNode& del) {
    const auto& p = del.parts();
    const FromClauseNode& table = *p.table;
    out_ += "DELETE FROM ";
    process(table);
    ++select_depth_;
    enclosing_froms_.push_back({&table});
    std::vector<const FromClauseNode*> froms;
    for (const auto& w : p.where) dml_froms(*w, froms);
    std::erase(froms, &table);
    if (!froms.empty()) delete_extra_from_clause(del, froms);
    if (!p.where.empty()) {
        out_ += " WHERE ";
        criteria(p.where);
    }
    if (!p.returning.empty()) returning_clause(p.returning, "DELETE");
    enclosing_froms_.pop_back();
    --select_depth_;
}

void SQLCompiler::returning_clause(std::span<const ColumnElementPtr> columns, std::string_view what) {
    if (!capabilities_.supports_returning)
        throw CompileError("RETURNING is not supported by this dialect's statement compiler (" + std::string(what) +
                           " ... RETURNING)");
    out_ += " RETURNING ";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out_ += ", ";
        const auto& c = *columns[i];
        in_columns_clause_ = true;
        process(c);
        in_columns_clause_ = false;
        std::string name;
        if (c.kind() == ElementKind::label) {
            const auto& label = static_cast<const LabelNode&>(c);
            name = label.name() ? *label.name() : anonymous_name(&label, label.anonymous_base());
        } else if (auto n = c.result_name()) {
            name = std::string(*n);
        } else {
            name = anonymous_name(&c, "anon");
            out_ += " AS ";
            out_ += preparer_.quote(name);
        }
        result_columns_.push_back(ResultColumn{std::move(name), c.type()});
    }
}

void SQLCompiler::update_from_clause(const UpdateNode&, std::span<const FromClauseNode* const> extra) {
    throw CompileError("This backend does not support multiple-table criteria within UPDATE (the WHERE names " +
                       extra.front()->description() + ")");
}

void SQLCompiler::delete_extra_from_clause(const DeleteNode&, std::span<const FromClauseNode* const> extra) {
    throw CompileError("This backend does not support multiple-table criteria within DELETE (the WHERE names " +
                       extra.front()->description() + ")");
}

}  // namespace sqla
