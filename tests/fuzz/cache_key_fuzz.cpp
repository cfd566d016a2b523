// sqla: tests/fuzz/cache_key_fuzz.cpp. The statement cache is keyed by a statement's cache key,
// so it is correct exactly when two statements with one key compile alike. This target builds
// statements from the input (tables, columns, labels, bind parameters, functions, operators,
// CASTs to every kind of type, names drawn from a small pool of awkward ones so that near
// collisions are likely) and remembers every key it has seen with its compiled form: a key met
// again with another form is a cache collision (the kind that once ran a JSONB cast's SQL for a
// UUID cast). Also: building the key twice gives the same key.
// SPDX-License-Identifier: MIT
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

import sqla;

using sqla_fuzz::check;

namespace {

// Names that differ only in the punctuation a key might use for its own structure.
constexpr std::string_view names[] = {"a",  "b",   "a b", "a) (col b", "a.b", "(",   ")",  "1:a", "2:a",
                                      "x",  "'",   "\"",  " ",         "a,b", "a~",  "~a", "T1", "a#1",
                                      "ab", "a b c"};

class Input {
public:
    Input(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
    bool done() const { return pos_ >= size_; }
    std::string name() { return std::string(names[byte() % std::size(names)]); }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

sqla::TypeEngine type_of(Input& in) {
    switch (in.byte() % 16) {
        case 0: return sqla::Integer{};
        case 1: return sqla::BigInteger{};
        case 2: return sqla::String{10};
        case 3: return sqla::String{20};
        case 4: return sqla::String{};
        case 5: return sqla::Numeric{10, 2};
        case 6: return sqla::Numeric{10, 3};
        case 7: return sqla::DateTime{};
        case 8: return sqla::DateTime{true};
        case 9: return sqla::postgresql::JSONB{};
        case 10: return sqla::postgresql::UUID{};
        case 11: return sqla::mysql::DATETIME{.fsp = 6};
        case 12: return sqla::mysql::TIME{.fsp = 6};
        case 13: return sqla::Enum{.values = {"a", "b"}};
        case 14: return sqla::Enum{.values = {"a, b"}};
        default: return sqla::Array{sqla::Integer{}};
    }
}

struct Builder {
    Input& in;
    std::vector<sqla::FromClause> tables;

    sqla::ColumnElement expr(int depth) {
        const int choice = depth > 3 ? in.byte() % 4 : in.byte() % 12;
        switch (choice) {
            case 0:
            case 1: {
                const auto& t = tables[in.byte() % tables.size()];
                return t.c(names[in.byte() % 3]);  // the tables' columns are "a", "b", "a b"
            }
            case 2: return sqla::literal(static_cast<std::int64_t>(in.byte()));
            case 3: return sqla::bindparam(in.name());
            case 4: return expr(depth + 1).label(in.name());
            case 5: return sqla::cast(expr(depth + 1), type_of(in));
            case 6: {
                std::vector<sqla::ExpressionArg> args;
                for (int n = in.byte() % 3; n > 0; --n) args.emplace_back(expr(depth + 1));
                return sqla::func(in.name(), std::move(args));
            }
            case 7: return expr(depth + 1) + expr(depth + 1);
            case 8: return expr(depth + 1) == expr(depth + 1);
            case 9: return sqla::and_({expr(depth + 1), expr(depth + 1)});
            case 10: return sqla::column(in.name(), type_of(in));
            default: return sqla::literal_column(in.name());
        }
    }
};

std::string compiled_form(const sqla::ClauseElement& element, const sqla::CacheKey& key) {
    static const sqla::Capabilities caps;
    static const sqla::IdentifierPreparer preparer({});
    sqla::SQLCompiler compiler(caps, preparer, sqla::ParamStyle::named);
    try {
        auto compiled = compiler.compile(element, key);
        std::string form = compiled.sql;
        for (const auto& b : compiled.binds) {
            form += "|" + b.name + "#" + std::to_string(b.extracted) + ":";
            b.type.append_cache_key(form);
        }
        for (const auto& c : compiled.result_columns) form += "|col " + c.name;
        return form;
    } catch (const sqla::Error& e) {
        return std::string("error: ") + e.what();
    }
}

// Every key seen in this process, with its form; cleared when large, to bound memory.
std::unordered_map<std::string, std::string>& seen() {
    static std::unordered_map<std::string, std::string> map;
    return map;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Input in(data, size);
    Builder b{in, {}};
    try {
        for (int n = 1 + in.byte() % 2; n > 0; --n) {
            std::optional<std::string> schema;
            if (in.byte() % 2) schema = in.name();
            b.tables.push_back(sqla::table(in.name(), {"a", "b", "a b"}, schema));
        }
        std::vector<sqla::ColumnElement> columns;
        for (int n = 1 + in.byte() % 3; n > 0; --n) columns.push_back(b.expr(0));
        auto stmt = sqla::select(columns.front()).add_columns({columns.begin() + 1, columns.end()});
        if (in.byte() % 2) stmt = stmt.where(b.expr(0));
        sqla::CacheKey key, again;
        stmt.element().append_cache_key(key);
        stmt.element().append_cache_key(again);
        check(key.key == again.key, "a statement's key is stable", key.key);
        const auto form = compiled_form(stmt.element(), key);
        auto& map = seen();
        if (map.size() > 200000) map.clear();
        auto [it, fresh] = map.emplace(key.key, form);
        check(fresh || it->second == form, "statements sharing a cache key compile alike",
              "key: " + key.key + "\n  first: " + it->second + "\n  now:   " + form);
    } catch (const sqla::Error&) {
        // A statement the API refuses to build (a bad name, an operator on a type) is fine.
    }
    return 0;
}
