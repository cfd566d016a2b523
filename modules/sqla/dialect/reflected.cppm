// sqla: dialect/reflected.cppm. What reflection reads from a database's catalog: columns, keys,
// indexes and constraints as plain values (SQLAlchemy's ReflectedColumn, ReflectedForeignKey...).
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

export module sqla:dialect.reflected;
import :types.type_engine;

export namespace sqla {

/// A column as the catalog describes it.
struct ReflectedColumn {
    std::string name;
    /// The database's type mapped back to a sqla type (VARCHAR(20) is String{20}); NullType
    /// when the dialect does not know the type (`type_sql` still says what it is).
    TypeEngine type{};
    /// The type as the database spells it: "character varying(20)", "int(11)".
    std::string type_sql{};
    bool nullable = true;
    /// The server default's SQL as the database reports it ("'draft'::character varying",
    /// "now()", "0"), or nullopt.
    std::optional<std::string> server_default{};
    /// true: the database numbers it (SERIAL, AUTO_INCREMENT, IDENTITY); false: it does not;
    /// nullopt: "auto" (SQLite, where an INTEGER PRIMARY KEY is the rowid).
    std::optional<bool> autoincrement{};
    /// The server default is the autoincrement's own (a SERIAL's nextval() of the sequence the
    /// SERIAL made): MetaData::reflect leaves it out, so that the DDL makes the column anew.
    bool default_is_autoincrement = false;
    std::optional<std::string> comment{};
    /// A generated column's expression (GENERATED ALWAYS AS (...)), and whether it is stored.
    std::optional<std::string> computed{};
    bool computed_persisted = false;
    friend bool operator==(const ReflectedColumn&, const ReflectedColumn&) = default;
};

/// The primary key: its name where the database keeps one, and its columns in key order.
struct ReflectedPrimaryKey {
    std::optional<std::string> name{};
    std::vector<std::string> columns{};
    friend bool operator==(const ReflectedPrimaryKey&, const ReflectedPrimaryKey&) = default;
};

struct ReflectedForeignKey {
    std::optional<std::string> name{};
    std::vector<std::string> columns{};
    /// The referenced table's schema when it is not the default one.
    std::optional<std::string> referred_schema{};
    std::string referred_table{};
    std::vector<std::string> referred_columns{};
    /// ON DELETE / ON UPDATE actions other than the default (NO ACTION), upper case.
    std::optional<std::string> ondelete{};
    std::optional<std::string> onupdate{};
    std::optional<bool> deferrable{};
    std::optional<std::string> initially{};
    friend bool operator==(const ReflectedForeignKey&, const ReflectedForeignKey&) = default;
};

struct ReflectedIndex {
    std::optional<std::string> name{};
    /// Per element, the column's name; an expression element has nullopt here and its SQL in
    /// `expressions` at the same position.
    std::vector<std::optional<std::string>> columns{};
    std::vector<std::optional<std::string>> expressions{};
    bool unique = false;
    /// The unique constraint this index implements (PostgreSQL and MySQL report both), or
    /// nullopt. Such indexes are not made into Index objects by MetaData::reflect.
    std::optional<std::string> duplicates_constraint{};
    /// Dialect options as SQLAlchemy names them ("postgresql_where", "mysql_length"...), as SQL text.
    std::vector<std::pair<std::string, std::string>> dialect_options{};
    friend bool operator==(const ReflectedIndex&, const ReflectedIndex&) = default;
};

struct ReflectedUniqueConstraint {
    std::optional<std::string> name{};
    std::vector<std::string> columns{};
    /// The unique index this constraint is (MySQL has no other kind), or nullopt. Such
    /// constraints become unique Index objects in MetaData::reflect.
    std::optional<std::string> duplicates_index{};
    friend bool operator==(const ReflectedUniqueConstraint&, const ReflectedUniqueConstraint&) = default;
};

struct ReflectedCheckConstraint {
    std::optional<std::string> name{};
    /// The condition's SQL, without the CHECK keyword and the outer parentheses.
    std::string sqltext{};
    friend bool operator==(const ReflectedCheckConstraint&, const ReflectedCheckConstraint&) = default;
};

// Helpers for dialects reading their catalogs.

/// `sql` without the parentheses that enclose all of it, however many levels: catalogs wrap
/// conditions and defaults in them ("((score >= 0))" is "score >= 0"; "(a) AND (b)" stays).
/// Parentheses inside quotes are text.
[[nodiscard]] SQLA_EXPORT std::string strip_enclosing_parentheses(std::string_view sql);
/// ASCII case folding of catalog names (other bytes kept).
[[nodiscard]] SQLA_EXPORT std::string ascii_upper(std::string_view s);
[[nodiscard]] SQLA_EXPORT std::string ascii_lower(std::string_view s);

}  // namespace sqla
