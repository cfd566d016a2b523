// sqla: tests/corpus/corpus.hpp. The SQLAlchemy 1.4 acceptance corpus: load, normalise, compare, report.
// SPDX-License-Identifier: MIT
//
// This file is independent of sqla: callers convert sqla's SQL, parameters and rows to
// std::string and boost::json values first. The comparison rules reproduce the corpus's
// compare.py, which judges the held-out cases. Where compare.py has a quirk, this file keeps it,
// because the point is to predict that verdict (see docs on `normalise` and `compare`).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sqla::corpus {

/// The corpus dialect keys, in the order the pass table lists them.
inline constexpr std::array<std::string_view, 7> dialect_keys{
    "sqlite", "postgresql", "mysql", "oracle", "oracle_12", "mssql", "mssql_2017"};

/// The backends the corpus recorded rows from (SQLite 3.40, PostgreSQL 15, MariaDB 10.11).
inline constexpr std::array<std::string_view, 3> backends{"sqlite", "postgresql", "mysql"};

// ---------------------------------------------------------------------------------------------
// The data

/// Bound parameters of one compiled form, in placeholder order.
struct BoundParams {
    std::vector<std::string> order{};  ///< Bind names in placeholder order, repeats included.
    boost::json::array positional{};   ///< The values in `order`'s order.
    boost::json::object by_name{};     ///< SQLAlchemy's `compiled.params`.
    boost::json::object types{};       ///< `repr` of each bind's SQLAlchemy type.
};

/// The `render_postcompile=True` form: expanding IN lists expanded, literal-execute values inlined.
struct PostCompile {
    std::string sql{};
    BoundParams params{};  ///< The main form's params when the corpus gives none, as compare.py does.
};

/// What SQLAlchemy rendered for one case and one dialect key.
struct Expected {
    std::string case_id{};
    std::string dialect{};                     ///< The dialect key, e.g. "mssql_2017".
    std::string paramstyle{};                  ///< qmark, format, pyformat or named.
    std::optional<std::string> sql{};          ///< `str(stmt.compile(dialect=d))`; absent when `error` is set.
    std::optional<std::string> error{};        ///< SQLAlchemy refused: "CompileError: ..." (first line).
    BoundParams params{};                      ///< Empty when `error` is set.
    std::optional<PostCompile> postcompile{};  ///< Present only when it differs from `sql`.
    std::vector<std::string> warnings{};       ///< Warnings SQLAlchemy raised while compiling.
};

/// What one backend did when the generator executed a case. A field the entry lacks is null.
struct Recorded {
    boost::json::value columns{};       ///< SELECT: column names.
    boost::json::value rows{};          ///< SELECT: rows, sorted by JSON text unless the case is ordered.
    boost::json::value rowcount{};      ///< DML.
    boost::json::value returning{};     ///< DML with RETURNING: {columns, rows}, rows sorted.
    boost::json::value tables_after{};  ///< DML: [{table, columns, rows}], each ordered by primary key.
    boost::json::value error{};         ///< "<driver>.<Exception>: message" when the database refused.
    boost::json::value skipped{};       ///< Set when the statement does not compile for the dialect.
    boost::json::object raw{};          ///< The whole entry: also `executed`, `ok`, `inserted_primary_key`...
};

/// One corpus case: a construct, what each dialect rendered, and what each backend returned.
struct Case {
    std::string id{};           ///< `<category>.<slug>.<NNN>`.
    std::string category{};     ///< The first two parts of `id`.
    std::string kind{};         ///< select, insert, update, delete or ddl.
    std::string description{};  ///< What is built, in plain English.
    std::string construct{};    ///< The Python that builds it, for messages.
    std::string split{};        ///< "public" here.
    /// Selects: the ORDER BY fixes the row order on every backend, so rows compare in order.
    bool ordered = false;
    boost::json::value exec_params{};      ///< Null when absent; an array means executemany.
    boost::json::object compile_kwargs{};  ///< Extra `compile()` kwargs (only literal_binds uses it).
    /// Per dialect key; only the keys the case applies to.
    std::map<std::string, Expected, std::less<>> dialects{};
    /// Per backend; empty when the generator did not execute the case.
    std::map<std::string, Recorded, std::less<>> results{};

    /// The entry for dialect key `dialect`, or nullptr when the case does not apply to it.
    [[nodiscard]] const Expected* expected(std::string_view dialect) const;
    /// The recorded result for `backend`, or nullptr when there is none.
    [[nodiscard]] const Recorded* recorded(std::string_view backend) const;
};

/// Cases where sqla deliberately differs from SQLAlchemy, each with the reason (divergent.json).
struct Divergences {
    /// "case_id" (every dialect) or "case_id@dialect" → the reason. The keys sqlite, postgresql and
    /// mysql cover both the compile check and the row check on that backend.
    std::map<std::string, std::string, std::less<>> reasons{};

