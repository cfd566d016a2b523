// sqla: sql/compiler.cpp. The base SQL compiler and identifier quoting.
// SPDX-License-Identifier: MIT
module;
#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <vector>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <variant>

module sqla;

namespace sqla {

IdentifierPreparer::IdentifierPreparer(std::unordered_set<std::string> reserved_words, char quote, char end_quote)
    : reserved_(std::move(reserved_words)), quote_(quote), end_quote_(end_quote) {}

IdentifierPreparer::~IdentifierPreparer() = default;

bool IdentifierPreparer::requires_quotes(std::string_view name) const {
    if (name.empty()) return true;
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower != name) return true;
    if (reserved_.contains(lower)) return true;
    if (std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '$') return true;
    return !std::all_of(name.begin(), name.end(),
                        [](unsigned char c) { return std::isalnum(c) || c == '_' || c == '$'; });
}

std::string IdentifierPreparer::quote_identifier(std::string_view name) const {
    std::string out(1, quote_);
    for (char c : name) {
        out.push_back(c);
        if (c == end_quote_) out.push_back(c);
    }
    out.push_back(end_quote_);
    return out;
}

std::string IdentifierPreparer::quote(std::string_view name) const {
    return requires_quotes(name) ? quote_identifier(name) : std::string(name);
}

namespace {

constexpr char marker_open = '\x01';
constexpr char marker_close = '\x02';

// A bound parameter's name where the paramstyle writes it into the SQL (`:name`, `%(name)s`).
// Names come from the API (bindparam(), column keys), so they are escaped: SQLAlchemy's
// _BIND_TRANSLATE_CHARS for `%():[] ` (P, A, Z, C, _), and '_' for any other ASCII character
// that is not a letter, digit, '_' or '$' (a quote, ';', '-', '.', a line break...), which
// SQLAlchemy leaves as it is: `:a--b` would comment out the rest of the statement. Bytes of
// UTF-8 letters stay. Values still bind by position: the names only label the placeholders.
void bind_name(std::string& out, std::string_view name) {
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
            case '%': out += 'P'; continue;
            case '(': out += 'A'; continue;
            case ')': out += 'Z'; continue;
            case ':': out += 'C'; continue;
            default: break;
        }
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                          c == '$' || c >= 0x80;
        out += word ? ch : '_';
    }
}

void placeholder(std::string& out, ParamStyle style, std::string_view name, std::size_t position) {
    switch (style) {
        case ParamStyle::qmark: out += '?'; break;
        case ParamStyle::numeric: out += ':' + std::to_string(position); break;
        case ParamStyle::named: out += ':'; bind_name(out, name); break;
        case ParamStyle::format: out += "%s"; break;
        case ParamStyle::pyformat: out += "%("; bind_name(out, name); out += ")s"; break;
        case ParamStyle::numeric_dollar: out += '$' + std::to_string(position); break;
    }
}

// SQLAlchemy's IdentifierPreparer._requires_quotes_illegal_chars: whether a function or package
// name holds anything but ASCII letters, digits, '_' and '$' (case and reserved words aside).
bool illegal_name_chars(std::string_view name) {
    return name.empty() || !std::all_of(name.begin(), name.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    });
}

// The body of an anonymous name (SQLAlchemy's _anonymous_label.safe_construct): each run of
// '%', '(', ')', ' ' and '$' becomes one '_'; a bound parameter's (`strip`) loses leading and
// trailing '_' too.
std::string anonymous_base(std::string_view base, bool strip) {
    std::string out;
    out.reserve(base.size());
    bool run = false;
    for (const char c : base) {
        const bool special = c == '%' || c == '(' || c == ')' || c == ' ' || c == '$';
        if (special && !run) out += '_';
        if (!special) out += c;
        run = special;
    }
    if (strip) {
        const auto first = out.find_first_not_of('_');
        if (first == std::string::npos) return {};
        out = out.substr(first, out.find_last_not_of('_') - first + 1);
    }
    return out;
}

// A literal-execute slot's value as SQL text (integers and NULL: they are row limits).
std::string literal_execute_text(const BindSlot& slot, std::span<const Value> values, std::size_t index) {
    if (index >= values.size())
        throw CompileError("no value was given for the literal-execute parameter \"" + slot.name + "\"");
    const Value& v = values[index];
    if (v.is_null()) return "NULL";
    if (const auto* i = std::get_if<std::int64_t>(&v.storage())) return std::to_string(*i);
    throw CompileError("the literal-execute parameter \"" + slot.name + "\" can only render an integer, not " +
                       v.repr());
}

// Replaces each marker of `tmpl` with its slot's placeholder(s). `display` writes SQLAlchemy's
// __[POSTCOMPILE_name] for expanding and literal-execute slots instead of expanding them;
// otherwise literal-execute slots become their value from `literals`.
std::string render_placeholders(std::string_view tmpl, const std::vector<BindSlot>& slots, ParamStyle style,
                                std::span<const std::size_t> sizes, bool display,
                                std::span<const Value> literals = {}) {
    std::string out;
    out.reserve(tmpl.size() + 16);
    std::size_t position = 0;
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        if (tmpl[i] != marker_open) {
            out.push_back(tmpl[i]);
            continue;
        }
        const std::size_t close = tmpl.find(marker_close, i);
        std::size_t index = 0;
        for (std::size_t k = i + 1; k < close; ++k) index = index * 10 + static_cast<std::size_t>(tmpl[k] - '0');
        i = close;
        const BindSlot& slot = slots[index];
        if (slot.literal_execute && !slot.expanding) {
            out += display ? "__[POSTCOMPILE_" + slot.name + "]" : literal_execute_text(slot, literals, index);
            continue;
        }
        if (!slot.expanding) {
            placeholder(out, style, slot.name, ++position);
            continue;
        }
        if (display) {
            out += "__[POSTCOMPILE_" + slot.name + "]";
            continue;
        }
        const std::size_t n = sizes[index];
        if (n == 0) {
            out += slot.empty_text;
            continue;
        }
        if (slot.tuple_width == 0) {
            for (std::size_t v = 0; v < n; ++v) {
                if (v) out += ", ";
                placeholder(out, style, slot.name + "_" + std::to_string(v + 1), ++position);
            }
            continue;
        }
        out += slot.tuple_prefix;
        for (std::size_t t = 0; t < n; ++t) {
            out += t ? ", (" : "(";
            for (std::size_t v = 0; v < slot.tuple_width; ++v) {
                if (v) out += ", ";
                placeholder(out, style, slot.name + "_" + std::to_string(t + 1) + "_" + std::to_string(v + 1), ++position);
            }
            out += ')';
        }
    }
    return out;
}

// The compiler marks each placeholder (marker_open, its slot's number, marker_close) and an
// executemany INSERT's VALUES tuple (detail::values_open/close) with control characters in its
// output, and reads them back when it renders the final SQL. The same characters coming from
// the statement itself (a text() string, a quoted name, a literal) would be read as markers
// and could point at slots that do not exist: such statements are refused. Every marker the
// compiler writes is counted, so any extra one came from the statement.
void check_markers(std::string_view sql, std::size_t placeholders, std::size_t values_tuples) {
    std::size_t seen[5] = {};
    for (const char c : sql)
        if (static_cast<unsigned char>(c) < 5) ++seen[static_cast<unsigned char>(c)];
    const std::size_t expected[5] = {seen[0], placeholders, placeholders, values_tuples, values_tuples};
    for (unsigned c = 1; c < 5; ++c)
        if (seen[c] != expected[c]) {
            static constexpr char hex[] = "0123456789ABCDEF";
            throw CompileError(std::string("the statement's SQL contains the control character U+000") + hex[c] +
                               ", which the compiler reserves for its own markers (U+0001 to U+0004); "
                               "send such characters as bound parameter values");
        }
}

}  // namespace

