// sqla: engine/inspector.cpp. The Inspector's cache and questions, and reflection into MetaData
// (MetaData::reflect, MetaData::reflect_table): catalog answers made into Columns,
// constraints and indexes.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <any>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

module sqla;

namespace sqla {

struct Inspector::State {
    std::optional<Engine> engine;
    Connection* connection = nullptr;
    std::map<std::string, std::any> cache;

    // Runs `f` with a connection: the inspector's own, or one checked out for this question.
    template <class F>
    decltype(auto) with_connection(F&& f) {
        if (connection) return f(*connection);
        Connection c = engine->connect();
        return f(c);
    }
    const Dialect& dialect() const noexcept { return connection ? connection->dialect() : engine->dialect(); }
};

Inspector::Inspector(Engine engine) : state_(std::make_unique<State>()) { state_->engine = std::move(engine); }
Inspector::Inspector(Connection& connection) : state_(std::make_unique<State>()) { state_->connection = &connection; }
Inspector::Inspector(Inspector&&) noexcept = default;
Inspector& Inspector::operator=(Inspector&&) noexcept = default;
Inspector::~Inspector() = default;

Inspector inspect(Engine& engine) { return Inspector(engine); }
Inspector inspect(Connection& connection) { return Inspector(connection); }

const Dialect& Inspector::dialect() const noexcept { return state_->dialect(); }
void Inspector::clear_cache() noexcept { state_->cache.clear(); }

template <class T, class Read>
const T& Inspector::cached(std::string key, Read&& read) {
    auto it = state_->cache.find(key);
    if (it == state_->cache.end())
        it = state_->cache.emplace(std::move(key), std::any(state_->with_connection([&](Connection& c) -> T { return read(c); })))
                 .first;
    return *std::any_cast<T>(&it->second);
}

namespace {
// A cache key: the question, the schema and the table, with separators no name contains.
std::string key_of(std::string_view what, const std::optional<std::string>& schema, std::string_view table = {}) {
    std::string k(what);
    k += '\x1f';
    if (schema) k += *schema;
    else k += '\x1e';
    k += '\x1f';
    k += table;
    return k;
}

// NoSuchTableError's message: the table, and where it was looked for.
std::string no_such_table(std::string_view table, const std::optional<std::string>& schema) {
    return "no table \"" + (schema ? *schema + "." : std::string()) + std::string(table) + "\" in the database" +
           (schema ? std::string() : " (default schema)");
}
}  // namespace

std::optional<std::string> Inspector::default_schema_name() {
    return cached<std::optional<std::string>>(key_of("default_schema_name", std::nullopt),
                                              [&](Connection& c) { return dialect().reflection().default_schema_name(c); });
}

std::vector<std::string> Inspector::get_schema_names() {
    return cached<std::vector<std::string>>(key_of("schemas", std::nullopt),
                                            [&](Connection& c) { return dialect().reflection().get_schema_names(c); });
}

std::vector<std::string> Inspector::get_table_names(const std::optional<std::string>& schema) {
    return cached<std::vector<std::string>>(key_of("tables", schema),
                                            [&](Connection& c) { return dialect().reflection().get_table_names(c, schema); });
}

std::vector<std::string> Inspector::get_view_names(const std::optional<std::string>& schema) {
    return cached<std::vector<std::string>>(key_of("views", schema),
                                            [&](Connection& c) { return dialect().reflection().get_view_names(c, schema); });
}

bool Inspector::has_table(std::string_view table, const std::optional<std::string>& schema) {
    return cached<bool>(key_of("has_table", schema, table),
                        [&](Connection& c) { return dialect().reflection().has_table(c, table, schema); });
}

std::vector<ReflectedColumn> Inspector::get_columns(std::string_view table, const std::optional<std::string>& schema) {
    return cached<std::vector<ReflectedColumn>>(key_of("columns", schema, table), [&](Connection& c) {
        auto columns = dialect().reflection().get_columns(c, table, schema);
        // A table has at least one column (SQLite and MySQL answer a missing table with none).
        if (columns.empty()) throw NoSuchTableError(no_such_table(table, schema));
        return columns;
    });
}

// The questions about one table first make sure it exists, so a missing table is always
// NoSuchTableError whatever the dialect's catalog answers for it. The check comes before the
// question's own connection is checked out: a pool of one connection serves both in turn.
#define SQLA_TABLE_QUESTION(T, method, what)                                                             \
    T Inspector::method(std::string_view table, const std::optional<std::string>& schema) {             \
        std::string key = key_of(what, schema, table);                                                  \
        if (!state_->cache.contains(key) && !has_table(table, schema))                                  \
            throw NoSuchTableError(no_such_table(table, schema));                                       \
        return cached<T>(std::move(key), [&](Connection& c) { return dialect().reflection().method(c, table, schema); }); \
    }
SQLA_TABLE_QUESTION(ReflectedPrimaryKey, get_pk_constraint, "pk")
SQLA_TABLE_QUESTION(std::vector<ReflectedForeignKey>, get_foreign_keys, "fks")
SQLA_TABLE_QUESTION(std::vector<ReflectedIndex>, get_indexes, "indexes")
SQLA_TABLE_QUESTION(std::vector<ReflectedUniqueConstraint>, get_unique_constraints, "uniques")
SQLA_TABLE_QUESTION(std::vector<ReflectedCheckConstraint>, get_check_constraints, "checks")
SQLA_TABLE_QUESTION(std::optional<std::string>, get_table_comment, "comment")
#undef SQLA_TABLE_QUESTION

bool Inspector::has_index(std::string_view table, std::string_view index, const std::optional<std::string>& schema) {
    return cached<bool>(key_of("has_index", schema, table) + '\x1f' + std::string(index),
                        [&](Connection& c) { return dialect().reflection().has_index(c, table, index, schema); });
}

// ---- reflection into MetaData -----------------------------------------------------------------

namespace {

Column make_column(const ReflectedColumn& rc) {
    Column c{rc.name, rc.type};
    if (!rc.nullable) c = c.with(not_null);
    if (rc.autoincrement) c = c.with(*rc.autoincrement ? autoincrement : no_autoincrement);
    if (rc.server_default && !rc.default_is_autoincrement) c = c.with(ServerDefault(text(*rc.server_default)));
    if (rc.comment) c = c.with(Comment{*rc.comment});
    return c;
}

// An answer the dialect may not have: nullopt when it does not implement the question.
template <class T>
std::optional<T> optional_answer(auto&& ask) {
    try {
        return ask();
    } catch (const NotImplementedError&) {
        return std::nullopt;  // the dialect has no catalog for it (SQLite's comments)
    }
}

}  // namespace

Table Inspector::reflect_table(MetaData& metadata, std::string_view table, const std::optional<std::string>& schema,
                               bool resolve_fks) {
    if (auto existing = metadata.find_table(table, schema)) return *existing;
    const auto columns = get_columns(table, schema);
    const auto pk = get_pk_constraint(table, schema);
    const auto fks = get_foreign_keys(table, schema);
    const auto indexes = get_indexes(table, schema);
    const auto uniques = optional_answer<std::vector<ReflectedUniqueConstraint>>([&] { return get_unique_constraints(table, schema); });
    const auto checks = optional_answer<std::vector<ReflectedCheckConstraint>>([&] { return get_check_constraints(table, schema); });
    const auto comment = optional_answer<std::optional<std::string>>([&] { return get_table_comment(table, schema); });

    std::vector<TableItem> items;
    for (const auto& rc : columns) items.emplace_back(make_column(rc));
    if (!pk.columns.empty()) items.emplace_back(PrimaryKeyConstraint(pk.columns, {.name = pk.name}));
    for (const auto& fk : fks) {
        std::vector<std::string> refs;
        const auto ref_schema = fk.referred_schema ? fk.referred_schema : schema;
        for (const auto& col : fk.referred_columns)
            refs.push_back((ref_schema ? *ref_schema + "." : std::string()) + fk.referred_table + "." + col);
        items.emplace_back(ForeignKeyConstraint(fk.columns, std::move(refs),
                                                {.name = fk.name,
                                                 .ondelete = fk.ondelete,
                                                 .onupdate = fk.onupdate,
                                                 .deferrable = fk.deferrable,
                                                 .initially = fk.initially}));
    }
    if (uniques)
        for (const auto& uq : *uniques)
            if (!uq.duplicates_index) items.emplace_back(UniqueConstraint(uq.columns, {.name = uq.name}));
    if (checks)
        for (const auto& ck : *checks) items.emplace_back(CheckConstraint(text(ck.sqltext), {.name = ck.name}));
    for (const auto& ix : indexes) {
        if (ix.duplicates_constraint) continue;  // made by its UNIQUE constraint
        std::vector<IndexElement> elements;
        for (std::size_t i = 0; i < ix.columns.size(); ++i) {
            if (ix.columns[i]) elements.emplace_back(*ix.columns[i]);
            else if (i < ix.expressions.size() && ix.expressions[i]) elements.emplace_back(literal_column(*ix.expressions[i]));
        }
        IndexOptions options{.unique = ix.unique};
        for (const auto& [k, v] : ix.dialect_options) {
            if (k.ends_with("_where")) options.dialect_options.set(k, literal_column(v));
            else options.dialect_options.set(k, v);
        }
        items.emplace_back(Index(ix.name, std::move(elements), std::move(options)));
    }
    items.emplace_back(TableOptions{.schema = schema, .comment = comment ? *comment : std::nullopt});
    Table result(metadata, std::string(table), std::move(items));

    if (resolve_fks)
        for (const auto& fk : fks) {
            const auto ref_schema = fk.referred_schema ? fk.referred_schema : schema;
            if (!metadata.find_table(fk.referred_table, ref_schema)) reflect_table(metadata, fk.referred_table, ref_schema, true);
        }
    return result;
}

void MetaData::reflect(Connection& connection, const ReflectOptions& options) {
    Inspector insp(connection);
    auto names = insp.get_table_names(options.schema);
    if (options.views)
        for (auto& v : insp.get_view_names(options.schema)) names.push_back(std::move(v));
    if (!options.only.empty()) {
        std::string missing;
        for (const auto& name : options.only)
            if (std::find(names.begin(), names.end(), name) == names.end()) missing += (missing.empty() ? "" : ", ") + name;
        if (!missing.empty())
            throw InvalidRequestError("Could not reflect: requested table(s) not available in the database" +
                                      (options.schema ? " (schema " + *options.schema + ")" : std::string()) + ": " +
                                      missing);
        names = options.only;
    }
    for (const auto& name : names) insp.reflect_table(*this, name, options.schema, options.resolve_fks);
}

void MetaData::reflect(Engine& engine, const ReflectOptions& options) {
    Connection c = engine.connect();
    reflect(c, options);
}

Table MetaData::reflect_table(Connection& connection, std::string_view name, const std::optional<std::string>& schema) {
    Inspector insp(connection);
    return insp.reflect_table(*this, name, schema);
}

Table MetaData::reflect_table(Engine& engine, std::string_view name, const std::optional<std::string>& schema) {
    Connection c = engine.connect();
    return reflect_table(c, name, schema);
}

}  // namespace sqla