    /// The reason for `case_id` on `dialect` ("id@dialect" first, then "id"), or nullptr.
    [[nodiscard]] const std::string* find(std::string_view case_id, std::string_view dialect) const;
};

/// The whole corpus folder.
struct Corpus {
    std::vector<Case> cases{};      ///< In file order.
    Divergences divergences{};      ///< From divergent.json; empty when the file is absent.
    boost::json::value schema{};    ///< schema.json as is (null when absent).
    boost::json::value data{};      ///< data.json as is (null when absent).
    boost::json::value dialects{};  ///< dialects.json as is (null when absent).

    /// The case with this id, or nullptr.
    [[nodiscard]] const Case* find(std::string_view id) const;
};

/// Reads cases.jsonl and results.jsonl from `dir` (and divergent.json, schema.json, data.json and
/// dialects.json when present). Doubles are read correctly rounded, so a recorded float equals
/// the double a database returns (Boost.JSON 1.81 alone is sometimes one ulp off).
/// Throws std::runtime_error naming the file and line when a file is missing or malformed, or when
/// results.jsonl names a case that cases.jsonl lacks.
[[nodiscard]] Corpus load_corpus(const std::filesystem::path& dir);

/// Reads a divergent.json: one JSON object of string → string.
/// Throws std::runtime_error when the file cannot be read or has another shape.
[[nodiscard]] Divergences load_divergences(const std::filesystem::path& file);

// ---------------------------------------------------------------------------------------------
// Normalisation and values, as compare.py does them

/// The one marker every placeholder becomes (compare.py's MARK, "\x00").
inline constexpr char placeholder_mark = '\0';

/// Replaces every placeholder of `sql` with `placeholder_mark`, outside single-quoted literals.
/// Placeholders: `__[POSTCOMPILE_x]` (also `__[POSTCOMPILE_x~~...]`), `%(name)s`, `%s`, `$1`,
/// `?` and `?NNN`, `:name` and Oracle's `:"group"` (neither right after `:` or a word character,
/// so `::INTEGER` casts and `a:b` stay), `@pN`. Then un-doubles `%%` everywhere, literals
/// included, when `paramstyle` is format or pyformat, or when it is nullopt and the SQL contains
/// `%s` or `%(name)s` anywhere. compare.py passes nullopt for the SQL sqla produced.
/// Deviation: compare.py's `\w` is Unicode-aware; here every byte >= 0x80 counts as a word byte.
[[nodiscard]] std::string normalise(std::string_view sql, std::optional<std::string_view> paramstyle);

/// Whether two bound-parameter values are equal for compare.py: bools only equal bools; numbers,
/// and strings of the form `-?\d+(\.\d+)?`, compare as doubles ("1500.50" == 1500.5);
/// null equals null; anything else compares as its Python `str()` text (so lists by their repr).
[[nodiscard]] bool param_equal(const boost::json::value& a, const boost::json::value& b);

/// Python's `repr()` of the value that json.loads would give (None, True, 'text', [1, 2.0], {...}).
/// Deviation: of the non-ASCII code points only U+0080..U+00A0 and U+00AD are escaped (\xNN).
[[nodiscard]] std::string python_repr(const boost::json::value& v);

/// Python's `json.dumps(v)` with its defaults (", " and ": " separators, ensure_ascii, float repr),
/// the text the corpus sorted unordered rows by. Invalid UTF-8 bytes become \ufffd.
[[nodiscard]] std::string json_dumps(const boost::json::value& v);

/// Whether two decimal strings ("-12.50", "1E+2", ".5") denote the same number. False when either
/// is not a decimal.
[[nodiscard]] bool decimal_equal(std::string_view a, std::string_view b);

// ---------------------------------------------------------------------------------------------
// Comparing compiled SQL

/// What sqla rendered for one case and dialect key.
struct Produced {
    std::string sql{};                   ///< As sqla would send it, placeholders in any style.
    boost::json::array params{};         ///< Positional values, in placeholder order.
    std::optional<std::string> error{};  ///< Set when sqla refused to compile; `sql` is then ignored.
};

/// Which expected form a produced statement matched.
enum class Form { none, sql, postcompile, error };

/// The verdict of `compare`.
struct CompareResult {
    std::string case_id{};
    std::string dialect{};
    bool passed = false;
    Form matched = Form::none;
    std::string diagnostic{};  ///< One paragraph saying what differs; empty when passed.
};