std::string render_insertmanyvalues(const Compiled& compiled, std::size_t rows) {
    if (!compiled.insertmanyvalues) throw CompileError("this statement was not compiled for insertmanyvalues");
    const auto& imv = *compiled.insertmanyvalues;
    const std::size_t width = compiled.binds.size();
    std::string out;
    out.reserve(imv.head.size() + imv.tail.size() + rows * (imv.row.size() + 2 + width * 4));
    out += imv.head;
    for (std::size_t r = 0; r < rows; ++r) {
        if (r) out += ", ";
        for (std::size_t i = 0; i < imv.row.size(); ++i) {
            if (imv.row[i] != marker_open) {
                out.push_back(imv.row[i]);
                continue;
            }
            const std::size_t close = imv.row.find(marker_close, i);
            std::size_t index = 0;
            for (std::size_t k = i + 1; k < close; ++k) index = index * 10 + static_cast<std::size_t>(imv.row[k] - '0');
            i = close;
            const bool named = compiled.paramstyle == ParamStyle::named || compiled.paramstyle == ParamStyle::pyformat;
            placeholder(out, compiled.paramstyle,
                        named ? compiled.binds[index].name + "__" + std::to_string(r) : std::string_view{},
                        r * width + index + 1);
        }
    }
    out += imv.tail;
    return out;
}

std::string render_expanded(const Compiled& compiled, std::span<const std::size_t> sizes,
                            std::span<const Value> literal_values) {
    if (!compiled.has_expanding()) return compiled.sql;
    return render_placeholders(compiled.template_sql, compiled.binds, compiled.paramstyle, sizes, false,
                               literal_values);
}

SQLCompiler::SQLCompiler(const Capabilities& capabilities, const IdentifierPreparer& preparer, ParamStyle paramstyle)
    : capabilities_(capabilities), preparer_(preparer), paramstyle_(paramstyle) {}

SQLCompiler::~SQLCompiler() = default;

Compiled SQLCompiler::compile(const ClauseElement& element) {
    CacheKey key;
    element.append_cache_key(key);
    return compile(element, key);
}

Compiled SQLCompiler::compile(const ClauseElement& element, const CacheKey& key) {
    static std::atomic<std::uint64_t> next_id{1};
    bind_index_.clear();
    for (std::size_t i = 0; i < key.binds.size(); ++i) bind_index_.emplace(key.binds[i], static_cast<int>(i));
    out_.clear();
    binds_.clear();
    result_columns_.clear();
    column_names_.clear();
    column_sources_.clear();
    column_keys_ = key.column_keys;
    for_executemany_ = key.for_executemany;
    implicit_returning_.clear();
    sentinel_.reset();
    ctes_.clear();
    cte_names_.clear();
    values_markers_ = 0;
    insert_select_at_.reset();
    process(element);
    if (!ctes_.empty()) {
        if (insert_select_at_ && cte_follows_insert())
            out_.insert(*insert_select_at_, with_clause(ctes_) + "\n ");
        else
            out_ = with_clause(ctes_) + "\n " + out_;
    }
    check_markers(out_, binds_.size(), values_markers_);
    // Parts can be rendered out of text order (a WITH clause goes first): number the
    // placeholders in the order they appear, which is the order values are sent in.
    {
        std::vector<BindSlot> ordered;
        ordered.reserve(binds_.size());
        std::string renumbered;
        renumbered.reserve(out_.size());
        for (std::size_t i = 0; i < out_.size(); ++i) {
            if (out_[i] != marker_open) {
                renumbered.push_back(out_[i]);
                continue;
            }
            const std::size_t close = out_.find(marker_close, i);
            std::size_t index = 0;
            for (std::size_t k = i + 1; k < close; ++k) index = index * 10 + static_cast<std::size_t>(out_[k] - '0');
            renumbered += marker_open;
            renumbered += std::to_string(ordered.size());
            renumbered += marker_close;
            ordered.push_back(std::move(binds_[index]));
            i = close;
        }
        out_ = std::move(renumbered);
        binds_ = std::move(ordered);
    }
    Compiled c{std::move(out_), std::move(binds_), std::move(result_columns_),
               next_id.fetch_add(1, std::memory_order_relaxed), paramstyle_, {}, std::move(implicit_returning_)};
    bool expanding = false;
    for (const auto& slot : c.binds) expanding = expanding || slot.expanding || slot.literal_execute;
    if (const auto open = c.sql.find(detail::values_open); open != std::string::npos) {
        // visit_insert marked the VALUES tuple of an executemany INSERT: it can be batched when
        // every placeholder is inside it (none in a WITH, an upsert's SET or a RETURNING).
        const auto close = c.sql.find(detail::values_close, open);
        InsertManyValues imv{c.sql.substr(0, open), c.sql.substr(open + 1, close - open - 1), c.sql.substr(close + 1)};
        std::erase_if(c.sql, [](char ch) { return ch == detail::values_open || ch == detail::values_close; });
        if (!expanding && imv.head.find(detail::values_open) == std::string::npos &&
            imv.tail.find(detail::values_open) == std::string::npos && !c.binds.empty() && imv.head.find(marker_open) == std::string::npos &&
            imv.tail.find(marker_open) == std::string::npos) {
            imv.rows_per_batch = std::max<std::size_t>(
                1, std::min(capabilities_.insertmanyvalues_page_size,
                            capabilities_.insertmanyvalues_max_parameters / c.binds.size()));
            imv.returning = !c.result_columns.empty();
            if (sentinel_) {
                // The key columns added for the sentinel are the engine's, not the caller's.
                c.result_columns.resize(c.result_columns.size() - sentinel_->hidden);
                imv.sentinel = std::move(sentinel_);
                sentinel_.reset();
            }
            c.insertmanyvalues = std::move(imv);
        }
    }
    if (sentinel_ && sentinel_->hidden)
        throw CompileError("returning(..., sort_by_parameter_order) cannot batch this INSERT (its parameters are not "
                           "all inside VALUES); return the primary key columns to have it run set by set");
    // The compiler writes a marker per placeholder; the final text is rendered here once,
    // and again per execution only when expanding parameters change the placeholder count
    // (or literal-execute values go into the text).
    std::vector<std::size_t> none(c.binds.size(), 0);
    if (expanding) {
        c.template_sql = std::move(c.sql);
        c.sql = render_placeholders(c.template_sql, c.binds, c.paramstyle, none, true);
    } else {
        c.sql = render_placeholders(c.sql, c.binds, c.paramstyle, none, false);
    }
    return c;
}

void SQLCompiler::process(const ClauseElement& element) {
    switch (element.kind()) {
        case ElementKind::text_clause: return visit_text_clause(static_cast<const TextClauseElement&>(element));
        case ElementKind::select: return visit_select(static_cast<const SelectNode&>(element));
        case ElementKind::column: return visit_column(static_cast<const ColumnClauseNode&>(element));
        case ElementKind::table: return visit_table(static_cast<const TableNode&>(element));
        case ElementKind::alias: return visit_alias(static_cast<const AliasNode&>(element));
        case ElementKind::join: return visit_join(static_cast<const JoinNode&>(element));
        case ElementKind::bind_param: return visit_bind_param(static_cast<const BindParamNode&>(element));
        case ElementKind::null: return visit_null(static_cast<const ColumnElementNode&>(element));
        case ElementKind::true_: return visit_true(static_cast<const ColumnElementNode&>(element));
        case ElementKind::false_: return visit_false(static_cast<const ColumnElementNode&>(element));
        case ElementKind::label: return visit_label(static_cast<const LabelNode&>(element));
        case ElementKind::unary: return visit_unary(static_cast<const UnaryNode&>(element));
        case ElementKind::binary: return visit_binary(static_cast<const BinaryNode&>(element));
        case ElementKind::clause_list: return visit_clause_list(static_cast<const ClauseListNode&>(element));
        case ElementKind::grouping: return visit_grouping(static_cast<const GroupingNode&>(element));
        case ElementKind::function: return visit_function(static_cast<const FunctionNode&>(element));
        case ElementKind::scalar_select: return visit_scalar_select(static_cast<const ScalarSelectNode&>(element));
        case ElementKind::subquery: return visit_subquery(static_cast<const SubqueryNode&>(element));
        case ElementKind::cte: return visit_cte(static_cast<const SubqueryNode&>(element));
        case ElementKind::compound_select: return visit_compound_select(static_cast<const CompoundSelectNode&>(element));
        case ElementKind::cast: return visit_cast(static_cast<const CastNode&>(element));
        case ElementKind::extract: return visit_extract(static_cast<const ExtractNode&>(element));
        case ElementKind::case_: return visit_case(static_cast<const CaseNode&>(element));
        case ElementKind::over: return visit_over(static_cast<const OverNode&>(element));
        case ElementKind::filter: return visit_filter(static_cast<const FilterNode&>(element));
        case ElementKind::insert: return visit_insert(static_cast<const InsertNode&>(element));
        case ElementKind::update: return visit_update(static_cast<const UpdateNode&>(element));
        case ElementKind::delete_: return visit_delete(static_cast<const DeleteNode&>(element));
        case ElementKind::ddl: return visit_ddl(static_cast<const DDLNode&>(element));
        case ElementKind::text_expression:
            return visit_text_clause(static_cast<const TextExpressionNode&>(element).text());
        case ElementKind::text_from: return visit_text_clause(static_cast<const TextFromNode&>(element).text());
        case ElementKind::textual_select: return visit_textual_select(static_cast<const TextualSelectNode&>(element));
        case ElementKind::label_reference:
            return visit_label_reference(static_cast<const LabelReferenceNode&>(element));
        case ElementKind::within_group: return visit_within_group(static_cast<const WithinGroupNode&>(element));
        case ElementKind::values: return visit_values(static_cast<const ValuesNode&>(element));
        case ElementKind::tablesample: return visit_tablesample(static_cast<const TableSampleNode&>(element));
        case ElementKind::table_valued: return visit_table_valued(static_cast<const TableValuedNode&>(element));
        case ElementKind::aggregate_order_by:
            return visit_aggregate_order_by(static_cast<const AggregateOrderByNode&>(element));
    }
    visit_unsupported_compilation(element, "this element");
}

