// sqla: schema/ddl.cpp. DDL statement constructors.
// SPDX-License-Identifier: MIT
module;
#include <memory>
#include <optional>
#include <string>
#include <utility>

module sqla;

namespace sqla {

namespace {
std::shared_ptr<const TableSchema> declared(const Table& table) { return table.definition_ptr(); }

std::shared_ptr<const TableSchema> index_table(const Index& index, std::string_view what) {
    const auto* t = index.table();
    auto info = t && t->kind() == ElementKind::table ? static_cast<const TableNode*>(t)->schema_info() : nullptr;
    if (!info)
        throw ArgumentError(std::string(what) + ": index " + index.name().value_or("(unnamed)") +
                            " is not on a table; declare it in a Table or over a table's columns");
    return info;
}
}  // namespace

DDLNode::DDLNode(DDLKind kind, std::shared_ptr<const TableSchema> table)
    : ClauseElement(ElementKind::ddl), ddl_kind_(kind), table_(std::move(table)) {}
DDLNode::~DDLNode() = default;

void DDLNode::append_cache_key(CacheKey& key) const {
    // Never cached (the engine skips DDL); the address keeps two live statements apart.
    key.key += "(ddl " + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ")";
}

const TableSchema& DDLNode::table_schema() const {
    if (!table_) throw ArgumentError("this DDL statement is not about a table");
    return *table_;
}

CreateTable::CreateTable(const Table& table, CreateTableOptions options)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::create_table, declared(table));
          n->if_not_exists = options.if_not_exists;
          n->omit_constraints = std::move(options.omit_constraints);
          return n;
      }()) {}

DropTable::DropTable(const Table& table, DropTableOptions options)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::drop_table, declared(table));
          n->if_exists = options.if_exists;
          return n;
      }()) {}

CreateIndex::CreateIndex(const Index& index, CreateIndexOptions options)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::create_index, index_table(index, "CreateIndex"));
          n->if_not_exists = options.if_not_exists;
          n->index = index;
          return n;
      }()) {}

DropIndex::DropIndex(const Index& index, DropIndexOptions options)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::drop_index, index_table(index, "DropIndex"));
          n->if_exists = options.if_exists;
          n->index = index;
          return n;
      }()) {}

AddConstraint::AddConstraint(const Table& table, const Constraint& constraint)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::add_constraint, declared(table));
          n->constraint = constraint;
          return n;
      }()) {}

DropConstraint::DropConstraint(const Table& table, const Constraint& constraint, DropConstraintOptions options)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::drop_constraint, declared(table));
          n->constraint = constraint;
          n->if_exists = options.if_exists;
          n->cascade = options.cascade;
          return n;
      }()) {}

CreateSequence::CreateSequence(const Sequence& sequence)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::create_sequence, nullptr);
          n->sequence = sequence;
          return n;
      }()) {}

DropSequence::DropSequence(const Sequence& sequence)
    : Executable([&] {
          auto n = std::make_shared<DDLNode>(DDLKind::drop_sequence, nullptr);
          n->sequence = sequence;
          return n;
      }()) {}

namespace {
std::shared_ptr<DDLNode> type_node(DDLKind kind, const TypeEngine& type) {
    if (type.kind() != TypeKind::enum_ || !type.details().name)
        throw ArgumentError("CREATE/DROP TYPE needs a named Enum (got " + type.repr() + ")");
    auto n = std::make_shared<DDLNode>(kind, nullptr);
    n->type = type;
    return n;
}
}  // namespace

CreateEnumType::CreateEnumType(const TypeEngine& enum_type) : Executable(type_node(DDLKind::create_type, enum_type)) {}
DropEnumType::DropEnumType(const TypeEngine& enum_type) : Executable(type_node(DDLKind::drop_type, enum_type)) {}

SetTableComment::SetTableComment(const Table& table)
    : Executable(std::make_shared<DDLNode>(DDLKind::set_table_comment, declared(table))) {}

SetColumnComment::SetColumnComment(const Table& table, std::string column_key)
    : Executable([&] {
          if (!table.definition().column(column_key))
              throw NoSuchColumnError("table \"" + table.definition().fullname() + "\" has no column \"" + column_key + "\"");
          auto n = std::make_shared<DDLNode>(DDLKind::set_column_comment, declared(table));
          n->column = std::move(column_key);
          return n;
      }()) {}

}  // namespace sqla
