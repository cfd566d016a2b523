// sqla: engine/result.cppm. Result, Row and their scalar and mapping views.
// SPDX-License-Identifier: MIT
module;
#include <sqla/export.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

export module sqla:engine.result;
import :errors.error;
import :types.value;
import :dialect.driver;
import :sql.elements;

namespace sqla::detail {
struct ConnectionState;
struct ResultProcessing;
class ExecutionContext;
// Which result column each expression reads, by the expression's structural key
// (Compiled's ResultColumn::targets), worked out once per compiled statement.
struct ResultTargets {
    static constexpr std::size_t ambiguous = static_cast<std::size_t>(-1);
    // A key two columns answer to maps to `ambiguous`.
    std::unordered_map<std::string, std::size_t> index;
};
}

export namespace sqla {

/// Column names of a result, shared by all of its rows, and which expression of the statement
/// each column came from.
class SQLA_EXPORT ResultMetadata {
public:
    explicit ResultMetadata(std::vector<std::string> keys,
                            std::shared_ptr<const detail::ResultTargets> targets = nullptr)
        : keys_(std::move(keys)), targets_(std::move(targets)) {}
    [[nodiscard]] const std::vector<std::string>& keys() const noexcept { return keys_; }
    /// The index of column `name`, if there is one (the first, when names repeat).
    [[nodiscard]] std::optional<std::size_t> index_of(std::string_view name) const noexcept;
    /// The index of column `name`; throws `NoSuchColumnError` listing the columns there are.
    [[nodiscard]] std::size_t require(std::string_view name) const;
    /// The index of the column the statement selected `column` for, if it did: the column
    /// itself, a label or expression as selected, a column of an alias or subquery as that
    /// alias's column (not the table's, as SQLAlchemy 2.0). Throws `InvalidRequestError` when
    /// two columns of the result are that expression.
    [[nodiscard]] std::optional<std::size_t> index_of(const ColumnElement& column) const;
    /// The same; throws `NoSuchColumnError` when the statement did not select it (or the
    /// result came from textual SQL, which has no expressions).
    [[nodiscard]] std::size_t require(const ColumnElement& column) const;

private:
    std::vector<std::string> keys_;
    std::shared_ptr<const detail::ResultTargets> targets_;
};

}  // namespace sqla

namespace sqla::detail {
// What the results of one compiled statement share: the result processors
// (Dialect::result_processor, TypeDecorator) of the columns that have one, and the column
// names, built once per compiled statement rather than once per execution.
struct ResultProcessing {
    // The number of result columns the statement compiles to; a cursor reporting another
    // number of columns (textual SQL with `*`) is read without processing.
    std::size_t columns = 0;
    std::vector<std::pair<std::size_t, ValueProcessor>> processors;
    // Which column each selected expression reads.
    std::shared_ptr<const ResultTargets> targets;
    // The names the cursor reported the last time, for the next result with the same names.
    // Under a mutex, not std::atomic<std::shared_ptr>: libstdc++ 12's load() releases its
    // internal lock with relaxed ordering, which ThreadSanitizer rightly reports as a race with
    // the next store() (fixed in GCC 13).
    [[nodiscard]] std::shared_ptr<const ResultMetadata> known_metadata() const {
        std::lock_guard lock(metadata_mutex_);
        return metadata_;
    }
    void remember_metadata(std::shared_ptr<const ResultMetadata> metadata) const {
        std::lock_guard lock(metadata_mutex_);
        metadata_ = std::move(metadata);
    }

private:
    mutable std::mutex metadata_mutex_;
    mutable std::shared_ptr<const ResultMetadata> metadata_;
};
}  // namespace sqla::detail

export namespace sqla {

/// One result row: values by position and by column name, converted on access.
/// `get<T>()` throws `TypeError` naming the column when the value is not a T (NULL is only a
/// `std::optional`), and `NoSuchColumnError` for an unknown name or index.
class SQLA_EXPORT Row {
public:
    Row() = default;
    Row(std::shared_ptr<const ResultMetadata> metadata, std::vector<Value> values)
        : metadata_(std::move(metadata)), values_(std::move(values)) {}

    [[nodiscard]] inline std::size_t size() const noexcept { return values_.size(); }
    [[nodiscard]] const Value& operator[](std::size_t index) const { return at(index); }
    [[nodiscard]] const Value& operator[](std::string_view name) const { return at(name); }
    [[nodiscard]] inline const Value& at(std::size_t index) const {
        if (index >= values_.size()) throw_index(index);
        return values_[index];
    }
    [[nodiscard]] const Value& at(std::string_view name) const;
    /// The value of the column the statement selected `column` for (see ResultMetadata::index_of).
    [[nodiscard]] const Value& at(const ColumnElement& column) const { return values_[require(column)]; }
    [[nodiscard]] const Value& operator[](const ColumnElement& column) const { return at(column); }