std::string SQLCompiler::render(const ClauseElement& element) {
    std::string saved = std::move(out_);
    out_.clear();
    process(element);
    std::string rendered = std::move(out_);
    out_ = std::move(saved);
    return rendered;
}

void SQLCompiler::process_literal_execute(const ClauseElement& element) {
    const bool saved = literal_execute_;
    literal_execute_ = true;
    process(element);
    literal_execute_ = saved;
}

std::string SQLCompiler::anonymous_name(const void* node, std::string_view base) {
    auto it = anon_names_.find(node);
    if (it != anon_names_.end()) return it->second;
    const std::string body = anonymous_base(base, false);
    int& counter = anon_counters_[body];
    std::string name = body + "_" + std::to_string(++counter);
    anon_names_.emplace(node, name);
    return name;
}

void SQLCompiler::visit_text_clause(const TextClauseElement& element) {
    for (const auto& piece : element.pieces()) {
        if (piece.is_bind) {
            if (const auto* bound = element.bound(piece.text))
                visit_bind_param(*bound);
            else
                bind_param(piece.text);
        } else if (paramstyle_ == ParamStyle::format || paramstyle_ == ParamStyle::pyformat) {
            // These paramstyles treat '%' as special, so literal ones are doubled.
            for (char c : piece.text) {
                out_.push_back(c);
                if (c == '%') out_.push_back('%');
            }
        } else {
            out_ += piece.text;
        }
    }
}

