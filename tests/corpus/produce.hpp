// sqla: tests/corpus/produce.hpp. What sqla renders for a statement, in the form the corpus compares
// (SQL and positional parameters per dialect key), and the seven corpus dialects. Shared by the
// corpus test and the SQLAlchemy suite (tests/sqlalchemy_suite). Include after `import sqla;`.
// SPDX-License-Identifier: MIT
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>

#include "corpus.hpp"

namespace sqla::corpus {

inline boost::json::value to_json(const sqla::Value& v) {
    struct Visitor {
        boost::json::value operator()(std::monostate) const { return nullptr; }
        boost::json::value operator()(bool b) const { return b; }
        boost::json::value operator()(std::int64_t i) const { return i; }
        boost::json::value operator()(double d) const { return d; }
        boost::json::value operator()(const std::string& s) const { return boost::json::string(s); }
        boost::json::value operator()(const sqla::Bytes& b) const {
            static constexpr char hex[] = "0123456789abcdef";
            std::string s;
            for (auto c : b) {
                s += hex[static_cast<unsigned>(c) >> 4];
                s += hex[static_cast<unsigned>(c) & 15];
            }
            return boost::json::string(s);
        }
        // As Python's str() writes them, which is how the corpus records such parameters.
        boost::json::value operator()(const sqla::Decimal& d) const { return boost::json::string(d.to_string()); }
        boost::json::value operator()(const std::chrono::year_month_day& d) const { return boost::json::string(sqla::to_iso(d)); }
        boost::json::value operator()(const sqla::TimeOfDay& t) const { return boost::json::string(sqla::to_iso(t)); }
        // Python's isoformat(), as the corpus writes datetimes.
        boost::json::value operator()(const sqla::LocalDateTime& t) const { return boost::json::string(sqla::to_iso(t, 'T')); }
        boost::json::value operator()(const sqla::UtcDateTime& t) const { return boost::json::string(sqla::to_iso(t, 'T')); }
        boost::json::value operator()(const std::chrono::microseconds& i) const { return boost::json::string(sqla::to_iso(i)); }
        boost::json::value operator()(const sqla::UuidValue& u) const { return boost::json::string(u.to_string()); }
        boost::json::value operator()(const boost::json::value& j) const { return j; }
    };
    return std::visit(Visitor{}, v.storage());
}

// The SQL and positional parameters sqla renders for `stmt` with `dialect`, in the form of
// SQLAlchemy's `sql` (expanding lists as one list parameter).
inline Produced produce(const sqla::Dialect& dialect, sqla::ParamStyle style, const sqla::Executable& stmt,
                         bool literal_binds = false) {
    Produced p;
    try {
        sqla::CacheKey key;
        stmt.element().append_cache_key(key);
        auto compiler = dialect.statement_compiler(style);
        compiler->set_literal_binds(literal_binds);
        auto compiled = compiler->compile(stmt.element(), key);
        p.sql = compiled.sql;
        // compare.py un-doubles %% only in SQL that has format placeholders; SQL without any is
        // sent as written, so give it its single %.
        if ((style == sqla::ParamStyle::format || style == sqla::ParamStyle::pyformat) && compiled.binds.empty()) {
            std::string single;
            for (std::size_t i = 0; i < p.sql.size(); ++i) {
                single.push_back(p.sql[i]);
                if (p.sql[i] == '%' && i + 1 < p.sql.size() && p.sql[i + 1] == '%') ++i;
            }
            p.sql = std::move(single);
        }
        for (const auto& slot : compiled.binds) {
            const auto* node = slot.extracted >= 0 ? key.binds[static_cast<std::size_t>(slot.extracted)] : nullptr;
            if (slot.expanding) {
                boost::json::array list;
                if (slot.tuple_width == 0) {
                    for (const auto& v : node->list()) list.push_back(to_json(v));
                } else {
                    for (std::size_t i = 0; i < node->list().size(); i += slot.tuple_width) {
                        boost::json::array tuple;
                        for (std::size_t k = 0; k < slot.tuple_width; ++k) tuple.push_back(to_json(node->list()[i + k]));
                        list.push_back(std::move(tuple));
                    }
                }
                p.params.push_back(std::move(list));
            } else if (node && node->value()) {
                p.params.push_back(to_json(*node->value()));
            } else {
                p.params.push_back(to_json(slot.value.value_or(sqla::Value())));
            }
        }
    } catch (const sqla::CompileError& e) {
        p.error = e.what();
    }
    return p;
}

// A connection that only reports a server version: what Dialect::initialize() reads, as an
// engine's first connection would (the corpus's mssql_2017 is SQL Server 14.0).
class VersionOnlyConnection final : public sqla::DriverConnection {
public:
    explicit VersionOnlyConnection(std::string version) : version_(std::move(version)) {}
    std::unique_ptr<sqla::Cursor> execute(const sqla::DriverStatement&, std::span<const sqla::Value>,
                                          const sqla::CursorOptions&) override {
        throw sqla::DriverError(sqla::DBAPIErrorKind::interface_error, "not connected");
    }
    void begin() override {}
    void commit() override {}
    void rollback() override {}
    bool ping() noexcept override { return false; }
    void close() noexcept override {}
    bool closed() const noexcept override { return true; }
    std::string server_version() const override { return version_; }
    void* native_handle() noexcept override { return nullptr; }

private:
    std::string version_;
};

// Each corpus dialect key, with the paramstyle SQLAlchemy compiled it in (dialects.json).
struct CorpusDialects {
    sqla::Engine sqlite = sqla::create_engine("sqlite://");
    std::shared_ptr<sqla::Dialect> postgresql = sqla::registry().dialect("postgresql");
    std::shared_ptr<sqla::Dialect> mysql = sqla::registry().dialect("mysql");
    std::shared_ptr<sqla::Dialect> oracle = sqla::registry().dialect("oracle");
    std::shared_ptr<sqla::Dialect> oracle_12 = sqla::registry().dialect("oracle");
    std::shared_ptr<sqla::Dialect> mssql = sqla::registry().dialect("mssql");
    std::shared_ptr<sqla::Dialect> mssql_2017 = sqla::registry().dialect("mssql");
    std::map<std::string, std::pair<const sqla::Dialect*, sqla::ParamStyle>> by_key;

    CorpusDialects() {
        VersionOnlyConnection oracle_server_12("12.2.0.1.0");
        oracle_12->initialize(oracle_server_12);
        VersionOnlyConnection sql_server_2017("14.00.1000");
        mssql_2017->initialize(sql_server_2017);
        by_key = {{"sqlite", {&sqlite.dialect(), sqla::ParamStyle::qmark}},
                  {"postgresql", {postgresql.get(), sqla::ParamStyle::pyformat}},
                  {"mysql", {mysql.get(), sqla::ParamStyle::format}},
                  {"oracle", {oracle.get(), sqla::ParamStyle::named}},
                  {"oracle_12", {oracle_12.get(), sqla::ParamStyle::named}},
                  {"mssql", {mssql.get(), sqla::ParamStyle::named}},
                  {"mssql_2017", {mssql_2017.get(), sqla::ParamStyle::qmark}}};
    }
};

}  // namespace sqla::corpus
