// sqla: schema/table.cpp. MetaData and Table.
// SPDX-License-Identifier: MIT
module;
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

module sqla;

namespace sqla {

void Column::apply(ColumnFlag f) {
    switch (f) {
        case ColumnFlag::primary_key: primary_key_ = true; break;
        case ColumnFlag::not_null: nullable_ = false; break;
        case ColumnFlag::nullable: nullable_ = true; break;
        case ColumnFlag::unique: unique_ = true; break;
        case ColumnFlag::index: index_ = true; break;
    }
}

struct Table::Definition {
    std::string name;
    std::optional<std::string> schema;
    std::vector<Column> columns;
};

struct MetaData::State {
    std::mutex mutex;
    std::vector<std::pair<std::shared_ptr<const FromClauseNode>, std::shared_ptr<const Table::Definition>>> tables;
};

MetaData::MetaData() : state_(std::make_shared<State>()) {}

std::vector<Table> MetaData::tables() const {
    std::lock_guard lock(state_->mutex);
    std::vector<Table> out;
    for (const auto& [node, def] : state_->tables) out.push_back(Table(node, def));
    return out;
}

Table MetaData::table(std::string_view name) const {
    std::lock_guard lock(state_->mutex);
    for (const auto& [node, def] : state_->tables)
        if (def->name == name) return Table(node, def);
    std::string known;
    for (const auto& [node, def] : state_->tables) known += (known.empty() ? "" : ", ") + def->name;
    throw NoSuchTableError("no table named \"" + std::string(name) + "\" in this MetaData; its tables are: " +
                           (known.empty() ? std::string("(none)") : known));
}

namespace {
std::shared_ptr<const FromClauseNode> make_node(const std::string& name, const std::optional<std::string>& schema,
                                                const std::vector<Column>& columns) {
    std::vector<TableNode::ColumnSpec> specs;
    for (const auto& c : columns) {
        for (const auto& s : specs)
            if (s.name == c.name())
                throw ArgumentError("table \"" + name + "\" declares column \"" + c.name() + "\" twice");
        specs.push_back({c.name(), c.type(), {}});
    }
    return std::make_shared<TableNode>(name, schema, specs);
}
}  // namespace

Table::Table(MetaData& metadata, std::string name, std::optional<std::string> schema, std::vector<Column> columns)
    : FromClause(make_node(name, schema, columns)),
      definition_(std::make_shared<const Definition>(Definition{std::move(name), std::move(schema), std::move(columns)})) {
    std::lock_guard lock(metadata.state_->mutex);
    for (const auto& [node, def] : metadata.state_->tables)
        if (def->name == definition_->name && def->schema == definition_->schema)
            throw InvalidRequestError("table \"" + definition_->name + "\" is already defined for this MetaData");
    metadata.state_->tables.emplace_back(node_ptr(), definition_);
}

const std::string& Table::name() const noexcept { return definition_->name; }
const std::optional<std::string>& Table::schema() const noexcept { return definition_->schema; }
const std::vector<Column>& Table::column_definitions() const noexcept { return definition_->columns; }

}  // namespace sqla