namespace {

// The FROMs an expression refers to, in order of first appearance (SQLAlchemy's _from_objects).
void collect_froms(const ClauseElement& e, std::vector<const FromClauseNode*>& out) {
    auto add = [&](const FromClauseNode* f) {
        if (f && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    };
    switch (e.kind()) {
        case ElementKind::column: add(static_cast<const ColumnClauseNode&>(e).table()); break;
        case ElementKind::label: collect_froms(static_cast<const LabelNode&>(e).element(), out); break;
        case ElementKind::unary: collect_froms(static_cast<const UnaryNode&>(e).element(), out); break;
        case ElementKind::grouping: collect_froms(static_cast<const GroupingNode&>(e).element(), out); break;
        case ElementKind::binary: {
            const auto& b = static_cast<const BinaryNode&>(e);
            collect_froms(b.left(), out);
            collect_froms(b.right(), out);
            break;
        }
        case ElementKind::clause_list:
            for (const auto& c : static_cast<const ClauseListNode&>(e).clauses()) collect_froms(*c, out);
            break;
        case ElementKind::function:
            for (const auto& a : static_cast<const FunctionNode&>(e).args()) collect_froms(*a, out);
            break;
        case ElementKind::cast: collect_froms(static_cast<const CastNode&>(e).element(), out); break;
        case ElementKind::aggregate_order_by: {
            const auto& a = static_cast<const AggregateOrderByNode&>(e);
            collect_froms(a.target(), out);
            for (const auto& o : a.order_by()) collect_froms(*o, out);
            break;
        }
        case ElementKind::within_group: {
            const auto& w = static_cast<const WithinGroupNode&>(e);
            collect_froms(w.element(), out);
            for (const auto& o : w.order_by()) collect_froms(*o, out);
            break;
        }
        case ElementKind::extract: collect_froms(static_cast<const ExtractNode&>(e).expr(), out); break;
        case ElementKind::filter: {
            const auto& f = static_cast<const FilterNode&>(e);
            collect_froms(f.function(), out);
            collect_froms(f.criterion(), out);
            break;
        }
        case ElementKind::over: {
            const auto& o = static_cast<const OverNode&>(e);
            collect_froms(o.element(), out);
            for (const auto& p : o.partition_by()) collect_froms(*p, out);
            for (const auto& p : o.order_by()) collect_froms(*p, out);
            break;
        }
        case ElementKind::case_: {
            const auto& c = static_cast<const CaseNode&>(e);
            if (c.value()) collect_froms(*c.value(), out);
            for (const auto& w : c.whens()) {
                collect_froms(*w.condition, out);
                collect_froms(*w.result, out);
            }
            if (c.else_()) collect_froms(*c.else_(), out);
            break;
        }
        default: break;
    }
}

}  // namespace

std::string SQLCompiler::with_clause(const std::vector<RenderedCte>& ctes) const {
    bool recursive = false;
    for (const auto& c : ctes) recursive = recursive || c.recursive;
    std::string with = "WITH ";
    if (recursive) with += recursive_keyword();
    for (std::size_t i = 0; i < ctes.size(); ++i) {
        if (i) with += ", \n";
        with += preparer_.quote(ctes[i].name);
        if (ctes[i].recursive) {
            with += '(';
            for (std::size_t k = 0; k < ctes[i].columns.size(); ++k)
                with += (k ? ", " : "") + preparer_.quote(ctes[i].columns[k]);
            with += ')';
        }
        with += " AS \n(" + ctes[i].sql + ")";
    }
    return with;
}

void SQLCompiler::visit_select(const SelectNode& select) {
    // A nesting CTE used in this SELECT puts its WITH here, before the SELECT.
    const std::size_t start = out_.size();
    nested_ctes_.emplace_back();
    visit_select_body(select);
    auto nested = std::move(nested_ctes_.back());
    nested_ctes_.pop_back();
    if (!nested.empty()) out_.insert(start, with_clause(nested) + "\n ");
}

void SQLCompiler::visit_select_body(const SelectNode& select) {
    const auto& p = select.parts();
    const bool top = select_depth_ == 0;
    ++select_depth_;

    // FROM list: what the columns and criteria refer to, then explicit select_from()s; a FROM
    // that a join in the list contains is shown by the join only.
    std::vector<const FromClauseNode*> froms;
    for (const auto& c : p.columns) collect_froms(*c, froms);
    for (const auto& w : p.where) collect_froms(*w, froms);
    for (const auto& f : p.from)
        if (std::find(froms.begin(), froms.end(), f.get()) == froms.end()) froms.push_back(f.get());
    std::vector<const FromClauseNode*> shown;
    for (const auto* f : froms) {
        bool hidden = false;
        for (const auto* other : froms)
            if (other != f && other->kind() == ElementKind::join &&
                static_cast<const JoinNode*>(other)->contains(f))
                hidden = true;
        if (!hidden) shown.push_back(f);
    }
    // Auto-correlation: a subquery leaves out FROMs its enclosing SELECTs have, unless that
    // would leave it none (SQLAlchemy's rule).
    // correlate() limits that to the FROMs it names; correlate_except() to all but those.
    if (!top) {
        auto listed = [](const std::optional<std::vector<std::shared_ptr<const FromClauseNode>>>& list,
                         const FromClauseNode* f) {
            return list && std::any_of(list->begin(), list->end(), [&](const auto& x) { return x.get() == f; });
        };
        std::vector<const FromClauseNode*> kept;
        // Auto-correlation looks at the immediately enclosing SELECT only (SQLAlchemy's
        // implicit_correlate_froms); correlate() / correlate_except() at every enclosing one.
        const bool explicit_correlation = p.correlate || p.correlate_except;
        const auto first_level = explicit_correlation || enclosing_froms_.empty() ? enclosing_froms_.begin()
                                                                                   : enclosing_froms_.end() - 1;
        for (const auto* f : shown) {
            bool enclosing = false;
            for (auto level_it = first_level; level_it != enclosing_froms_.end(); ++level_it)
                for (const auto* e : *level_it)
                    enclosing = enclosing || e == f ||
                                (e->kind() == ElementKind::join && static_cast<const JoinNode*>(e)->contains(f));
            if (p.correlate && !listed(p.correlate, f)) enclosing = false;
            if (p.correlate_except && listed(p.correlate_except, f)) enclosing = false;
            if (!enclosing) kept.push_back(f);
        }
        if (!kept.empty()) shown = std::move(kept);
    }
    enclosing_froms_.push_back(shown);
    select_stack_.push_back(&p);

    const bool label_all = label_columns_;
    label_columns_ = false;
    out_ += "SELECT ";
    out_ += statement_prefixes(p.prefixes);
    select_precolumns(p);
    for (std::size_t i = 0; i < p.columns.size(); ++i) {
        if (i) out_ += ", ";
        in_columns_clause_ = true;
        select_column(*p.columns[i], label_all);
        in_columns_clause_ = false;
    }
    if (shown.empty()) no_from_clause();
    if (!shown.empty()) {
        out_ += " \nFROM ";
        for (std::size_t i = 0; i < shown.size(); ++i) {
            if (i) out_ += ", ";
            process(*shown[i]);
        }
    }
    if (!p.where.empty()) {
        out_ += " \nWHERE ";
        criteria(p.where);
    }
    if (!p.group_by.empty()) {
        out_ += " GROUP BY ";
        for (std::size_t i = 0; i < p.group_by.size(); ++i) {
            if (i) out_ += ", ";
            process(*p.group_by[i]);
        }
    }
    if (!p.having.empty()) {
        out_ += " \nHAVING ";
        criteria(p.having);
    }
    if (!p.order_by.empty()) {
        out_ += " ORDER BY ";
        for (std::size_t i = 0; i < p.order_by.size(); ++i) {
            if (i) out_ += ", ";
            // A label of the columns clause (alone or under ASC/DESC/NULLS) is named, not
            // repeated (SQLAlchemy's _label_reference), where the dialect allows it.
            const ColumnElementNode* item = p.order_by[i].get();
            while (item->kind() == ElementKind::unary && static_cast<const UnaryNode*>(item)->op() == Operator::none)
                item = &static_cast<const UnaryNode*>(item)->element();
            const LabelNode* saved = label_as_name_;
            if (item->kind() == ElementKind::label && supports_simple_order_by_label()) {
                const auto* label = static_cast<const LabelNode*>(item);
                for (const auto& c : p.columns)
                    if (c.get() == label ||
                        (c->kind() == ElementKind::label && label->name() &&
                         static_cast<const LabelNode&>(*c).name() == label->name() &&
                         &static_cast<const LabelNode&>(*c).element() == &label->element()))
                        label_as_name_ = label;
            }
            process(*p.order_by[i]);
            label_as_name_ = saved;
        }
    }
    if (p.fetch)
        fetch_clause(p);
    else if (p.limit || p.offset)
        limit_clause(p);
    if (p.for_update) for_update_clause(p);
    // A space even when no suffix applies to this dialect, as SQLAlchemy writes it.
    if (!p.suffixes.empty()) out_ += " " + statement_prefixes(p.suffixes);
    select_stack_.pop_back();
    enclosing_froms_.pop_back();
    --select_depth_;
}

namespace {
// The name a SELECT column has without a label: a column's, or DISTINCT/ordering around one.
const ColumnClauseNode* named_column(const ColumnElementNode& e) {
    if (e.kind() == ElementKind::column) return &static_cast<const ColumnClauseNode&>(e);
    if (e.kind() == ElementKind::unary) return named_column(static_cast<const UnaryNode&>(e).element());
    // CAST and type_coerce() keep the name of what they convert.
    if (e.kind() == ElementKind::cast) return named_column(static_cast<const CastNode&>(e).element());
    return nullptr;
}
}  // namespace

void SQLCompiler::select_column(const ColumnElementNode& column, bool label_all) {
    std::string name;
    if (const auto* named = named_column(column)) {
        process(column);
        name = named->name();
        // CAST(col) and type_coerce(col) are labelled with the column's name, as SQLAlchemy does.
        const bool coerced = column.kind() == ElementKind::cast;
        if ((label_all || coerced) && !named->is_literal()) {
            // Inside a subquery or CTE every column is labelled with its name.
            out_ += " AS ";
            out_ += preparer_.quote(name);
        } else if (select_depth_ == 1 && !skip_results_ &&
                   std::find(column_names_.begin(), column_names_.end(), name) != column_names_.end()) {
            // The same name twice. SQLAlchemy 1.4 labels the same column repeated `name__1`, and
            // another column of that name with an anonymous label, `name_1` (counted with the
            // other anonymous names made from that name).
            bool same = false;
            for (std::size_t i = 0; i < column_names_.size(); ++i)
                same = same || (column_names_[i] == name && column_sources_[i] == named);
            if (same) {
                int n = 1;
                while (std::find(column_names_.begin(), column_names_.end(), name + "__" + std::to_string(n)) !=
                       column_names_.end())
                    ++n;
                name += "__" + std::to_string(n);
            } else {
                name = anonymous_name(&column, name);
            }
            out_ += " AS ";
            out_ += preparer_.quote(name);
        }
    } else if (column.kind() == ElementKind::label) {
        const auto& label = static_cast<const LabelNode&>(column);
        process(label);
        name = label.name() ? *label.name() : anonymous_name(&label, label.anonymous_base());
    } else if (column.kind() == ElementKind::unary && static_cast<const UnaryNode&>(column).op() != Operator::exists &&
               static_cast<const UnaryNode&>(column).op() != Operator::none) {
        // A prefix operator (-x, NOT x, DISTINCT x) is not labelled: SQLAlchemy labels only
        // unary expressions that wrap a column expression (EXISTS). Its result column is named
        // by its SQL, as the database names it, and takes no anonymous number.
        const auto start = out_.size();
        process(column);
        name = out_.substr(start);
    } else {
        // Expressions without a name get an anonymous label: count(*) AS count_1, x + 1 AS anon_1.
        // A function's is named after the function, without its package names (pkg.fn: fn_1).
        std::string_view base = "anon";
        if (column.kind() == ElementKind::function) {
            base = static_cast<const FunctionNode&>(column).name();
            if (const auto dot = base.rfind('.'); dot != std::string_view::npos) base.remove_prefix(dot + 1);
        }
        name = anonymous_name(&column, base);
        // The same expression twice (select(null(), null())) is labelled `anon__1` the second
        // time, as SQLAlchemy dedupes a repeated column.
        if (select_depth_ == 1 && !skip_results_ &&
            std::find(column_names_.begin(), column_names_.end(), name) != column_names_.end()) {
            const std::string stem = name.substr(0, name.rfind('_'));
            int n = 1;
            while (std::find(column_names_.begin(), column_names_.end(), stem + "__" + std::to_string(n)) !=
                   column_names_.end())
                ++n;
            name = stem + "__" + std::to_string(n);
        }
        process(column);
        out_ += " AS ";
        out_ += preparer_.quote(name);
    }
    if (select_depth_ == 1 && !skip_results_) {
        column_sources_.push_back(named_column(column));
        column_names_.push_back(name);
        add_result_column(std::move(name), column);
    }
}

std::string expression_key(const ClauseElement& element) {
    CacheKey key;
    element.append_cache_key(key);
    return std::move(key.key);
}

void SQLCompiler::add_result_column(std::string name, const ColumnElementNode& column) {
    ResultColumn result{std::move(name), column.type()};
    result.targets.push_back(expression_key(column));
    // type_coerce(col) answers to the column too, as SQLAlchemy's visit_type_coerce passes the
    // result map on to what it wraps; a label answers only to itself (SQLAlchemy 2.0).
    if (column.kind() == ElementKind::cast) {
        const auto& cast = static_cast<const CastNode&>(column);
        if (cast.coerce_only()) result.targets.push_back(expression_key(cast.element()));
    }
    result_columns_.push_back(std::move(result));
}

std::string_view SQLCompiler::operator_text(Operator op) const {
    // Paramstyles that use % double a literal one.
    if (op == Operator::mod && (paramstyle_ == ParamStyle::format || paramstyle_ == ParamStyle::pyformat))
        return " %% ";
    return binary_text(op);
}

void SQLCompiler::criteria(const std::vector<ColumnElementPtr>& list) {
    if (list.size() == 1) {
        where_criterion(*list.front());
        return;
    }
    // Several where() calls are one AND: TRUE drops out and FALSE decides it, as SQLAlchemy's
    // and_(*criteria) folds them; the rest are parenthesised as AND requires.
    std::vector<ColumnElement> items;
    for (const auto& c : list) items.emplace_back(c);
    added_.push_back(and_(std::move(items)).node_ptr());
    const auto& all = *added_.back();
    if (all.kind() == ElementKind::clause_list && static_cast<const ClauseListNode&>(all).op() == Operator::and_)
        process(all);
    else
        where_criterion(all);
}

void SQLCompiler::where_criterion(const ColumnElementNode& criterion) {
    process(criterion);
    // Where booleans are integers, a bare boolean (a Boolean column, TRUE, FALSE) is compared
    // with 1: `is_active = 1`, `0 = 1` (and MySQL's `false = 1`), as SQLAlchemy renders it.
    if (!capabilities_.supports_native_boolean) {
        const auto kind = criterion.kind();
        if (kind == ElementKind::true_ || kind == ElementKind::false_ ||
            (kind == ElementKind::column && criterion.type().kind() == TypeKind::boolean))
            out_ += " = 1";
    }
}

void SQLCompiler::no_from_clause() {}

std::string SQLCompiler::statement_prefixes(std::span<const StatementPrefix> prefixes) const {
    std::string out;
    for (const auto& p : prefixes) {
        if (p.dialect && *p.dialect != dialect_name()) continue;
        if (!out.empty()) out += ' ';
        out += p.text;
    }
    if (!out.empty()) out += ' ';
    return out;
}

void SQLCompiler::select_precolumns(const SelectParts& select) {
    if (!select.distinct_on.empty())
        throw CompileError("DISTINCT ON is PostgreSQL's; this dialect has no DISTINCT ON (use distinct() without "
                           "expressions, or a window function)");
    if (select.distinct) out_ += "DISTINCT ";
}

void SQLCompiler::fetch_clause(const SelectParts& select) {
    if (select.offset) {
        out_ += "\n OFFSET ";
        process(*select.offset);
        out_ += " ROWS";
    }
    out_ += "\n FETCH FIRST ";
    process(*select.fetch);
    if (select.fetch_percent) out_ += " PERCENT";
    out_ += select.fetch_with_ties ? " ROWS WITH TIES" : " ROWS ONLY";
}

void SQLCompiler::for_update_clause(const SelectParts& select) {
    const auto& f = *select.for_update;
    out_ += " FOR UPDATE";
    if (!f.of.empty()) {
        out_ += " OF ";
        for (std::size_t i = 0; i < f.of.size(); ++i) {
            if (i) out_ += ", ";
            // An alias is named by its name alone (not `table AS name`).
            if (f.of[i]->kind() == ElementKind::alias) {
                const auto& a = static_cast<const AliasNode&>(*f.of[i]);
                out_ += preparer_.quote(a.name() ? *a.name() : anonymous_name(&a, a.anonymous_base()));
            } else {
                process(*f.of[i]);
            }
        }
    }
    if (f.nowait) out_ += " NOWAIT";
    if (f.skip_locked) out_ += " SKIP LOCKED";
}

void SQLCompiler::limit_clause(const SelectParts& select) {
    if (select.limit) {
        out_ += "\n LIMIT ";
        process(*select.limit);
    }
    if (select.offset) {
        if (!select.limit) out_ += "\n LIMIT -1";
        out_ += " OFFSET ";
        process(*select.offset);
    }
}

void SQLCompiler::visit_column(const ColumnClauseNode& column) {
    if (column.is_literal()) {
        if (paramstyle_ == ParamStyle::format || paramstyle_ == ParamStyle::pyformat) {
            for (char c : column.name()) {
                out_.push_back(c);
                if (c == '%') out_.push_back('%');  // these paramstyles treat % as special
            }
        } else {
            out_ += column.name();
        }
        return;
    }
    if (const auto* table = include_table_ ? column.table() : nullptr) {
        switch (table->kind()) {
            case ElementKind::table: {
                const auto& t = static_cast<const TableNode&>(*table);
                if (t.schema()) out_ += quote_schema(*t.schema()) + ".";
                out_ += preparer_.quote(t.name());
                out_ += '.';
                break;
            }
            case ElementKind::alias: {
                const auto& a = static_cast<const AliasNode&>(*table);
                out_ += preparer_.quote(a.name() ? *a.name() : anonymous_name(&a, a.anonymous_base()));
                out_ += '.';
                break;
            }
            case ElementKind::table_valued: {
                // A column_valued column is named by itself.
                const auto& t = static_cast<const TableValuedNode&>(*table);
                if (t.column_valued()) break;
                out_ += preparer_.quote(t.name() ? *t.name() : anonymous_name(&t, "anon"));
                out_ += '.';
                break;
            }
            case ElementKind::tablesample: {
                const auto& t = static_cast<const TableSampleNode&>(*table);
                out_ += preparer_.quote(t.name() ? *t.name() : anonymous_name(&t, t.anonymous_base()));
                out_ += '.';
                break;
            }
            case ElementKind::values:
                out_ += preparer_.quote(static_cast<const ValuesNode&>(*table).name());
                out_ += '.';
                break;
            case ElementKind::subquery:
            case ElementKind::cte: {
                const auto& q = static_cast<const SubqueryNode&>(*table);
                out_ += preparer_.quote(q.name() ? *q.name() : anonymous_name(&q, "anon"));
                out_ += '.';
                break;
            }
            default: break;
        }
    }
    out_ += preparer_.quote(column.name());
}

void SQLCompiler::visit_table(const TableNode& table) {
    if (table.schema()) out_ += quote_schema(*table.schema()) + ".";
    out_ += preparer_.quote(table.name());
}

void SQLCompiler::visit_alias(const AliasNode& alias) {
    // An alias of an alias renders the innermost FROM under the outer name (`mytable AS a2`),
    // as SQLAlchemy's visit_alias does for an enclosing alias.
    const FromClauseNode* inner = &alias.element();
    while (inner->kind() == ElementKind::alias) inner = &static_cast<const AliasNode*>(inner)->element();
    process(*inner);
    out_ += alias_keyword();
    out_ += preparer_.quote(alias.name() ? *alias.name() : anonymous_name(&alias, alias.anonymous_base()));
}

void SQLCompiler::visit_join(const JoinNode& join) {
    process(join.left());
    out_ += join.full() ? " FULL OUTER JOIN " : join.isouter() ? " LEFT OUTER JOIN " : " JOIN ";
    process(join.right());
    out_ += " ON ";
    where_criterion(join.onclause());
}

void SQLCompiler::visit_bind_param(const BindParamNode& bind) {
    if (literal_binds_) {
        if (bind.expanding()) {
            out_ += '(';
            const auto& list = bind.list();
            const std::size_t width = bind.tuple_width();
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (i) out_ += ", ";
                if (width && i % width == 0) out_ += '(';
                out_ += render_literal_value(list[i], bind.type());
                if (width && i % width == width - 1) out_ += ')';
            }
            out_ += ')';
            return;
        }
        if (!bind.value())
            throw CompileError("bind parameter '" + bind.key() + "' has no value to render as a literal");
        out_ += render_literal_value(*bind.value(), bind.type());
        return;
    }
    auto it = bind_index_.find(&bind);
    const int extracted = it == bind_index_.end() ? -1 : it->second;
    if (bind.expanding()) {
        BindSlot slot;
        slot.name = bind.unique() ? anonymous_name(&bind, anonymous_base(bind.key(), true)) : bind.key();
        slot.extracted = extracted;
        slot.expanding = true;
        slot.type = bind.type();
        slot.tuple_width = bind.tuple_width();
        slot.empty_text = empty_set_expression(negated_in_, bind.tuple_width());
        slot.tuple_prefix = tuple_in_prefix();
        out_ += '(';
        bind_expanding(std::move(slot));
        out_ += ')';
        return;
    }
    // A parameter not in the statement's key (one a compiler added) carries its value along.
    std::optional<Value> value = extracted < 0 ? bind.value() : std::nullopt;
    std::string name = bind.unique() ? anonymous_name(&bind, anonymous_base(bind.key(), true)) : bind.key();
    if (literal_execute_ || bind.literal_execute()) {
        BindSlot slot{std::move(name), extracted, std::move(value)};
        slot.literal_execute = true;
        slot.type = bind.type();
        bind_expanding(std::move(slot));
        return;
    }
    bind_param(name, extracted, std::move(value), bind.type());
}

