// sqla: sqla.cppm. The primary interface of module sqla: re-exports every partition.
// SPDX-License-Identifier: MIT
export module sqla;

export import :errors.error;
export import :event.listeners;
export import :types.scalars;
export import :types.value;
export import :types.type_engine;
export import :dialect.capabilities;
export import :sql.operators;
export import :sql.elements;
export import :sql.selectable;
export import :sql.dml;
export import :schema.constraints;
export import :schema.column;
export import :schema.table;
export import :schema.ddl;
export import :sql.compiler;
export import :engine.url;
export import :dialect.driver;
export import :dialect.dialect;
export import :plugin.abi;
export import :plugin.manifest;
export import :plugin.registry;
export import :pool.pool;
export import :engine.result;
export import :engine.engine;
