// sqla: schema/column.cpp. Column flags and defaults.
// SPDX-License-Identifier: MIT
module;
#include <functional>
#include <memory>
#include <optional>
#include <string>

module sqla;

namespace sqla {

ServerDefault::ServerDefault(const TextClause& sql) : kind_(Kind::text), element_(sql.element_ptr()) {}

Computed::Computed(std::string_view sql, std::optional<bool> persisted)
    : element_(text(sql).element_ptr()), persisted_(persisted) {}

Value ColumnDefault::produce() const {
    switch (kind_) {
        case Kind::scalar: return value_;
        case Kind::callable: return (*function_)();
        case Kind::expression: break;
    }
    throw InvalidRequestError("a SQL expression default has no client-side value");
}

void Column::apply(ColumnFlag f) {
    switch (f) {
        case ColumnFlag::primary_key: primary_key_ = true; break;
        case ColumnFlag::not_null: nullable_ = false; break;
        case ColumnFlag::nullable: nullable_ = true; break;
        case ColumnFlag::unique: unique_ = true; break;
        case ColumnFlag::index: index_ = true; break;
        case ColumnFlag::autoincrement: autoincrement_ = true; break;
        case ColumnFlag::no_autoincrement: autoincrement_ = false; break;
    }
}

}  // namespace sqla
