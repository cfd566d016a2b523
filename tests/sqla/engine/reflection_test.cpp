// sqla: tests/sqla/engine/reflection_test.cpp. The Inspector and MetaData::reflect on live
// databases (SQLite in process; PostgreSQL and MariaDB when scripts/test.sh has started them):
// what SQLAlchemy's Inspector reads for the migrations corpus's schemas, the acceptance corpus's
// schema reflected and created again, missing tables, the cache, reflected tables in statements.
// SPDX-License-Identifier: MIT
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

import sqla;

#include "live_backend.hpp"
#include "schema_json.hpp"

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using sqla_test::strings;

json::value load(const char* relative) {
    std::ifstream in(fs::path(SQLA_TEST_SOURCE_DIR) / relative);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return json::parse(text);
}

class Reflection : public sqla_test::LiveBackendTest {
protected:
    // Drops the tables (and PostgreSQL enum types) a test makes, dependents first.
    void drop(const std::vector<std::string>& tables, const std::vector<std::string>& types = {}) {
        auto conn = engine_->connect();
        const auto& q = engine_->dialect().identifier_preparer();
        if (GetParam().key == "mysql") conn.execute(sqla::text("SET FOREIGN_KEY_CHECKS = 0"));
        for (const auto& t : tables)
            conn.execute(sqla::text("DROP TABLE IF EXISTS " + q.quote_identifier(t) +
                                    (GetParam().key == "postgresql" ? " CASCADE" : "")));
        if (GetParam().key == "mysql") conn.execute(sqla::text("SET FOREIGN_KEY_CHECKS = 1"));
        if (GetParam().key == "postgresql")
            for (const auto& t : types) conn.execute(sqla::text("DROP TYPE IF EXISTS " + q.quote_identifier(t)));
        conn.commit();
    }
};

std::string opt(const std::optional<std::string>& s) { return s ? *s : "None"; }
std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
    return out;
}
std::string join(const std::vector<std::optional<std::string>>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ",") + opt(s);
    return out;
}
std::string json_opt(const json::object& o, const char* key) {
    const auto* v = o.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : "None";
}

// SQLAlchemy's reflected type (its JSON) as the sqla type the same reflection should give.
sqla::TypeEngine expected_type(const json::object& t) {
    const std::string name(t.at("name").as_string());
    auto num = [&](const char* key) -> std::optional<int> {
        if (auto* v = t.if_contains(key); v && v->is_int64()) return static_cast<int>(v->as_int64());
        return std::nullopt;
    };
    if (name == "INTEGER") return sqla::Integer{};
    if (name == "VARCHAR") return sqla::String{num("length")};
    if (name == "TEXT") return sqla::Text{};
    if (name == "NUMERIC" || name == "DECIMAL") return sqla::Numeric{num("precision"), num("scale")};
    if (name == "BOOLEAN") return sqla::Boolean{};
    if (name == "TINYINT" && num("display_width") == 1) return sqla::Boolean{};  // MySQL's BOOLEAN
    if (name == "DATETIME") return sqla::DateTime{};
    if (name == "TIMESTAMP") return sqla::DateTime{.timezone = t.at("sql").as_string().ends_with("WITH TIME ZONE")};
    if (name == "ENUM") return sqla::Enum{.values = strings(t.at("enums")), .name = sqla_test::optional_string(t, "enum_name")};
    return sqla::NullType{};
}

