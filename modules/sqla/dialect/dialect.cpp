// sqla: dialect/dialect.cpp. Defaults of Dialect and DefaultDialect, and the driver interfaces.
// SPDX-License-Identifier: MIT
module;
#include <cctype>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

module sqla;

namespace sqla {

Cursor::~Cursor() = default;
DriverConnection::~DriverConnection() = default;
Driver::~Driver() = default;

BufferedRowsCursor::BufferedRowsCursor(std::vector<ColumnInfo> columns, std::vector<std::vector<Value>> rows,
                                       std::int64_t rowcount)
    : columns_(std::move(columns)), rows_(std::move(rows)), rowcount_(rowcount) {}
BufferedRowsCursor::~BufferedRowsCursor() = default;

bool BufferedRowsCursor::fetch() {
    if (next_ >= rows_.size()) return false;
    ++next_;
    return true;
}

void BufferedRowsCursor::read_row(std::span<Value> out) {
    auto& row = rows_[next_ - 1];
    for (std::size_t i = 0; i < out.size() && i < row.size(); ++i) out[i] = std::move(row[i]);
}

void BufferedRowsCursor::close() noexcept {
    rows_.clear();
    next_ = 0;
}

std::unique_ptr<Cursor> DriverConnection::execute_many_returning(const DriverStatement& stmt, ParamBatch batch) {
    std::vector<ColumnInfo> columns;
    std::vector<std::vector<Value>> rows;
    std::int64_t total = 0;
    for (std::size_t i = 0; i < batch.rows(); ++i) {
        auto cursor = execute(stmt, batch.row(i), CursorOptions{});
        if (columns.empty()) columns.assign(cursor->columns().begin(), cursor->columns().end());
        while (cursor->fetch()) {
            std::vector<Value> row(columns.size());
            cursor->read_row(row);
            rows.push_back(std::move(row));
        }
        if (cursor->rowcount() > 0) total += cursor->rowcount();
        cursor->close();
    }
    return std::make_unique<BufferedRowsCursor>(std::move(columns), std::move(rows), total);
}

std::int64_t DriverConnection::execute_many(const DriverStatement& stmt, ParamBatch batch) {
    std::int64_t total = 0;
    bool known = true;
    for (std::size_t i = 0; i < batch.rows(); ++i) {
        auto cursor = execute(stmt, batch.row(i), CursorOptions{});
        auto n = cursor->rowcount();
        if (n < 0) known = false;
        total += n;
        cursor->close();
    }
    return known ? total : -1;
}

void DriverConnection::set_isolation_level(std::string_view level) {
    throw DriverError(DBAPIErrorKind::not_supported_error,
                      "this driver does not support setting the isolation level (to " + std::string(level) + ")");
}

std::string DriverConnection::isolation_level() {
    throw DriverError(DBAPIErrorKind::not_supported_error, "this driver does not report the isolation level");
}

Params Driver::create_connect_args(const URL& url, const Params& connect_args) const {
    Params args;
    if (url.host()) args.set("host", *url.host());
    if (url.port()) args.set("port", static_cast<std::int64_t>(*url.port()));
    if (url.username()) args.set("user", *url.username());
    if (url.password()) args.set("password", *url.password());
    if (url.database()) args.set("database", *url.database());
    for (const auto& [key, values] : url.query())
        if (!values.empty()) args.set(key, values.back());
    for (const auto& [key, value] : connect_args) args.set(key, value);
    return args;
}

Dialect::~Dialect() = default;

void Dialect::initialize(DriverConnection&) {}

PoolClass Dialect::default_pool_class(const URL&) const { return PoolClass::queue_pool; }

std::vector<std::string> Dialect::isolation_levels() const {
    return {"READ UNCOMMITTED", "READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE", "AUTOCOMMIT"};
}

bool Dialect::is_disconnect(const DriverError& error) const noexcept { return error.is_disconnect(); }

namespace {
// JSON parameters: anything but a JSON document or NULL is encoded (SQLAlchemy's json.dumps).
void encode_json(Value& v) {
    if (v.kind() != ValueKind::json && !v.is_null()) v = Value(v.to_json());
}
}  // namespace

BindProcessor Dialect::bind_processor(const TypeEngine& type) const {
    if (type.kind() == TypeKind::json) return encode_json;
    return {};
}

ResultProcessor Dialect::result_processor(const TypeEngine&) const { return {}; }

void Dialect::do_begin(DriverConnection& connection) const { connection.begin(); }
void Dialect::do_commit(DriverConnection& connection) const { connection.commit(); }
void Dialect::do_rollback(DriverConnection& connection) const { connection.rollback(); }

namespace {
void run_sql(DriverConnection& connection, const std::string& sql) {
    connection.execute(DriverStatement{sql, 0}, {}, CursorOptions{})->close();
}
}  // namespace

void Dialect::do_savepoint(DriverConnection& connection, std::string_view name) const {
    run_sql(connection, "SAVEPOINT " + identifier_preparer().quote(name));
}

void Dialect::do_rollback_to_savepoint(DriverConnection& connection, std::string_view name) const {
    run_sql(connection, "ROLLBACK TO SAVEPOINT " + identifier_preparer().quote(name));
}

void Dialect::do_release_savepoint(DriverConnection& connection, std::string_view name) const {
    run_sql(connection, "RELEASE SAVEPOINT " + identifier_preparer().quote(name));
}

bool Reflector::has_table(Connection& connection, std::string_view table, const std::optional<std::string>& schema) const {
    Params params{{"name", std::string(table)}};
    std::string sql = "SELECT table_name FROM information_schema.tables WHERE table_name = :name";
    if (schema) {
        sql += " AND table_schema = :schema";
        params.set("schema", *schema);
    }
    return connection.execute(text(sql), params).first().has_value();
}

bool Dialect::has_table(Connection& connection, std::string_view table, const std::optional<std::string>& schema) const {
    return reflection().has_table(connection, table, schema);
}

bool Dialect::has_type(Connection& connection, std::string_view name) const { return reflection().has_type(connection, name); }

}  // namespace sqla