    template <class T>
    [[nodiscard]] T get(std::size_t index) const {
        const Value& v = at(index);
        try {
            return v.as<T>();
        } catch (const TypeError& e) {
            rethrow_for_column(index, e);
        }
    }
    template <class T>
    [[nodiscard]] T get(std::string_view name) const {
        return get<T>(metadata_->require(name));
    }
    /// By expression: `row.get<std::int64_t>(users.c("id"))`.
    template <class T>
    [[nodiscard]] T get(const ColumnElement& column) const {
        return get<T>(require(column));
    }
    /// The index of the column the statement selected `column` for; throws
    /// `NoSuchColumnError` when it selected no such column.
    [[nodiscard]] std::size_t require(const ColumnElement& column) const;
    /// The first columns converted to `Ts...`: `auto [id, name] = row.tuple<int, std::string>();`
    template <class... Ts>
    [[nodiscard]] std::tuple<Ts...> tuple() const {
        return tuple_impl<Ts...>(std::index_sequence_for<Ts...>{});
    }

    [[nodiscard]] const std::vector<std::string>& keys() const noexcept;
    [[nodiscard]] inline std::span<const Value> values() const noexcept { return values_; }
    [[nodiscard]] inline std::span<Value> mutable_values() noexcept { return values_; }

    friend inline bool operator==(const Row& a, const Row& b) noexcept { return a.values_ == b.values_; }

private:
    template <class... Ts, std::size_t... I>
    std::tuple<Ts...> tuple_impl(std::index_sequence<I...>) const {
        return std::tuple<Ts...>(get<Ts>(I)...);
    }
    [[noreturn]] void rethrow_for_column(std::size_t index, const TypeError& e) const;
    [[noreturn]] void throw_index(std::size_t index) const;

    std::shared_ptr<const ResultMetadata> metadata_;
    std::vector<Value> values_;
};

/// A row as a name-to-value mapping, from `Result::mappings()`.
class SQLA_EXPORT RowMapping {
public:
    explicit RowMapping(Row row) : row_(std::move(row)) {}
    [[nodiscard]] const Value& operator[](std::string_view key) const { return row_.at(key); }
    [[nodiscard]] const Value& operator[](const ColumnElement& column) const { return row_.at(column); }
    [[nodiscard]] bool contains(std::string_view key) const noexcept;
    [[nodiscard]] const std::vector<std::string>& keys() const noexcept { return row_.keys(); }
    [[nodiscard]] std::span<const Value> values() const noexcept { return row_.values(); }
    template <class T>
    [[nodiscard]] T get(std::string_view key) const {
        return row_.get<T>(key);
    }

private:
    Row row_;
};

template <class T>
class ScalarResult;
class MappingResult;
class PartitionResult;

/// The rows of an executed statement, read from the driver as they are iterated (a result
/// streams; `all()` buffers). Move-only. Iterating yields `const Row&` valid until the next
/// step; copy the Row to keep it.
///
/// Closing follows SQLAlchemy: a result whose rows are exhausted (by iteration or `all()`)
/// closes softly, and reading it again gives no rows; `close()`, `first()`, `one()`,
/// `one_or_none()` and `scalar()` close it for good, and reading it afterwards throws
/// `ResourceClosedError`, as does reading a result whose connection closed.
class SQLA_EXPORT Result {
public:
    struct Sentinel {};
    class Iterator {
    public:
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        Iterator() = default;
        explicit Iterator(Result* r) : r_(r) {}
        inline const Row& operator*() const { return r_->current_; }
        inline const Row* operator->() const { return &r_->current_; }
        inline Iterator& operator++() {
            if (!r_->advance()) r_ = nullptr;
            return *this;
        }
        inline void operator++(int) { ++*this; }
        friend inline bool operator==(const Iterator& it, Sentinel) noexcept { return it.r_ == nullptr; }

    private:
        Result* r_ = nullptr;
    };

    Result() = default;
    /// A result reading `cursor`; `processing` converts the values of the columns that have
    /// result processors as each row is read.
    Result(std::shared_ptr<detail::ConnectionState> connection, std::shared_ptr<Cursor> cursor,
           std::shared_ptr<const detail::ResultProcessing> processing = nullptr);
    Result(Result&&) noexcept;
    Result& operator=(Result&&) noexcept;
    ~Result();

