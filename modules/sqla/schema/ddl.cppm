// sqla: schema/ddl.cppm. DDL statements: CREATE/DROP TABLE, INDEX and SEQUENCE, ALTER TABLE
// ADD/DROP CONSTRAINT, COMMENT ON. Each is an Executable the dialect compiles.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

export module sqla:schema.ddl;
import :errors.error;
import :types.type_engine;
import :sql.elements;
import :sql.selectable;
import :schema.constraints;
import :schema.column;
import :schema.table;

export namespace sqla {

enum class DDLKind : std::uint8_t {
    create_table,
    drop_table,
    create_index,
    drop_index,
    add_constraint,
    drop_constraint,
    create_sequence,
    drop_sequence,
    set_table_comment,
    set_column_comment,
    create_type,
    drop_type,
};

/// The node of a DDL statement. DDL is not cached: it runs rarely and its SQL depends on the
/// declaration at the time it runs.
class SQLA_EXPORT DDLNode final : public ClauseElement {
public:
    DDLNode(DDLKind kind, std::shared_ptr<const TableSchema> table);
    ~DDLNode() override;
    void append_cache_key(CacheKey& key) const override;
    [[nodiscard]] inline DDLKind ddl_kind() const noexcept { return ddl_kind_; }
    /// The table (nullptr for sequences).
    [[nodiscard]] inline const FromClauseNode* table() const noexcept { return table_ ? &table_->node() : nullptr; }
    /// Its declaration.
    [[nodiscard]] const TableSchema& table_schema() const;

    bool if_exists = false;
    bool if_not_exists = false;
    bool cascade = false;
    /// CREATE TABLE: the foreign keys (indexes into TableSchema::constraints()) left out, to be
    /// added by ALTER TABLE after (create_all's cycle breaking).
    std::vector<std::size_t> omit_constraints{};
    std::optional<Index> index{};
    std::optional<Constraint> constraint{};
    std::optional<Sequence> sequence{};
    /// SET COLUMN COMMENT: the column's key.
    std::string column{};
    /// CREATE TYPE / DROP TYPE: the named Enum.
    std::optional<TypeEngine> type{};

private:
    DDLKind ddl_kind_;
    std::shared_ptr<const TableSchema> table_;
};

struct CreateTableOptions {
    bool if_not_exists = false;
    /// Constraints left out (indexes into TableSchema::constraints()): create_all adds the
    /// foreign keys of dependency cycles afterwards with ALTER TABLE.
    std::vector<std::size_t> omit_constraints{};
};
struct DropTableOptions {
    bool if_exists = false;
};
struct CreateIndexOptions {
    bool if_not_exists = false;
};
struct DropIndexOptions {
    bool if_exists = false;
};
struct DropConstraintOptions {
    bool if_exists = false;
    bool cascade = false;
};

/// `CREATE TABLE`, with its columns, primary key and constraints (indexes are CreateIndex).
class SQLA_EXPORT CreateTable : public Executable {
public:
    explicit CreateTable(const Table& table, CreateTableOptions options = {});
};

/// `DROP TABLE [IF EXISTS]`.
class SQLA_EXPORT DropTable : public Executable {
public:
    explicit DropTable(const Table& table, DropTableOptions options = {});
};

/// `CREATE [UNIQUE] INDEX name ON table (...)`; the index must be on a table.
class SQLA_EXPORT CreateIndex : public Executable {
public:
    explicit CreateIndex(const Index& index, CreateIndexOptions options = {});
};

/// `DROP INDEX [IF EXISTS] name`.
class SQLA_EXPORT DropIndex : public Executable {
public:
    explicit DropIndex(const Index& index, DropIndexOptions options = {});
};

/// `ALTER TABLE t ADD CONSTRAINT ...`.
class SQLA_EXPORT AddConstraint : public Executable {
public:
    AddConstraint(const Table& table, const Constraint& constraint);
};

/// `ALTER TABLE t DROP CONSTRAINT name`.
class SQLA_EXPORT DropConstraint : public Executable {
public:
    DropConstraint(const Table& table, const Constraint& constraint, DropConstraintOptions options = {});
};

/// `CREATE SEQUENCE name ...`.
class SQLA_EXPORT CreateSequence : public Executable {
public:
    explicit CreateSequence(const Sequence& sequence);
};

/// `DROP SEQUENCE name`.
class SQLA_EXPORT DropSequence : public Executable {
public:
    explicit DropSequence(const Sequence& sequence);
};

/// `CREATE TYPE name AS ENUM ('a', 'b')`: PostgreSQL's named enum type, which create_all
/// creates before the tables using a native `Enum{.name = ...}`. Throws ArgumentError for a
/// type that is not a named Enum.
class SQLA_EXPORT CreateEnumType : public Executable {
public:
    explicit CreateEnumType(const TypeEngine& enum_type);
};

/// `DROP TYPE name`.
class SQLA_EXPORT DropEnumType : public Executable {
public:
    explicit DropEnumType(const TypeEngine& enum_type);
};

/// `COMMENT ON TABLE t IS '...'` (the table's declared comment; NULL when it has none).
class SQLA_EXPORT SetTableComment : public Executable {
public:
    explicit SetTableComment(const Table& table);
};

/// `COMMENT ON COLUMN t.c IS '...'`.
class SQLA_EXPORT SetColumnComment : public Executable {
public:
    SetColumnComment(const Table& table, std::string column_key);
};

}  // namespace sqla
