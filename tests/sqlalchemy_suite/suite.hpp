// sqla: tests/sqlalchemy_suite/suite.hpp. The test tables of SQLAlchemy's compiler tests, declared as
// gen.py's SCHEMA declares them, and the builder map: one lambda per case id, building the case's
// construct with sqla's public API. Include after `import sqla;`.
// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sqla_suite {

/// A `table()` with typed columns (SQLAlchemy's `table("t", column("a", Integer), ...)`).
inline sqla::FromClause typed_table(std::string name, const std::vector<std::pair<std::string, sqla::TypeEngine>>& columns,
                                    std::optional<std::string> schema = std::nullopt) {
    std::vector<sqla::TableNode::ColumnSpec> specs;
    for (const auto& [n, t] : columns) specs.push_back({n, t, {}});
    return sqla::FromClause(std::make_shared<sqla::TableNode>(std::move(name), std::move(schema), specs));
}

/// gen.py's SCHEMA.
struct Schema {
    sqla::MetaData metadata, metadata5, metadata_my;
    sqla::FromClause table1 = typed_table("mytable", {{"myid", sqla::Integer{}}, {"name", sqla::String{}}, {"description", sqla::String{}}});
    sqla::FromClause table2 = typed_table("myothertable", {{"otherid", sqla::Integer{}}, {"othername", sqla::String{}}});
    sqla::FromClause table3 = typed_table("thirdtable", {{"userid", sqla::Integer{}}, {"otherstuff", sqla::String{}}});
    sqla::Table table4{metadata, "remotetable", std::optional<std::string>("remote_owner"),
                       std::vector<sqla::Column>{sqla::Column{"rem_id", sqla::Integer{}, sqla::primary_key},
                                                 sqla::Column{"datatype_id", sqla::Integer{}},
                                                 sqla::Column{"value", sqla::String{20}}}};
    sqla::Table table5{metadata5, "remotetable", std::optional<std::string>("dbo.remote_owner"),
                       std::vector<sqla::Column>{sqla::Column{"rem_id", sqla::Integer{}, sqla::primary_key},
                                                 sqla::Column{"datatype_id", sqla::Integer{}},
                                                 sqla::Column{"value", sqla::String{20}}}};
    sqla::Table parent{metadata, "parent", sqla::Column{"id", sqla::Integer{}, sqla::primary_key}};
    sqla::Table child{metadata, "child", sqla::Column{"id", sqla::Integer{}, sqla::primary_key},
                      sqla::Column{"parent_id", sqla::Integer{}, sqla::ForeignKey("parent.id")}};
    sqla::FromClause users = sqla::table("users", {"user_id", "user_name", "password"});
    sqla::FromClause addresses = sqla::table("addresses", {"address_id", "user_id", "street", "city", "state", "zip"});
    sqla::Table keyed{metadata, "keyed", sqla::Column{"x", sqla::Integer{}, sqla::Key{"colx"}},
                      sqla::Column{"y", sqla::Integer{}, sqla::Key{"coly"}}, sqla::Column{"z", sqla::Integer{}}};
    sqla::Table mytable{metadata_my, "mytable", sqla::Column{"myid", sqla::Integer{}}, sqla::Column{"name", sqla::String{30}},
                        sqla::Column{"description", sqla::String{50}}};
    sqla::Table myothertable{metadata_my, "myothertable", sqla::Column{"otherid", sqla::Integer{}},
                             sqla::Column{"othername", sqla::String{30}}};
    sqla::FromClause dt = typed_table("dt", {{"ts", sqla::DateTime{}}, {"d", sqla::Date{}}, {"amount", sqla::Numeric{10, 2}},
                                             {"flag", sqla::Boolean{}}, {"data", sqla::LargeBinary{}}});
    sqla::FromClause arrtable = typed_table("arrtable", {{"intarr", sqla::Array{sqla::Integer{}}}, {"strarr", sqla::Array{sqla::String{}}}});
};

using Builder = std::function<sqla::Executable(const Schema&)>;
using Builders = std::map<std::string, Builder>;

/// Builders for the cases of test/sql/*.py (suite_cases_sql.cpp).
void sql_builders(Builders& b);
/// Builders for the cases of test/dialect/** (suite_cases_dialects.cpp).
void dialect_builders(Builders& b);

}  // namespace sqla_suite