/// Judges `got` against `want` as compare.py does. It passes when normalise(got.sql) equals the
/// normalised `sql` with `params.positional`, or the normalised `postcompile.sql` with the
/// postcompile positional params (compared with `param_equal`). It also passes when both sides
/// refuse to compile.
/// Note (compare.py quirk): a produced format/pyformat statement that has no placeholder keeps its
/// `%%` doubled after normalisation. Write such SQL with single `%`, or it fails; the diagnostic
/// says so.
[[nodiscard]] CompareResult compare(const Expected& want, const Produced& got);

/// Writes one line of compare.py's produced.jsonl: {"id","dialect","sql","params"} or
/// {"id","dialect","error"} when `got.error` is set.
void write_produced(std::ostream& out, std::string_view case_id, std::string_view dialect, const Produced& got);

// ---------------------------------------------------------------------------------------------
// Comparing rows from the live databases

/// One row, values written as the corpus writes them: decimals as strings with the driver's
/// scale, date/time/datetime ISO strings, bytes lowercase hex, timedelta "PT<seconds>S",
/// floats, ints, bools and null as JSON natives.
using Row = std::vector<boost::json::value>;
using Rows = std::vector<Row>;

/// How strings that are decimals compare.
enum class Decimals {
    as_text,   ///< Exactly, so "1.50" != "1.5": the producer must keep the recorded scale.
    by_value,  ///< With decimal_equal, for a check that ignores the scale.
};

/// Whether two row values are equal: numbers by value (1 == 1.0, never equal to a bool), strings
/// as text (see Decimals), arrays and objects element by element.
[[nodiscard]] bool value_equal(const boost::json::value& a, const boost::json::value& b,
                               Decimals decimals = Decimals::as_text);

/// The verdict of `compare_rows`.
struct RowCompareResult {
    bool passed = false;
    std::string diagnostic{};  ///< Says which row differs; empty when passed.
};

/// Compares produced rows with recorded ones (a JSON array of arrays): in order when `ordered`,
/// otherwise as multisets.
[[nodiscard]] RowCompareResult compare_rows(const boost::json::value& recorded_rows, const Rows& produced,
                                            bool ordered, Decimals decimals = Decimals::as_text);

/// The same, against `c`'s recorded rows for `backend`, with `c.ordered`. The diagnostic names
/// the case and backend, and the check fails when nothing was recorded there.
[[nodiscard]] RowCompareResult compare_rows(const Case& c, std::string_view backend, const Rows& produced,
                                            Decimals decimals = Decimals::as_text);

/// Sorts rows as the corpus sorted unordered results: by their json_dumps text.
void sort_rows(Rows& rows);

/// The rows of a JSON array of arrays (e.g. `Recorded::rows`). Throws std::invalid_argument otherwise.
[[nodiscard]] Rows to_rows(const boost::json::value& rows);

// ---------------------------------------------------------------------------------------------
// The pass table

/// How one check ended in the table.
enum class Outcome { passed, failed, divergent, not_built };

/// Counts for one dialect key or backend. Divergent and not-built count as failures in `pct`.
struct Tally {
    std::size_t passed = 0, failed = 0, divergent = 0, not_built = 0;
    [[nodiscard]] std::size_t total() const { return passed + failed + divergent + not_built; }
    /// passed / total in percent; 0 when empty.
    [[nodiscard]] double pct() const;
};

/// Accumulates compile checks per dialect key and row checks per backend, and renders the table.
class PassTable {
public:
    explicit PassTable(Divergences divergences = {});

    /// Records a compile check. A failure listed in the divergences counts as divergent.
    Outcome add(const CompareResult& result);
    /// Records a case sqla cannot build yet for `dialect` (compare.py counts it "not produced").
    void add_not_built(std::string_view dialect);
    /// Records a row check on `backend`. A failure listed in the divergences counts as divergent.
    Outcome add_rows(std::string_view case_id, std::string_view backend, const RowCompareResult& result);
    /// Records a row check on `backend` that could not run (no database, case not built...).
    void add_rows_not_run(std::string_view backend);

    [[nodiscard]] Tally sql(std::string_view dialect) const;
    [[nodiscard]] Tally rows(std::string_view backend) const;

    /// A fixed-width table per dialect key and per backend, then up to `failures_shown`
    /// diagnostics per key, the divergences met, and divergences that no longer fail.
    [[nodiscard]] std::string render(std::size_t failures_shown = 5) const;

private:
    struct Note {
        std::string key;  ///< Dialect key, or "rows:" + backend.
        Outcome outcome;
        std::string text;
    };
    Outcome record(std::map<std::string, Tally, std::less<>>& tallies, std::string_view key_prefix,
                   std::string_view case_id, std::string_view key, bool passed, const std::string& diagnostic);

    Divergences divergences_;
    std::map<std::string, Tally, std::less<>> sql_;
    std::map<std::string, Tally, std::less<>> rows_;
    std::vector<Note> notes_;
};

}  // namespace sqla::corpus
