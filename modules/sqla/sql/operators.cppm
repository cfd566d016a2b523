// sqla: sql/operators.cppm. SQL operators: their text, precedence and negation (SQLAlchemy's operators.py).
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <cstdint>
#include <string_view>

export module sqla:sql.operators;

export namespace sqla {

/// Every operator the expression language builds. `custom` carries its text elsewhere (`op()`).
enum class Operator : std::uint8_t {
    none,
    // comparison
    eq, ne, lt, le, gt, ge,
    is, is_not, is_distinct_from, is_not_distinct_from,
    like, not_like, ilike, not_ilike,
    in, not_in, between, not_between,
    regexp_match, not_regexp_match,
    /// Full-text search (`match()`), in the dialect's spelling; `REGEXP_REPLACE(x, pattern, repl)`.
    match, not_match, regexp_replace,
    // arithmetic and strings
    add, sub, mul, div, mod, concat, neg,
    // boolean
    and_, or_, inv,
    // modifiers and the rest
    asc, desc, nulls_first, nulls_last, distinct, collate, exists, comma, as_,
    // collections: `ANY (arr)`, `ALL (arr)`, `arr[i]`
    any_, all_, getitem,
    custom,
};

/// SQLAlchemy's operator precedence: higher binds tighter.
[[nodiscard]] SQLA_EXPORT int precedence(Operator op) noexcept;
/// Whether `a op (b op c)` equals `(a op b) op c`, so that nesting needs no parentheses.
[[nodiscard]] SQLA_EXPORT bool is_associative(Operator op) noexcept;
/// Whether an expression built with `op` must be parenthesised inside one built with
/// `against` (SQLAlchemy's `is_precedent`).
[[nodiscard]] SQLA_EXPORT bool needs_grouping(Operator op, Operator against) noexcept;
/// The operator that negates `op` (eq -> ne, in -> not_in...), or `none`.
[[nodiscard]] SQLA_EXPORT Operator negation(Operator op) noexcept;
/// Whether `op` compares (its result is boolean).
[[nodiscard]] SQLA_EXPORT bool is_comparison(Operator op) noexcept;
/// The generic SQL text of a binary operator, with its surrounding spaces (" = ", " AND ").
[[nodiscard]] SQLA_EXPORT std::string_view binary_text(Operator op) noexcept;

}  // namespace sqla