    /// Starts (or continues) iteration over the remaining rows.
    [[nodiscard]] Iterator begin();
    [[nodiscard]] inline Sentinel end() const noexcept { return {}; }

    /// The next row, or nothing when the rows are exhausted (then the result closes).
    [[nodiscard]] std::optional<Row> fetchone();
    /// Up to `n` more rows.
    [[nodiscard]] std::vector<Row> fetchmany(std::size_t n);
    /// Every remaining row; closes the result.
    [[nodiscard]] std::vector<Row> all();
    /// The first row, or nothing; closes the result.
    [[nodiscard]] std::optional<Row> first();
    /// Exactly one row; throws `NoResultFound` or `MultipleResultsFound`. Closes the result.
    [[nodiscard]] Row one();
    /// One row or nothing; throws `MultipleResultsFound` for more. Closes the result.
    [[nodiscard]] std::optional<Row> one_or_none();

    /// The first column of the first row (NULL when there are no rows); closes the result.
    /// With no rows, a T that cannot hold NULL (not a std::optional or Value) gets
    /// `NoResultFound`, which says that there was no row rather than a NULL.
    template <class T = Value>
    [[nodiscard]] T scalar() {
        auto row = first();
        if (row) return row->get<T>(0);
        if constexpr (detail::is_optional<T>::value || std::same_as<T, Value>)
            return Value().as<T>();
        else
            throw_no_row_for_scalar();
    }
    /// The first column of exactly one row; throws as `one()`.
    template <class T = Value>
    [[nodiscard]] T scalar_one() {
        return one().get<T>(0);
    }
    /// The first column of one row, or nothing when there is no row (or it is NULL).
    template <class T = Value>
    [[nodiscard]] std::optional<T> scalar_one_or_none() {
        auto row = one_or_none();
        if (!row) return std::nullopt;
        return row->get<std::optional<T>>(0);
    }
    /// The values of column `index` of each row, as T.
    template <class T = Value>
    [[nodiscard]] ScalarResult<T> scalars(std::size_t index = 0);
    /// The rows as name-to-value mappings.
    [[nodiscard]] MappingResult mappings();
    /// The remaining rows in lists of up to `size` rows (0: the yield_per size, else 100), read
    /// as they are iterated: `for (const auto& rows : result.partitions(500))`. Takes the rows
    /// over from this result, as `scalars()` does.
    [[nodiscard]] PartitionResult partitions(std::size_t size = 0);
    /// Sets the size `partitions()` uses by default (SQLAlchemy's `Result.yield_per()`); the
    /// `yield_per` execution option also sets it, and streams from the server.
    Result& yield_per(std::size_t size) noexcept {
        yield_per_ = size;
        return *this;
    }

    /// The column names.
    [[nodiscard]] std::vector<std::string> keys() const;
    /// The index of the column the statement selected `column` for (resolve once, then read
    /// rows by position); throws `NoSuchColumnError` when there is none.
    [[nodiscard]] std::size_t index_of(const ColumnElement& column) const;
    /// True when the statement produced rows (a SELECT, or RETURNING).
    [[nodiscard]] bool returns_rows() const noexcept { return metadata_ != nullptr; }
    /// Rows matched by INSERT, UPDATE or DELETE; -1 when unknown.
    [[nodiscard]] std::int64_t rowcount() const noexcept { return rowcount_; }
    /// The row id of the last inserted row, where the database has one.
    [[nodiscard]] std::optional<std::int64_t> lastrowid() const noexcept { return lastrowid_; }
    /// The primary key of the row a single-row `insert()` of a declared `Table` inserted
    /// (SQLAlchemy's `CursorResult.inserted_primary_key`): one value per primary-key column, in
    /// key order. A value the statement or its parameters (or a column default) gave is the value
    /// as given; the table's autoincrement column, when not given, is the cursor's lastrowid().
    /// A column whose value the database made some other way is NULL. Empty for a table that
    /// has no primary key or was not declared with Table (`sqla::table()`).
    /// Throws `InvalidRequestError` when the statement was not an insert(), was an executemany
    /// or a multi-row VALUES, or has RETURNING.
    [[nodiscard]] const std::vector<Value>& inserted_primary_key() const;
    /// Releases the cursor; reading afterwards throws ResourceClosedError. Idempotent.
    void close() noexcept;
    /// True once the cursor is released: exhausted, or closed.
    [[nodiscard]] bool closed() const noexcept { return cursor_ == nullptr; }

