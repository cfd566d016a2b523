// sqla: sql/operators.cpp. Operator precedence and texts, as in SQLAlchemy 1.4's operators.py.
// SPDX-License-Identifier: MIT
module;
#include <string_view>

module sqla:sql.operators_impl;
import :sql.operators;

namespace sqla {

int precedence(Operator op) noexcept {
    switch (op) {
        case Operator::mul:
        case Operator::div:
        case Operator::mod:
        case Operator::neg: return 8;
        case Operator::add:
        case Operator::sub: return 7;
        case Operator::concat: return 6;
        case Operator::eq: case Operator::ne: case Operator::lt: case Operator::le: case Operator::gt:
        case Operator::ge: case Operator::is: case Operator::is_not: case Operator::is_distinct_from:
        case Operator::is_not_distinct_from: case Operator::like: case Operator::not_like:
        case Operator::ilike: case Operator::not_ilike: case Operator::in: case Operator::not_in:
        case Operator::between: case Operator::not_between: case Operator::regexp_match:
        case Operator::not_regexp_match: case Operator::distinct: case Operator::inv: case Operator::match:
        case Operator::not_match: case Operator::regexp_replace: return 5;
        case Operator::collate: return 4;
        case Operator::and_:
        case Operator::asc:
        case Operator::desc:
        case Operator::nulls_first:
        case Operator::nulls_last: return 3;
        case Operator::or_: return 2;
        case Operator::exists: return 0;
        case Operator::comma:
        case Operator::as_: return -1;
        case Operator::custom: return 0;  // as SQLAlchemy's custom_op: always grouped when compared
        case Operator::getitem: return 15;
        case Operator::any_:
        case Operator::all_: return 100;  // `x = ANY (arr)`: never parenthesised
        case Operator::none: return 100;
    }
    return 100;
}

bool is_associative(Operator op) noexcept {
    return op == Operator::concat || op == Operator::and_ || op == Operator::or_ || op == Operator::add ||
           op == Operator::mul;
}

bool needs_grouping(Operator op, Operator against) noexcept {
    if (op == against && is_associative(op)) return false;
    return precedence(op) <= precedence(against);
}

Operator negation(Operator op) noexcept {
    switch (op) {
        case Operator::eq: return Operator::ne;
        case Operator::ne: return Operator::eq;
        case Operator::lt: return Operator::ge;
        case Operator::ge: return Operator::lt;
        case Operator::gt: return Operator::le;
        case Operator::le: return Operator::gt;
        case Operator::is: return Operator::is_not;
        case Operator::is_not: return Operator::is;
        case Operator::is_distinct_from: return Operator::is_not_distinct_from;
        case Operator::is_not_distinct_from: return Operator::is_distinct_from;
        case Operator::like: return Operator::not_like;
        case Operator::not_like: return Operator::like;
        case Operator::ilike: return Operator::not_ilike;
        case Operator::not_ilike: return Operator::ilike;
        case Operator::in: return Operator::not_in;
        case Operator::not_in: return Operator::in;
        case Operator::between: return Operator::not_between;
        case Operator::not_between: return Operator::between;
        case Operator::regexp_match: return Operator::not_regexp_match;
        case Operator::not_regexp_match: return Operator::regexp_match;
        case Operator::match: return Operator::not_match;
        case Operator::not_match: return Operator::match;
        default: return Operator::none;
    }
}

bool is_comparison(Operator op) noexcept { return negation(op) != Operator::none; }

std::string_view binary_text(Operator op) noexcept {
    switch (op) {
        case Operator::eq: return " = ";
        case Operator::ne: return " != ";
        case Operator::lt: return " < ";
        case Operator::le: return " <= ";
        case Operator::gt: return " > ";
        case Operator::ge: return " >= ";
        case Operator::is: return " IS ";
        case Operator::is_not: return " IS NOT ";
        case Operator::is_distinct_from: return " IS DISTINCT FROM ";
        case Operator::is_not_distinct_from: return " IS NOT DISTINCT FROM ";
        case Operator::like: return " LIKE ";
        case Operator::not_like: return " NOT LIKE ";
        case Operator::in: return " IN ";
        case Operator::not_in: return " NOT IN ";
        case Operator::between: return " BETWEEN ";
        case Operator::not_between: return " NOT BETWEEN ";
        case Operator::regexp_match: return " REGEXP ";
        case Operator::not_regexp_match: return " NOT REGEXP ";
        case Operator::match: return " MATCH ";
        case Operator::add: return " + ";
        case Operator::sub: return " - ";
        case Operator::mul: return " * ";
        case Operator::div: return " / ";
        case Operator::mod: return " % ";
        case Operator::concat: return " || ";
        case Operator::and_: return " AND ";
        case Operator::or_: return " OR ";
        case Operator::comma: return ", ";
        case Operator::collate: return " COLLATE ";
        default: return " ? ";
    }
}

}  // namespace sqla
