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
    /// A client-side default (Column default_ / onupdate) that supplies the value when the
    /// execution gives none.
    const ColumnDefault* default_value = nullptr;
};

// The declared column behind a table's column node, if the table was declared with Table.
const Column* declared_column(const FromClauseNode& table, const ColumnClauseNode& column) {
    if (table.kind() != ElementKind::table) return nullptr;
    // The statement's table keeps its node, and its Table or MetaData keeps the declaration.
    const auto info = static_cast<const TableNode&>(table).schema_info();
    return info ? info->column(column.key()) : nullptr;
}

// The columns an INSERT or UPDATE sets, in the table's order (SQLAlchemy's crud params): those
// with statement values, and those the execution's parameters name; every column when compiled
// with neither.
// `defaults`: INSERT applies Column defaults, UPDATE onupdate values, to the columns nothing
// else sets (SQLAlchemy's crud._scan_cols), in table order.
enum class Defaults { none, insert, update };
std::vector<Assignment> assignments(const FromClauseNode& table, std::span<const DMLValue> values,
                                    const std::optional<std::vector<std::string>>& column_keys,
                                    Defaults defaults = Defaults::none) {
    check_consumed(table, values);
    std::vector<Assignment> out;
    for (const auto& column : table.columns()) {
        if (const auto* v = find_value(values, column->key())) {
            out.push_back({column.get(), v->value.get()});
            continue;
        }
        const Column* declared = defaults == Defaults::none ? nullptr : declared_column(table, *column);
        const auto* d = !declared                       ? nullptr
                        : defaults == Defaults::insert ? (declared->default_value() ? &*declared->default_value() : nullptr)
                                                       : (declared->onupdate() ? &*declared->onupdate() : nullptr);
        if ((!column_keys && values.empty()) || has_key(column_keys, column->key()))
            out.push_back({column.get(), nullptr, d});
        else if (d)
            out.push_back({column.get(), nullptr, d});
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

// The sentinel that puts an insertmanyvalues batch's RETURNING rows in parameter order: the
// primary key when every column of it is a parameter, else an autoincrement key the database
// assigns in VALUES order; nullopt when there is none (then each set runs on its own).
// `returning` receives the RETURNING list with the key columns it lacked appended.
std::optional<InsertManyValues::Sentinel> returning_sentinel(const Capabilities& capabilities,
                                                             const FromClauseNode& table,
                                                             std::span<const Assignment> set,
                                                             std::span<const ColumnElementPtr> given,
                                                             std::vector<ColumnElementPtr>& returning) {
    if (table.kind() != ElementKind::table) return std::nullopt;
    const auto info = static_cast<const TableNode&>(table).schema_info();
    if (!info || info->primary_key_columns().empty()) return std::nullopt;
    InsertManyValues::Sentinel sentinel;
    bool client_side = true;
    for (const Column* pk : info->primary_key_columns()) {
        const ColumnClauseNode* node = table.find_column(pk->key());
        auto it = std::find_if(set.begin(), set.end(), [&](const Assignment& a) { return a.column == node; });
        // A parameter: no value in the statement (the execution's), or a plain bindparam.
        if (it == set.end() || (it->value && it->value->kind() != ElementKind::bind_param) ||
            (it->default_value && it->default_value->kind() == ColumnDefault::Kind::expression))
            client_side = false;
    }
    const Column* autoincrement = info->autoincrement_column();
    if (!client_side) {
        const bool assigned_in_order = capabilities.insertmanyvalues_autoincrement_sentinel && autoincrement &&
                                       info->primary_key_columns().size() == 1 &&
                                       std::none_of(set.begin(), set.end(), [&](const Assignment& a) {
                                           return a.column == table.find_column(autoincrement->key());
                                       });
        if (!assigned_in_order) return std::nullopt;
    }
    returning.assign(given.begin(), given.end());
    for (const Column* pk : info->primary_key_columns()) {
        const ColumnClauseNode* node = table.find_column(pk->key());
        auto at = std::find_if(given.begin(), given.end(), [&](const ColumnElementPtr& c) { return c.get() == node; });
        if (at != given.end()) {
            sentinel.columns.push_back(static_cast<std::size_t>(at - given.begin()));
        } else {
            sentinel.columns.push_back(returning.size());
            // Non-owning: the statement (and so the table) outlives the compile.
            returning.push_back(ColumnElementPtr(std::shared_ptr<const void>(), node));
            ++sentinel.hidden;
        }
        if (client_side) sentinel.parameters.push_back(pk->key());
    }
    return sentinel;
}

// SQLAlchemy's implicit RETURNING of a single-row INSERT: the autoincrement column when the
// statement gives it no value, and primary-key columns given as SQL expressions.
std::vector<ColumnElementPtr> implicit_returning(const FromClauseNode& table, const std::vector<Assignment>& set) {
    std::vector<ColumnElementPtr> out;
    if (table.kind() != ElementKind::table) return out;
    const auto info = static_cast<const TableNode&>(table).schema_info();
    if (!info) return out;
    for (const Column* pk : info->primary_key_columns()) {
        const ColumnClauseNode* node = table.find_column(pk->key());
        auto it = std::find_if(set.begin(), set.end(), [&](const Assignment& a) { return a.column == node; });
        const bool returned = it == set.end() ? info->autoincrement_column() == pk
                                              : it->value && it->value->kind() != ElementKind::bind_param;
        // Non-owning: the statement (and so the table) outlives the compile.
        if (returned) out.push_back(ColumnElementPtr(std::shared_ptr<const void>(), node));
    }
    return out;
}

}  // namespace

void SQLCompiler::visit_insert(const InsertNode& insert) {
    const auto& p = insert.parts();
    const FromClauseNode& table = *p.table;
    out_ += "INSERT ";
    out_ += statement_prefixes(p.prefixes);
    out_ += "INTO ";
    process(table);

    if (p.select) {
        out_ += " (";
        for (std::size_t i = 0; i < p.select_columns.size(); ++i) {
            if (i) out_ += ", ";
            out_ += preparer_.quote(table.find_column(p.select_columns[i])->name());
        }
        out_ += ") ";
        const bool early = !p.returning.empty() && returning_precedes_values();
        if (early) {
            ++select_depth_;
            returning_clause(p.returning, "INSERT");
            out_ += ' ';
            --select_depth_;
        }
        // The SELECT renders as a statement of its own (its labels shown), but its columns are
        // not this statement's result.
        auto saved_results = std::move(result_columns_);
        if (select_depth_ == 0 && !insert_select_at_) insert_select_at_ = out_.size();
        process(*p.select);
        result_columns_ = std::move(saved_results);
        column_names_.clear();
        column_sources_.clear();
        ++select_depth_;
        upsert_clause(p);
        if (!p.returning.empty() && !early) returning_clause(p.returning, "INSERT");
        --select_depth_;
        return;
    }

    ++select_depth_;
    std::vector<std::size_t> crud;
    std::vector<ColumnElementPtr> implicit;
    auto value = [&](const Assignment& a) {
        if (a.default_value && a.default_value->kind() == ColumnDefault::Kind::expression) {
            process(*a.default_value->expression());
            return;
        }
        if (!a.value || is_crud_bind(*a.column, *a.value)) crud.push_back(binds_.size());
        if (!a.value) {
            bind_param(a.column->key(), -1, std::nullopt, a.column->type());
            if (a.default_value) binds_.back().default_value = *a.default_value;
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
        for (const auto& row : p.rows) rows.push_back(assignments(table, row, std::nullopt, Defaults::insert));
        out_ += " (";
        for (std::size_t i = 0; i < rows.front().size(); ++i) {
            if (i) out_ += ", ";
            out_ += preparer_.quote(rows.front()[i].column->name());
        }
        out_ += ")";
        if (!p.returning.empty() && returning_precedes_values()) returning_clause(p.returning, "INSERT");
        out_ += " VALUES ";
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
        // values() called, even with nothing (SQLAlchemy's insert(t).values()), names its own
        // columns only: an empty one is DEFAULT VALUES, not every column of the table.
        auto keys = column_keys_;
        if (!keys && !p.rows.empty()) keys.emplace();
        const auto set = assignments(table, values, keys, Defaults::insert);
        if (p.returning.empty() && capabilities_.implicit_returning && !for_executemany_) {
            implicit = implicit_returning(table, set);
            for (const auto& c : implicit)
                implicit_returning_.push_back(static_cast<const ColumnClauseNode&>(*c).key());
        }
        // RETURNING sorted by parameter order (SQLAlchemy 2.0's insertmanyvalues sentinels):
        // batched only where a sentinel puts a batch's rows in order; the primary key is added
        // to RETURNING for it when not there (and hidden from the caller's rows).
        std::vector<ColumnElementPtr> sorted_returning;
        bool batchable = true;
        if (for_executemany_ && p.sort_by_parameter_order && !p.returning.empty() && capabilities_.use_insertmanyvalues) {
            sentinel_ = returning_sentinel(capabilities_, table, set, p.returning, sorted_returning);
            batchable = sentinel_.has_value();
        }
        const auto& returning = !sorted_returning.empty() ? sorted_returning : p.returning.empty() ? implicit : p.returning;
        const bool early = !returning.empty() && returning_precedes_values();
        if (set.empty()) {
            if (early) returning_clause(returning, "INSERT");
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
            out_ += ")";
            if (early) returning_clause(returning, "INSERT");
            // An executemany the dialect batches (insertmanyvalues): compile() splits the
            // statement around this tuple, marked here.
            const bool batched = for_executemany_ && capabilities_.use_insertmanyvalues && batchable &&
                                 (!returning.empty() || capabilities_.use_insertmanyvalues_wo_returning);
            out_ += " VALUES ";
            if (batched) {
                out_ += detail::values_open;
                ++values_markers_;
            }
            out_ += '(';
            for (std::size_t i = 0; i < set.size(); ++i) {
                if (i) out_ += ", ";
                value(set[i]);
            }
            out_ += ')';
            if (batched) out_ += detail::values_close;
        }
        upsert_clause(p);
        if (!returning.empty() && !early) returning_clause(returning, "INSERT");
        check_crud_names(binds_, crud);
        --select_depth_;
        return;
    }
    upsert_clause(p);
    if (!p.returning.empty() && !returning_precedes_values()) returning_clause(p.returning, "INSERT");
    check_crud_names(binds_, crud);
    --select_depth_;
}

void SQLCompiler::visit_update(const UpdateNode& update) {
    const auto& p = update.parts();
    const FromClauseNode& table = *p.table;
    // Values for other tables' columns (a multi-table UPDATE) go first, as SQLAlchemy's crud
    // puts them, and their tables join the statement's extra FROMs.
    std::vector<DMLValue> own;
    std::vector<Assignment> set;
    std::vector<const FromClauseNode*> froms;
    for (const auto& w : p.where) dml_froms(*w, froms);
    for (const auto& v : p.values) {
        if (!v.column) {
            own.push_back(v);
            continue;
        }
        const auto& col = static_cast<const ColumnClauseNode&>(*v.column);
        set.push_back({&col, v.value.get()});
        if (std::find(froms.begin(), froms.end(), col.table()) == froms.end()) froms.push_back(col.table());
    }
    std::erase(froms, &table);
    out_ += "UPDATE ";
    out_ += statement_prefixes(p.prefixes);
    update_tables_clause(table, froms);

    if (p.ordered) {
        // ordered_values(): the given order, then columns the execution adds, in table order.
        check_consumed(table, own);
        for (const auto& v : own) set.push_back({table.find_column(v.key), v.value.get()});
        for (const auto& column : table.columns())
            if (!find_value(own, column->key()) && has_key(column_keys_, column->key()))
                set.push_back({column.get(), nullptr});
    } else {
        auto rest = assignments(table, own, column_keys_, Defaults::update);
        set.insert(set.end(), rest.begin(), rest.end());
    }
    if (set.empty())
        throw CompileError("UPDATE of " + table.description() +
                           " has no SET values: give values() or execution parameters named after columns");

    ++select_depth_;
    enclosing_froms_.push_back({&table});
    out_ += " SET ";
    std::vector<std::size_t> crud;
    const bool qualified = update_set_qualified(froms);
    for (std::size_t i = 0; i < set.size(); ++i) {
        if (i) out_ += ", ";
        if (qualified) {
            process(*set[i].column);
        } else {
            out_ += preparer_.quote(set[i].column->name());
        }
        out_ += '=';
        if (set[i].default_value && set[i].default_value->kind() == ColumnDefault::Kind::expression) {
            process(*set[i].default_value->expression());
            continue;
        }
        if (!set[i].value || is_crud_bind(*set[i].column, *set[i].value)) crud.push_back(binds_.size());
        if (!set[i].value) {
            bind_param(set[i].column->key(), -1, std::nullopt, set[i].column->type());
            if (set[i].default_value) binds_.back().default_value = *set[i].default_value;
        } else if (needs_group(*set[i].value)) {
            out_ += '(';
            process(*set[i].value);
            out_ += ')';
        } else {
            process(*set[i].value);
        }
    }
    const bool early = !p.returning.empty() && returning_precedes_values();
    if (early) returning_clause(p.returning, "UPDATE");
    if (!froms.empty()) update_from_clause(update, froms);
    if (!p.where.empty()) {
        out_ += " WHERE ";
        criteria(p.where);
    }
    if (auto limit = dml_limit_clause(p.mysql_limit); !limit.empty()) out_ += " " + limit;
    if (!p.returning.empty() && !early) returning_clause(p.returning, "UPDATE");
    check_crud_names(binds_, crud);
    enclosing_froms_.pop_back();
    --select_depth_;
}

void SQLCompiler::visit_delete(const DeleteNode& del) {
    const auto& p = del.parts();
    const FromClauseNode& table = *p.table;
    out_ += "DELETE ";
    out_ += statement_prefixes(p.prefixes);
    out_ += "FROM ";
    process(table);
    ++select_depth_;
    enclosing_froms_.push_back({&table});
    std::vector<const FromClauseNode*> froms;
    for (const auto& w : p.where) dml_froms(*w, froms);
    std::erase(froms, &table);
    const bool early = !p.returning.empty() && returning_precedes_values();
    if (early) returning_clause(p.returning, "DELETE");
    if (!froms.empty()) delete_extra_from_clause(del, froms);
    if (!p.where.empty()) {
        out_ += " WHERE ";
        criteria(p.where);
    }
    if (auto limit = dml_limit_clause(p.mysql_limit); !limit.empty()) out_ += " " + limit;
    if (!p.returning.empty() && !early) returning_clause(p.returning, "DELETE");
    enclosing_froms_.pop_back();
    --select_depth_;
}

void SQLCompiler::returning_clause(std::span<const ColumnElementPtr> columns, std::string_view what) {
    if (!capabilities_.supports_returning)
        throw CompileError("RETURNING is not supported by this dialect's statement compiler (" + std::string(what) +
                           " ... RETURNING)");
    if (what == "UPDATE" && !capabilities_.update_returning)
        throw CompileError("this dialect has RETURNING for INSERT and DELETE, not for UPDATE (UPDATE ... RETURNING)");
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
        add_result_column(std::move(name), c);
    }
}

void SQLCompiler::upsert_clause(const InsertParts& insert) {
    if (insert.on_conflict) throw CompileError("ON CONFLICT (on_conflict_do_nothing/do_update) is not supported by this dialect");
    if (!insert.on_duplicate.empty())
        throw CompileError("ON DUPLICATE KEY UPDATE (on_duplicate_key_update) is not supported by this dialect");
}

void SQLCompiler::on_conflict_clause(const InsertParts& insert) {
    if (!insert.on_duplicate.empty())
        throw CompileError("ON DUPLICATE KEY UPDATE (on_duplicate_key_update) is not supported by this dialect");
    if (!insert.on_conflict) return;
    const auto& oc = *insert.on_conflict;
    const FromClauseNode& table = *insert.table;
    out_ += " ON CONFLICT";
    if (oc.constraint) {
        out_ += " ON CONSTRAINT " + preparer_.quote(*oc.constraint);
    } else if (!oc.index_columns.empty() || !oc.index_expressions.empty()) {
        out_ += " (";
        bool first = true;
        for (const auto& c : oc.index_columns) {
            out_ += first ? "" : ", ";
            first = false;
            out_ += preparer_.quote(table.find_column(c)->name());
        }
        const bool saved = include_table_;
        include_table_ = false;
        for (const auto& e : oc.index_expressions) {
            out_ += first ? "" : ", ";
            first = false;
            process(*e);
        }
        out_ += ')';
        if (oc.index_where) {
            out_ += " WHERE ";
            process(*oc.index_where);
        }
        include_table_ = saved;
    }
    if (!oc.update) {
        out_ += " DO NOTHING";
        return;
    }
    out_ += " DO UPDATE SET ";
    bool first = true;
    for (const auto& column : table.columns()) {
        const auto* v = find_value(oc.set, column->key());
        if (!v) continue;
        out_ += first ? "" : ", ";
        first = false;
        out_ += preparer_.quote(column->name()) + " = ";
        if (needs_group(*v->value)) {
            out_ += '(';
            process(*v->value);
            out_ += ')';
        } else {
            process(*v->value);
        }
    }
    if (oc.where) {
        out_ += " WHERE ";
        process(*oc.where);
    }
}

void SQLCompiler::update_tables_clause(const FromClauseNode& table, std::span<const FromClauseNode* const>) {
    process(table);
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