void SQLCompiler::visit_null(const ColumnElementNode&) { out_ += "NULL"; }
void SQLCompiler::visit_true(const ColumnElementNode&) { out_ += capabilities_.supports_native_boolean ? "true" : "1"; }
void SQLCompiler::visit_false(const ColumnElementNode&) { out_ += capabilities_.supports_native_boolean ? "false" : "0"; }

void SQLCompiler::visit_label(const LabelNode& label) {
    if (&label == label_as_name_ && !in_columns_clause_) {
        out_ += preparer_.quote(label.name() ? *label.name() : anonymous_name(&label, label.anonymous_base()));
        return;
    }
    if (!in_columns_clause_) {
        // Outside the column list a label is its expression (ORDER BY may name it instead).
        process(label.element());
        return;
    }
    in_columns_clause_ = false;
    process(label.element());
    out_ += " AS ";
    out_ += preparer_.quote(label.name() ? *label.name() : anonymous_name(&label, label.anonymous_base()));
}

void SQLCompiler::visit_unary(const UnaryNode& unary) {
    if (unary.op() == Operator::any_ || unary.op() == Operator::all_) {
        // A subquery brings its own parentheses: ANY (SELECT ...).
        const bool subquery = unary.element().kind() == ElementKind::scalar_select;
        out_ += unary.op() == Operator::any_ ? (subquery ? "ANY " : "ANY (") : (subquery ? "ALL " : "ALL (");
        process(unary.element());
        if (!subquery) out_ += ')';
        return;
    }
    // NOT of a Boolean column where booleans are integers is `col = 0` (SQLAlchemy's AsBoolean,
    // is_false).
    if (unary.op() == Operator::inv && !capabilities_.supports_native_boolean &&
        unary.element().kind() == ElementKind::column && unary.element().type().kind() == TypeKind::boolean) {
        process(unary.element());
        out_ += " = 0";
        return;
    }
    switch (unary.op()) {
        case Operator::inv: out_ += "NOT "; break;
        case Operator::neg: out_ += '-'; break;
        case Operator::distinct: out_ += "DISTINCT "; break;
        case Operator::exists: out_ += "EXISTS "; break;
        default: break;
    }
    process(unary.element());
    switch (unary.modifier()) {
        case Operator::asc: out_ += " ASC"; break;
        case Operator::desc: out_ += " DESC"; break;
        case Operator::nulls_first: out_ += " NULLS FIRST"; break;
        case Operator::nulls_last: out_ += " NULLS LAST"; break;
        default: break;
    }
}