    /// For executemany: a result without rows.
    static Result from_rowcount(std::int64_t rowcount);

private:
    friend class Iterator;
    friend class Connection;
    friend class detail::ExecutionContext;
    bool advance();
    void check_open() const;
    [[noreturn]] static void throw_no_row_for_scalar();
    // Releases the cursor without closing the result for good (its rows are exhausted).
    void soft_close() noexcept;
    // True when the rows are exhausted; throws when the result was closed for good.
    bool exhausted() const;

    /// What inserted_primary_key() has to say.
    enum class InsertState : std::uint8_t { not_insert, single, executemany, multivalues, returning };

    std::shared_ptr<detail::ConnectionState> connection_;
    std::shared_ptr<Cursor> cursor_;
    std::shared_ptr<const ResultMetadata> metadata_;
    std::shared_ptr<const detail::ResultProcessing> processing_;
    Row current_;
    std::int64_t rowcount_ = -1;
    std::optional<std::int64_t> lastrowid_;
    std::vector<Value> inserted_primary_key_;
    InsertState insert_state_ = InsertState::not_insert;
    bool started_ = false;
    bool hard_closed_ = false;
    std::size_t yield_per_ = 0;
};

/// The rows of a Result in lists (from `Result::partitions()`), fetched as iterated.
class SQLA_EXPORT PartitionResult {
public:
    struct Sentinel {};
    class Iterator {
    public:
        using value_type = std::vector<Row>;
        using difference_type = std::ptrdiff_t;
        Iterator() = default;
        inline explicit Iterator(PartitionResult* p) : p_(p) {}
        inline const std::vector<Row>& operator*() const { return p_->current_; }
        inline const std::vector<Row>* operator->() const { return &p_->current_; }
        inline Iterator& operator++() {
            if (!p_->next()) p_ = nullptr;
            return *this;
        }
        inline void operator++(int) { ++*this; }
        friend inline bool operator==(const Iterator& it, Sentinel) noexcept { return it.p_ == nullptr; }

    private:
        PartitionResult* p_ = nullptr;
    };

    inline PartitionResult(Result result, std::size_t size) : result_(std::move(result)), size_(size) {}
    [[nodiscard]] inline Iterator begin() { return next() ? Iterator(this) : Iterator(); }
    [[nodiscard]] inline Sentinel end() const noexcept { return {}; }
    /// Reads the next list into `current()`; false when no rows are left.
    bool next();
    [[nodiscard]] inline const std::vector<Row>& current() const noexcept { return current_; }

private:
    Result result_;
    std::size_t size_;
    std::vector<Row> current_;
};

/// The values of one column of a Result, as T (from `Result::scalars<T>()`).
template <class T>
class ScalarResult {
public:
    struct Sentinel {};
    class Iterator {
    public:
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        Iterator() = default;
        Iterator(Result::Iterator it, std::size_t index) : it_(it), index_(index) {}
        T operator*() const { return it_->template get<T>(index_); }
        Iterator& operator++() {
            ++it_;
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const Iterator& a, Sentinel) noexcept { return a.it_ == Result::Sentinel{}; }

    private:
        Result::Iterator it_;
        std::size_t index_ = 0;
    };

    ScalarResult(Result result, std::size_t index) : result_(std::move(result)), index_(index) {}
    [[nodiscard]] Iterator begin() { return Iterator(result_.begin(), index_); }
    [[nodiscard]] Sentinel end() const noexcept { return {}; }
    [[nodiscard]] std::vector<T> all() {
        std::vector<T> out;
        for (const Row& row : result_) out.push_back(row.get<T>(index_));
        result_.close();
        return out;
    }
    [[nodiscard]] std::optional<T> first() {
        auto row = result_.first();
        if (!row) return std::nullopt;
        return row->get<T>(index_);
    }
    [[nodiscard]] T one() { return result_.one().get<T>(index_); }
    [[nodiscard]] std::optional<T> one_or_none() {
        auto row = result_.one_or_none();
        if (!row) return std::nullopt;
        return row->get<T>(index_);
    }

private:
    Result result_;
    std::size_t index_;
};

template <class T>
ScalarResult<T> Result::scalars(std::size_t index) {
    return ScalarResult<T>(std::move(*this), index);
}

/// The rows of a Result as `RowMapping`s (from `Result::mappings()`).
class SQLA_EXPORT MappingResult {
public:
    explicit MappingResult(Result result) : result_(std::move(result)) {}
    [[nodiscard]] std::vector<RowMapping> all();
    [[nodiscard]] std::optional<RowMapping> first();
    [[nodiscard]] RowMapping one();
    [[nodiscard]] std::optional<RowMapping> fetchone();

private:
    Result result_;
};

}  // namespace sqla