// One table as lines of text, from SQLAlchemy's reflection (JSON) or sqla's Inspector, so
// that a difference shows as a diff of two strings.
std::string describe_expected(const json::object& t) {
    std::ostringstream out;
    for (const auto& cv : t.at("columns").as_array()) {
        const auto& c = cv.as_object();
        const auto* a = c.if_contains("autoincrement");
        const std::string autoinc = !a || (a->is_string() && a->as_string() == "auto") ? "auto" : (a->as_bool() ? "true" : "false");
        out << "column " << std::string(c.at("name").as_string()) << " " << expected_type(c.at("type").as_object()).repr()
            << (c.at("nullable").as_bool() ? " NULL" : " NOT NULL") << " default=" << json_opt(c, "server_default")
            << " autoincrement=" << autoinc << "\n";
    }
    const auto& pk = t.at("primary_key").as_object();
    out << "pk " << json_opt(pk, "name") << " (" << join(strings(pk.at("columns"))) << ")\n";
    for (const auto& fv : t.at("foreign_keys").as_array()) {
        const auto& f = fv.as_object();
        out << "fk " << json_opt(f, "name") << " (" << join(strings(f.at("columns"))) << ") -> " << std::string(f.at("ref_table").as_string())
            << " (" << join(strings(f.at("ref_columns"))) << ") ondelete=" << json_opt(f, "ondelete")
            << " onupdate=" << json_opt(f, "onupdate") << "\n";
    }
    for (const auto& iv : t.at("indexes").as_array()) {
        const auto& i = iv.as_object();
        out << "index " << json_opt(i, "name") << " (" << join(strings(i.at("columns"))) << ")"
            << (i.at("unique").as_bool() ? " unique" : "") << " duplicates=" << json_opt(i, "duplicates_constraint") << "\n";
    }
    for (const auto& uv : t.at("unique_constraints").as_array())
        out << "unique " << json_opt(uv.as_object(), "name") << " (" << join(strings(uv.at("columns")))
            << ") duplicates=" << json_opt(uv.as_object(), "duplicates_index") << "\n";
    for (const auto& cv : t.at("check_constraints").as_array())
        out << "check " << json_opt(cv.as_object(), "name") << " " << std::string(cv.at("sqltext").as_string()) << "\n";
    return out.str();
}

std::string describe(sqla::Inspector& insp, const std::string& table) {
    std::ostringstream out;
    for (const auto& c : insp.get_columns(table))
        out << "column " << c.name << " " << c.type.repr() << (c.nullable ? " NULL" : " NOT NULL")
            << " default=" << opt(c.server_default)
            << " autoincrement=" << (c.autoincrement ? (*c.autoincrement ? "true" : "false") : "auto") << "\n";
    const auto pk = insp.get_pk_constraint(table);
    out << "pk " << opt(pk.name) << " (" << join(pk.columns) << ")\n";
    for (const auto& f : insp.get_foreign_keys(table))
        out << "fk " << opt(f.name) << " (" << join(f.columns) << ") -> " << f.referred_table << " (" << join(f.referred_columns)
            << ") ondelete=" << opt(f.ondelete) << " onupdate=" << opt(f.onupdate) << "\n";
    for (const auto& i : insp.get_indexes(table))
        out << "index " << opt(i.name) << " (" << join(i.columns) << ")" << (i.unique ? " unique" : "")
            << " duplicates=" << opt(i.duplicates_constraint) << "\n";
    for (const auto& u : insp.get_unique_constraints(table))
        out << "unique " << opt(u.name) << " (" << join(u.columns) << ") duplicates=" << opt(u.duplicates_index) << "\n";
    for (const auto& c : insp.get_check_constraints(table)) out << "check " << opt(c.name) << " " << c.sqltext << "\n";
    return out.str();
}

std::vector<std::string> table_names(const json::value& schema) {
    std::vector<std::string> out;
    for (const auto& t : schema.at("tables").as_array()) out.emplace_back(t.at("name").as_string());
    return out;
}

}  // namespace