// ---- reflection defaults --------------------------------------------------------------------

namespace sqla {
namespace {
[[noreturn]] void not_implemented(const Dialect& dialect, std::string_view what) {
    throw NotImplementedError("the " + std::string(dialect.name()) + " dialect does not implement " + std::string(what));
}
}  // namespace

Reflector::~Reflector() = default;

bool Reflector::has_type(Connection&, std::string_view) const { return false; }

std::optional<std::string> Reflector::default_schema_name(Connection&) const { return std::nullopt; }
std::vector<std::string> Reflector::get_schema_names(Connection&) const { not_implemented(dialect(), "get_schema_names"); }
std::vector<std::string> Reflector::get_table_names(Connection&, const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_table_names");
}
std::vector<std::string> Reflector::get_view_names(Connection&, const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_view_names");
}
std::vector<ReflectedColumn> Reflector::get_columns(Connection&, std::string_view, const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_columns");
}
ReflectedPrimaryKey Reflector::get_pk_constraint(Connection&, std::string_view, const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_pk_constraint");
}
std::vector<ReflectedForeignKey> Reflector::get_foreign_keys(Connection&, std::string_view,
                                                           const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_foreign_keys");
}
std::vector<ReflectedIndex> Reflector::get_indexes(Connection&, std::string_view, const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_indexes");
}
std::vector<ReflectedUniqueConstraint> Reflector::get_unique_constraints(Connection&, std::string_view,
                                                                       const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_unique_constraints");
}
std::vector<ReflectedCheckConstraint> Reflector::get_check_constraints(Connection&, std::string_view,
                                                                     const std::optional<std::string>&) const {
    not_implemented(dialect(), "get_check_constraints");
}
std::optional<std::string> Reflector::get_table_comment(Connection&, std::string_view, const std::optional<std::string>&) const {
    return std::nullopt;
}
std::string strip_enclosing_parentheses(std::string_view sql) {
    auto trimmed = [](std::string_view s) {
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        return s;
    };
    std::string_view s = trimmed(sql);
    // Whether the '(' at 0 closes at the last character, outside quotes.
    auto enclosed = [](std::string_view t) {
        if (t.size() < 2 || t.front() != '(' || t.back() != ')') return false;
        int depth = 0;
        char quote = 0;
        for (std::size_t i = 0; i < t.size(); ++i) {
            const char c = t[i];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                ++depth;
            } else if (c == ')' && --depth == 0 && i + 1 < t.size()) {
                return false;
            }
        }
        return depth == 0;
    };
    while (enclosed(s)) s = trimmed(s.substr(1, s.size() - 2));
    return std::string(s);
}

std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool Reflector::has_index(Connection& connection, std::string_view table, std::string_view index,
                        const std::optional<std::string>& schema) const {
    for (const auto& ix : get_indexes(connection, table, schema))
        if (ix.name && *ix.name == index) return true;
    return false;
}

}  // namespace sqla
