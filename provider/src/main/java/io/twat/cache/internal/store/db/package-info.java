/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The database store: entries as rows of a JDBC database, an embedded H2 file by default, locked
 * per key by transactions so that several processes share it safely.
 */
package io.twat.cache.internal.store.db;