void SQLCompiler::visit_match(const BinaryNode& binary) {
    process(binary.left());
    out_ += " MATCH ";
    process(binary.right());
}

void SQLCompiler::visit_regexp_replace(const BinaryNode&) {
    throw CompileError(std::string(dialect_name()) + " dialect does not support regular expression replacements");
}

void SQLCompiler::regexp_replace_function(const BinaryNode& binary) {
    out_ += "REGEXP_REPLACE(";
    process(binary.left());
    out_ += ", ";
    process(binary.right());
    out_ += ", ";
    process(*binary.regexp_replacement());
    if (binary.regexp_flags()) {
        out_ += ", ";
        regexp_flags_bind(binary);
    }
    out_ += ')';
}

void SQLCompiler::regexp_flags_bind(const BinaryNode& binary) {
    const auto key = binary.left().bind_key();
    added_.push_back(std::make_shared<BindParamNode>(std::string(key.empty() ? "param" : key), Value(*binary.regexp_flags()),
                                                     TypeEngine(TypeKind::string), true));
    process(*added_.back());
}

void SQLCompiler::visit_binary(const BinaryNode& binary) {
    const Operator op = binary.op();
    if (op == Operator::match || op == Operator::not_match) {
        // NOT of a match is NOT before the dialect's match (SQLAlchemy's visit_not_match_op_binary).
        if (op == Operator::not_match) out_ += "NOT ";
        visit_match(binary);
        return;
    }
    if (op == Operator::regexp_replace) {
        visit_regexp_replace(binary);
        return;
    }
    if (op == Operator::collate && binary.right().kind() == ElementKind::column) {
        process(binary.left());
        out_ += " COLLATE ";
        out_ += collation_name(static_cast<const ColumnClauseNode&>(binary.right()).name());
        return;
    }
    if (op == Operator::getitem) {
        // ARRAY indexes are PostgreSQL's (its compiler renders them); SQLAlchemy's other
        // compilers cannot render getitem either.
        throw UnsupportedCompilationError("this dialect cannot render an ARRAY index (arr[i]); ARRAY is PostgreSQL's");
    }
    if (op == Operator::ilike || op == Operator::not_ilike) {
        // Generic ILIKE: lower() on both sides.
        out_ += "lower(";
        process(binary.left());
        out_ += op == Operator::ilike ? ") LIKE lower(" : ") NOT LIKE lower(";
        process(binary.right());
        out_ += ')';
    } else {
        // NOT IN is parenthesised as a whole (its empty form is `(x NOT IN (NULL) OR 1 = 1)`).
        if (op == Operator::not_in) out_ += '(';
        process(binary.left());
        negated_in_ = op == Operator::not_in;
        if (op == Operator::custom) {
            out_ += ' ';
            out_ += binary.custom_op();
            out_ += ' ';
        } else {
            out_ += operator_text(op);
            // BETWEEN SYMMETRIC keeps its word in the custom text.
            if (!binary.custom_op().empty()) {
                out_ += binary.custom_op();
                out_ += ' ';
            }
        }
        process(binary.right());
        if (op == Operator::not_in) out_ += ')';
    }
    // The escape character is a string literal, rendered as the dialect writes one (a quote
    // doubled; on MySQL a backslash doubled too), as SQLAlchemy's visit_like_op_binary does; a
    // '%' doubled where the paramstyle reads '%'.
    if (const auto* esc = binary.escape()) {
        out_ += " ESCAPE ";
        const std::string literal =
            render_literal_value(Value(static_cast<const ColumnClauseNode&>(*esc).name()), TypeEngine(TypeKind::string));
        for (const char c : literal) {
            out_ += c;
            if (c == '%' && (paramstyle_ == ParamStyle::format || paramstyle_ == ParamStyle::pyformat)) out_ += '%';
        }
    }
}

void SQLCompiler::visit_clause_list(const ClauseListNode& list) {
    const auto sep = binary_text(list.op());
    // In AND / OR a Boolean column is a comparison where booleans are integers: `col = 1`
    // (SQLAlchemy's AsBoolean, is_true).
    const bool as_boolean = !capabilities_.supports_native_boolean && (list.op() == Operator::and_ || list.op() == Operator::or_);
    bool first = true;
    for (const auto& c : list.clauses()) {
        if (!first) out_ += sep;
        first = false;
        process(*c);
        if (as_boolean && c->kind() == ElementKind::column && c->type().kind() == TypeKind::boolean) out_ += " = 1";
    }
}