// Every schema of the migrations corpus, created by sqla, reads back as SQLAlchemy 1.4 read it
// (tests/data/reflection/README.md): columns with their types, nullability, defaults and
// autoincrement, keys, indexes, unique and check constraints.
TEST_P(Reflection, ReadsWhatSqlalchemysInspectorReads) {
    const auto cases = load("tests/data/reflection/alembic_reflected.json");
    int compared = 0;
    for (const auto& cv : cases.as_array()) {
        const auto& c = cv.as_object();
        const auto* reflected = c.at("reflected").as_object().if_contains(GetParam().key);
        if (!reflected) continue;
        const auto names = table_names(c.at("before"));
        drop(names, {"mc_status"});
        {
            sqla::MetaData metadata;
            for (const auto& t : c.at("before").at("tables").as_array()) sqla_test::table_from_json(metadata, t.as_object());
            metadata.create_all(engine());
        }
        auto insp = sqla::inspect(engine());
        std::vector<std::string> expected_names;
        for (const auto& t : reflected->at("tables").as_array()) {
            expected_names.emplace_back(t.at("name").as_string());
            const std::string name(t.at("name").as_string());
            EXPECT_EQ(describe(insp, name), describe_expected(t.as_object())) << std::string(c.at("id").as_string()) << ": table " << name;
        }
        auto got = insp.get_table_names();
        std::erase_if(got, [&](const std::string& n) { return std::find(names.begin(), names.end(), n) == names.end(); });
        std::sort(expected_names.begin(), expected_names.end());
        EXPECT_EQ(got, expected_names) << std::string(c.at("id").as_string());
        drop(names, {"mc_status"});
        ++compared;
    }
    EXPECT_GE(compared, 37);
}

// The acceptance corpus's schema: created, reflected into a fresh MetaData, equal to the
// declaration up to the database's own spelling of it; then the reflected MetaData's DDL
// creates the schema again in the emptied database, and reflecting that gives the same tables.
TEST_P(Reflection, RoundTripsTheCorpusSchema) {
    const auto schema = load("tests/data/corpus/schema.json");
    const auto names = table_names(schema);
    std::vector<std::string> reversed(names.rbegin(), names.rend());
    drop(reversed);
    sqla::MetaData declared;
    for (const auto& t : schema.at("tables").as_array()) sqla_test::table_from_json(declared, t.as_object());
    declared.create_all(engine());

    auto as_kept = [&](const sqla::TypeEngine& t) -> sqla::TypeEngine {
        switch (t.kind()) {
            case sqla::TypeKind::unicode: return sqla::String{t.length()};
            case sqla::TypeKind::unicode_text: return sqla::Text{};
            case sqla::TypeKind::float_:
                if (GetParam().key == "postgresql") return sqla::Double{};
                return t;
            default: return t;
        }
    };
    sqla::MetaData first;
    first.reflect(engine(), {.only = names});
    ASSERT_EQ(first.tables().size(), names.size());
    std::map<std::string, std::string> described;
    {
        auto insp = sqla::inspect(engine());
        for (const auto& name : names) described[name] = describe(insp, name);
    }
    for (const auto& table : declared.tables()) {
        const auto reflected = first.table(table.name());
        const auto& d = table.definition();
        const auto& r = reflected.definition();
        ASSERT_EQ(r.columns().size(), d.columns().size()) << table.name();
        for (std::size_t i = 0; i < d.columns().size(); ++i) {
            const auto& dc = d.columns()[i];
            const auto& rc = r.columns()[i];
            EXPECT_EQ(rc.name(), dc.name()) << table.name();
            EXPECT_EQ(rc.is_nullable(), dc.is_nullable()) << table.name() << "." << dc.name();
            // Types as the database keeps them: Unicode is VARCHAR, UnicodeText TEXT, and
            // PostgreSQL's FLOAT is double precision.
            EXPECT_EQ(rc.type().repr(), as_kept(dc.type()).repr()) << table.name() << "." << dc.name();
            EXPECT_EQ(rc.server_default().has_value(), dc.server_default().has_value()) << table.name() << "." << dc.name();
        }
        auto pk_names = [](const sqla::TableSchema& s) {
            std::vector<std::string> out;
            for (const auto* c : s.primary_key_columns()) out.push_back(c->name());
            return out;
        };
        EXPECT_EQ(pk_names(r), pk_names(d)) << table.name();
        auto constraint_names = [](const sqla::TableSchema& s, sqla::ConstraintKind kind) {
            std::vector<std::string> out;
            for (const auto& k : s.constraints())
                if (k.kind() == kind && k.name()) out.push_back(*k.name() + "(" + join(k.columns()) + ")");
            std::sort(out.begin(), out.end());
            return out;
        };
        EXPECT_EQ(constraint_names(r, sqla::ConstraintKind::foreign_key), constraint_names(d, sqla::ConstraintKind::foreign_key))
            << table.name();
        EXPECT_EQ(constraint_names(r, sqla::ConstraintKind::check), constraint_names(d, sqla::ConstraintKind::check))
            << table.name();
        // MySQL keeps a UNIQUE constraint as a unique index: reflected as one.
        if (GetParam().key != "mysql")
            EXPECT_EQ(constraint_names(r, sqla::ConstraintKind::unique), constraint_names(d, sqla::ConstraintKind::unique))
                << table.name();
        auto index_names = [](const sqla::TableSchema& s) {
            std::vector<std::string> out;
            for (const auto& ix : s.indexes())
                if (ix.name()) out.push_back(*ix.name() + (ix.unique() ? " unique" : ""));
            std::sort(out.begin(), out.end());
            return out;
        };
        auto declared_indexes = index_names(d);
        if (GetParam().key == "mysql")
            for (const auto& k : d.constraints())
                if (k.kind() == sqla::ConstraintKind::unique && k.name()) declared_indexes.push_back(*k.name() + " unique");
        std::sort(declared_indexes.begin(), declared_indexes.end());
        auto reflected_indexes = index_names(r);
        // MySQL makes an index for each foreign key no other index covers.
        if (GetParam().key == "mysql")
            std::erase_if(reflected_indexes, [&](const std::string& ix) {
                return std::none_of(declared_indexes.begin(), declared_indexes.end(), [&](const std::string& x) { return x == ix; }) &&
                       ix.starts_with("fk_");
            });
        EXPECT_EQ(reflected_indexes, declared_indexes) << table.name();
    }

    // The reflected DDL, in the emptied database. PostgreSQL writes a CHECK it reads back with
    // its casts moved ('a'::character varying::text becomes ARRAY[...]::text[]): compared
    // without the casts.
    auto normal = [&](std::string s) {
        if (GetParam().key == "postgresql") s = std::regex_replace(s, std::regex("::[a-z][a-z ]*(\\[\\])?"), "");
        return s;
    };
    drop(reversed);
    first.create_all(engine());
    auto insp = sqla::inspect(engine());
    for (const auto& name : names) EXPECT_EQ(normal(describe(insp, name)), normal(described[name])) << name;

    // A reflected table is a table like a declared one: rows go in and come back.
    auto users = first.table("gc_users");
    auto conn = engine().connect();
    conn.execute(sqla::insert(users).values({{"id", 1}, {"name", "ed"}, {"is_active", true}}));
    EXPECT_EQ(conn.execute(sqla::select(users.c("name")).where(users.c("id") == 1)).scalar_one<std::string>(), "ed");
    conn.rollback();
    drop(reversed);
}