void SQLCompiler::visit_grouping(const GroupingNode& grouping) {
    out_ += '(';
    process(grouping.element());
    out_ += ')';
}

void SQLCompiler::visit_function(const FunctionNode& function) {
    // SQL's niladic functions are written without parentheses, in upper case (SQLAlchemy's AnsiFunction).
    static constexpr std::string_view ansi[] = {"current_date", "current_time", "current_timestamp", "current_user",
                                                "localtime",    "localtimestamp", "session_user",    "user"};
    if (function.args().empty()) {
        for (auto name : ansi)
            if (function.name() == name) {
                for (char c : name) out_.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
                return;
            }
        // sysdate is niladic too, written in lower case (SQLAlchemy's FUNCTIONS).
        if (function.name() == "sysdate") {
            out_ += "sysdate";
            return;
        }
    }
    // The grouping-set functions are SQL keywords: CUBE(...), ROLLUP(...), GROUPING SETS(...).
    std::string_view keyword;
    if (function.name() == "cube") keyword = "CUBE";
    if (function.name() == "rollup") keyword = "ROLLUP";
    if (function.name() == "grouping_sets") keyword = "GROUPING SETS";
    if (!keyword.empty()) {
        out_ += keyword;
        out_ += '(';
        for (std::size_t i = 0; i < function.args().size(); ++i) {
            if (i) out_ += ", ";
            process(*function.args()[i]);
        }
        out_ += ')';
        return;
    }
    // The name comes from the API: each dot-separated part (package names, then the name:
    // func("pkg.fn") is SQLAlchemy's func.pkg.fn) that is not a plain identifier is quoted, as
    // SQLAlchemy's visit_function does, so no name can write SQL of its own. Reserved words and
    // case are left as they are (`max`, `MyFunc`): a function is not a column.
    const std::string_view name = function.name();
    for (std::size_t start = 0;;) {
        const std::size_t dot = name.find('.', start);
        const std::string_view part = name.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (illegal_name_chars(part))
            out_ += preparer_.quote_identifier(part);
        else
            out_ += part;
        if (dot == std::string_view::npos) break;
        out_ += '.';
        start = dot + 1;
    }
    out_ += '(';
    if (function.args().empty() && function.name() == "count") out_ += '*';
    bool first = true;
    for (const auto& a : function.args()) {
        if (!first) out_ += ", ";
        first = false;
        process(*a);
    }
    out_ += ')';
}

void SQLCompiler::visit_unsupported_compilation(const ClauseElement& element, std::string_view what) {
    throw UnsupportedCompilationError("the compiler cannot render " + std::string(what) + " (element kind " +
                                      std::to_string(static_cast<int>(element.kind())) + ")");
}

void SQLCompiler::literal_bind(const Value& value, TypeEngine type) {
    added_.push_back(literal(value, type).node_ptr());
    process(*added_.back());
}

std::string SQLCompiler::bind_cast(const TypeEngine&) const { return {}; }

void SQLCompiler::bind_param(std::string_view name, int extracted, std::optional<Value> value, TypeEngine type) {
    out_ += marker_open;
    out_ += std::to_string(binds_.size());
    out_ += marker_close;
    if (!literal_execute_) out_ += bind_cast(type);
    BindSlot slot{std::string(name), extracted, std::move(value)};
    slot.type = std::move(type);
    binds_.push_back(std::move(slot));
}

void SQLCompiler::bind_expanding(BindSlot slot) {
    out_ += marker_open;
    out_ += std::to_string(binds_.size());
    out_ += marker_close;
    binds_.push_back(std::move(slot));
}

std::string SQLCompiler::empty_set_expression(bool negated, std::size_t tuple_width) const {
    std::string nulls = "NULL";
    if (tuple_width > 0) {
        nulls = "(";
        for (std::size_t i = 0; i < tuple_width; ++i) nulls += i ? ", NULL" : "NULL";
        nulls += ")";
    }
    return nulls + (negated ? ") OR (1 = 1" : ") AND (1 != 1");
}

std::string SQLCompiler::tuple_in_prefix() const { return {}; }

void SQLCompiler::visit_subquery(const SubqueryNode& subquery) {
    // A subquery in FROM correlates to nothing, unless it is LATERAL (SQLAlchemy's rule).
    if (subquery.lateral()) out_ += "LATERAL ";
    out_ += '(';
    label_columns_ = true;
    auto saved_enclosing = enclosing_froms_;
    if (!subquery.lateral()) enclosing_froms_.clear();
    process(subquery.statement());
    enclosing_froms_ = std::move(saved_enclosing);
    label_columns_ = false;
    out_ += ')';
    out_ += alias_keyword();
    out_ += preparer_.quote(subquery.name() ? *subquery.name() : anonymous_name(&subquery, "anon"));
}

void SQLCompiler::visit_cte(const SubqueryNode& cte) {
    const std::string name = cte.name() ? *cte.name() : anonymous_name(&cte, "anon");
    out_ += preparer_.quote(name);
    if (std::find(cte_names_.begin(), cte_names_.end(), name) != cte_names_.end()) return;
    // Claimed before its body is rendered: a recursive CTE refers to itself.
    cte_names_.push_back(name);
    const int depth = select_depth_;
    select_depth_ = std::max(select_depth_, 1) + 1;  // a CTE body never records result columns
    auto saved_enclosing = std::move(enclosing_froms_);
    enclosing_froms_.clear();
    label_columns_ = true;
    std::string sql = render(cte.statement());
    label_columns_ = false;
    enclosing_froms_ = std::move(saved_enclosing);
    select_depth_ = depth;
    RenderedCte rendered{name, std::move(sql), cte.recursive(), {}};
    for (const auto& c : cte.columns()) rendered.columns.push_back(c->name());
    if (cte.nesting() && !nested_ctes_.empty())
        nested_ctes_.back().push_back(std::move(rendered));
    else
        ctes_.push_back(std::move(rendered));
}

std::string_view SQLCompiler::compound_keyword(CompoundSelectNode::Keyword keyword) const {
    static constexpr std::string_view keywords[] = {" UNION ", " UNION ALL ", " INTERSECT ", " INTERSECT ALL ",
                                                    " EXCEPT ", " EXCEPT ALL "};
    return keywords[static_cast<int>(keyword)];
}

void SQLCompiler::visit_compound_select(const CompoundSelectNode& compound) {
    const bool label_all = label_columns_;
    const bool skipping = skip_results_;
    for (std::size_t i = 0; i < compound.selects().size(); ++i) {
        if (i) {
            out_ += compound_keyword(compound.keyword());
            skip_results_ = true;  // the first member names the result columns
        }
        label_columns_ = label_all;
        // A compound member, or a SELECT with its own ORDER BY or row limit, is parenthesised
        // (SQLAlchemy's self_group against the compound).
        const ClauseElement& member = *compound.selects()[i];
        bool grouped = member.kind() == ElementKind::compound_select;
        if (member.kind() == ElementKind::select) {
            const auto& mp = static_cast<const SelectNode&>(member).parts();
            grouped = !mp.order_by.empty() || mp.limit || mp.offset || mp.fetch;
        }
        if (grouped) out_ += '(';
        process(member);
        if (grouped) out_ += ')';
    }
    skip_results_ = skipping;
    if (!compound.order_by().empty()) {
        out_ += " ORDER BY ";
        for (std::size_t i = 0; i < compound.order_by().size(); ++i) {
            if (i) out_ += ", ";
            process(*compound.order_by()[i]);
        }
    }
    if (compound.limit() || compound.offset()) {
        SelectParts parts;
        parts.limit = compound.limit_ptr();
        parts.offset = compound.offset_ptr();
        limit_clause(parts);
    }
}

void SQLCompiler::visit_within_group(const WithinGroupNode& node) {
    process(node.element());
    out_ += " WITHIN GROUP (ORDER BY ";
    for (std::size_t i = 0; i < node.order_by().size(); ++i) {
        if (i) out_ += ", ";
        process(*node.order_by()[i]);
    }
    out_ += ')';
}

void SQLCompiler::visit_table_valued(const TableValuedNode& from) {
    process(from.function());
    out_ += alias_keyword();
    out_ += preparer_.quote(from.name() ? *from.name() : anonymous_name(&from, "anon"));
}