TEST_P(Reflection, MissingTablesRaiseNoSuchTableErrorNamingThem) {
    auto insp = sqla::inspect(engine());
    EXPECT_FALSE(insp.has_table("sqla_no_such_table"));
    try {
        (void)insp.get_columns("sqla_no_such_table");
        FAIL() << "get_columns of a missing table";
    } catch (const sqla::NoSuchTableError& e) {
        EXPECT_NE(std::string(e.what()).find("sqla_no_such_table"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)insp.get_pk_constraint("sqla_no_such_table"), sqla::NoSuchTableError);
    EXPECT_THROW((void)insp.get_indexes("sqla_no_such_table"), sqla::NoSuchTableError);
    sqla::MetaData metadata;
    try {
        (void)metadata.reflect_table(engine(), "sqla_no_such_table");
        FAIL() << "reflect_table of a missing table";
    } catch (const sqla::NoSuchTableError& e) {
        EXPECT_NE(std::string(e.what()).find("sqla_no_such_table"), std::string::npos) << e.what();
    }
    try {
        metadata.reflect(engine(), {.only = {"sqla_no_such_table"}});
        FAIL() << "reflect(only=) of a missing table";
    } catch (const sqla::InvalidRequestError& e) {
        EXPECT_NE(std::string(e.what()).find("sqla_no_such_table"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(metadata.tables().empty());
}

// Each question goes to the database once per inspector; clear_cache() asks again, and sees DDL
// made since.
TEST_P(Reflection, TheInspectorCachesItsAnswers) {
    drop({"sqla_reflect_cache"});
    auto conn = engine().connect();
    conn.execute(sqla::text("CREATE TABLE sqla_reflect_cache (id INTEGER PRIMARY KEY, name VARCHAR(20))"));
    conn.commit();
    int statements = 0;
    engine().events().before_cursor_execute.listen([&](const sqla::CursorExecuteEvent&) { ++statements; });
    auto insp = sqla::inspect(engine());
    EXPECT_EQ(insp.get_columns("sqla_reflect_cache").size(), 2u);
    const int first = statements;
    EXPECT_GT(first, 0);
    EXPECT_EQ(insp.get_columns("sqla_reflect_cache").size(), 2u);
    EXPECT_EQ(statements, first);
    conn.execute(sqla::text("ALTER TABLE sqla_reflect_cache ADD COLUMN extra INTEGER"));
    conn.commit();
    EXPECT_EQ(insp.get_columns("sqla_reflect_cache").size(), 2u);
    insp.clear_cache();
    EXPECT_EQ(insp.get_columns("sqla_reflect_cache").size(), 3u);
    EXPECT_GT(statements, first);
    conn.close();
    drop({"sqla_reflect_cache"});
}

// An inspector over an engine checks out one connection at a time: a pool of one serves it.
TEST_P(Reflection, AnInspectorNeedsOneConnectionAtATime) {
    drop({"sqla_reflect_one"});
    {
        auto conn = engine().connect();
        conn.execute(sqla::text("CREATE TABLE sqla_reflect_one (id INTEGER PRIMARY KEY)"));
        conn.commit();
    }
    auto small = sqla::create_engine(url_, {.pool_size = 1, .max_overflow = 0, .pool_timeout = std::chrono::milliseconds(2000)});
    auto insp = sqla::inspect(small);
    EXPECT_EQ(insp.get_pk_constraint("sqla_reflect_one").columns, (std::vector<std::string>{"id"}));
    EXPECT_TRUE(insp.get_foreign_keys("sqla_reflect_one").empty());
    sqla::MetaData metadata;
    EXPECT_EQ(metadata.reflect_table(small, "sqla_reflect_one").name(), "sqla_reflect_one");
    drop({"sqla_reflect_one"});
}

INSTANTIATE_TEST_SUITE_P(Live, Reflection, sqla_test::live_backends(), sqla_test::backend_name);

// The helper dialects use on catalog text: parentheses enclosing the whole, at any depth.
TEST(ReflectionHelpers, StripEnclosingParentheses) {
    EXPECT_EQ(sqla::strip_enclosing_parentheses("((score >= 0))"), "score >= 0");
    EXPECT_EQ(sqla::strip_enclosing_parentheses(" ([balance]>=(0)) "), "[balance]>=(0)");
    EXPECT_EQ(sqla::strip_enclosing_parentheses("(a > 0) AND (b > 0)"), "(a > 0) AND (b > 0)");
    EXPECT_EQ(sqla::strip_enclosing_parentheses("((a > 0) AND (b > 0))"), "(a > 0) AND (b > 0)");
    EXPECT_EQ(sqla::strip_enclosing_parentheses("(name <> ')') OR (name <> '(')"), "(name <> ')') OR (name <> '(')");
    EXPECT_EQ(sqla::strip_enclosing_parentheses("(name = ')(')"), "name = ')('");
    EXPECT_EQ(sqla::strip_enclosing_parentheses("getdate()"), "getdate()");
    EXPECT_EQ(sqla::ascii_upper("Scott_1é"), "SCOTT_1é");
    EXPECT_EQ(sqla::ascii_lower("MixedCase"), "mixedcase");
}