void SQLCompiler::visit_tablesample(const TableSampleNode& sample) {
    process(sample.element());
    out_ += alias_keyword();
    out_ += preparer_.quote(sample.name() ? *sample.name() : anonymous_name(&sample, sample.anonymous_base()));
    out_ += " TABLESAMPLE ";
    process(sample.sampling());
    if (const auto* seed = sample.seed()) {
        out_ += " REPEATABLE (";
        process(*seed);
        out_ += ')';
    }
}

void SQLCompiler::visit_aggregate_order_by(const AggregateOrderByNode&) {
    throw CompileError("aggregate_order_by() is PostgreSQL's (postgresql::aggregate_order_by); this dialect can't "
                       "render it");
}

void SQLCompiler::visit_values(const ValuesNode& values) {
    out_ += "(VALUES ";
    for (std::size_t r = 0; r < values.rows().size(); ++r) {
        out_ += r ? ", (" : "(";
        const auto& row = values.rows()[r];
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i) out_ += ", ";
            process(*row[i]);
        }
        out_ += ')';
    }
    out_ += ')';
    out_ += alias_keyword();
    out_ += preparer_.quote(values.name());
    out_ += " (";
    for (std::size_t i = 0; i < values.columns().size(); ++i) {
        if (i) out_ += ", ";
        out_ += preparer_.quote(values.columns()[i]->name());
    }
    out_ += ')';
}

void SQLCompiler::visit_textual_select(const TextualSelectNode& select) {
    if (select_depth_ == 0 && !skip_results_)
        for (const auto& c : select.columns())
            add_result_column(std::string(c->result_name().value_or("")), *c);
    visit_text_clause(select.text());
}

void SQLCompiler::visit_label_reference(const LabelReferenceNode& reference) {
    // Resolved as SQLAlchemy's visit_textual_label_reference: the labels and columns of the
    // SELECT's columns clause, then the columns of its FROMs.
    if (select_stack_.empty()) {
        out_ += preparer_.quote(reference.name());
        return;
    }
    const SelectParts& p = *select_stack_.back();
    for (const auto& c : p.columns)
        if (c->kind() == ElementKind::label) {
            const auto& label = static_cast<const LabelNode&>(*c);
            if (label.name() == reference.name()) {
                out_ += preparer_.quote(reference.name());
                return;
            }
        }
    for (const auto& c : p.columns)
        if (const auto* named = named_column(*c); named && named->key() == reference.name() && !named->is_literal()) {
            process(*named);
            return;
        }
    std::vector<const FromClauseNode*> froms;
    for (const auto& c : p.columns) collect_froms(*c, froms);
    for (const auto& f : p.from) froms.push_back(f.get());
    for (const auto* f : froms)
        if (const auto* col = f->find_column(reference.name())) {
            process(*col);
            return;
        }
    throw CompileError("Can't resolve label reference for ORDER BY / GROUP BY / DISTINCT etc. Textual SQL expression '" +
                       reference.name() + "' should be explicitly declared as text('" + reference.name() + "')");
}

void SQLCompiler::visit_extract(const ExtractNode& extract) {
    out_ += "EXTRACT(" + extract.field() + " FROM ";
    process(extract.expr());
    out_ += ')';
}

void SQLCompiler::visit_cast(const CastNode& cast) {
    if (cast.coerce_only()) return process(cast.element());
    // As CREATE TABLE does (column_type): a dialect renders its own types only. The CAST once
    // fell back to a generic name (postgresql::UUID as CHAR(32) on MySQL).
    if (const auto& d = cast.type().details().dialect; !d.empty() && d != own_types_dialect())
        throw CompileError("this dialect can't render element of type " + cast.type().repr() + ", a " + d + " type");
    out_ += "CAST(";
    process(cast.element());
    out_ += " AS ";
    out_ += cast_type_name(cast.type());
    out_ += ')';
}

void SQLCompiler::visit_case(const CaseNode& node) {
    out_ += "CASE ";
    if (const auto* value = node.value()) {
        process(*value);
        out_ += ' ';
    }
    for (const auto& w : node.whens()) {
        out_ += "WHEN ";
        process(*w.condition);
        out_ += " THEN ";
        process(*w.result);
        out_ += ' ';
    }
    if (const auto* e = node.else_()) {
        out_ += "ELSE ";
        process(*e);
        out_ += ' ';
    }
    out_ += "END";
}

void SQLCompiler::visit_over(const OverNode& over) {
    process(over.element());
    out_ += " OVER (";
    bool space = false;
    if (!over.partition_by().empty()) {
        out_ += "PARTITION BY ";
        for (std::size_t i = 0; i < over.partition_by().size(); ++i) {
            if (i) out_ += ", ";
            process(*over.partition_by()[i]);
        }
        space = true;
    }
    if (!over.order_by().empty()) {
        if (space) out_ += ' ';
        out_ += "ORDER BY ";
        for (std::size_t i = 0; i < over.order_by().size(); ++i) {
            if (i) out_ += ", ";
            process(*over.order_by()[i]);
        }
        space = true;
    }
    if (over.frame() != OverNode::FrameKind::none) {
        // An offset is a bound integer (`? PRECEDING`), as SQLAlchemy's _format_frame_clause
        // renders literal(abs(n)).
        auto bound = [&](FrameBound b, bool start) {
            if (!b) {
                out_ += start ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING";
            } else if (*b == 0) {
                out_ += "CURRENT ROW";
            } else {
                literal_bind(Value(*b < 0 ? -*b : *b), TypeEngine(TypeKind::integer));
                out_ += *b < 0 ? " PRECEDING" : " FOLLOWING";
            }
        };
        if (space) out_ += ' ';
        out_ += over.frame() == OverNode::FrameKind::rows ? "ROWS BETWEEN " : "RANGE BETWEEN ";
        bound(over.frame_start(), true);
        out_ += " AND ";
        bound(over.frame_end(), false);
    }
    out_ += ')';
}

void SQLCompiler::visit_filter(const FilterNode& filter) {
    process(filter.function());
    out_ += " FILTER (WHERE ";
    process(filter.criterion());
    out_ += ')';
}

std::string SQLCompiler::type_name(const TypeEngine& type) const {
    auto with_length = [&](const char* name) {
        return type.length() ? std::string(name) + "(" + std::to_string(*type.length()) + ")" : std::string(name);
    };
    switch (type.kind()) {
        case TypeKind::integer: return "INTEGER";
        case TypeKind::big_integer: return "BIGINT";
        case TypeKind::small_integer: return "SMALLINT";
        case TypeKind::boolean: return "BOOLEAN";
        case TypeKind::string:
        case TypeKind::unicode: return with_length("VARCHAR");
        case TypeKind::text:
        case TypeKind::unicode_text: return with_length("TEXT");
        case TypeKind::float_: return type.precision() ? "FLOAT(" + std::to_string(*type.precision()) + ")" : "FLOAT";
        case TypeKind::double_: return "DOUBLE";
        case TypeKind::numeric:
            if (!type.precision()) return "NUMERIC";
            if (!type.scale()) return "NUMERIC(" + std::to_string(*type.precision()) + ")";
            return "NUMERIC(" + std::to_string(*type.precision()) + ", " + std::to_string(*type.scale()) + ")";
        case TypeKind::date: return "DATE";
        case TypeKind::time: return "TIME";
        case TypeKind::datetime: return "DATETIME";
        case TypeKind::interval: return "INTERVAL";
        case TypeKind::large_binary: return "BLOB";
        case TypeKind::json: return "JSON";
        // A generic Uuid is CHAR(32) of hex digits where the database has no UUID type.
        case TypeKind::uuid: return "CHAR(32)";
        case TypeKind::enum_: return with_length("VARCHAR");
        case TypeKind::array: throw CompileError("ARRAY is a PostgreSQL type; this dialect can't render it");
        case TypeKind::null_type: break;
    }
    throw CompileError("cannot render a CAST to a type without a name (NullType)");
}

void SQLCompiler::visit_scalar_select(const ScalarSelectNode& select) {
    out_ += '(';
    process(select.select());
    out_ += ')';
}

}  // namespace sqla
