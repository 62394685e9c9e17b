/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The facade: the cache manager and the cache, the only place where JCache semantics live.
 *
 * <p>{@link io.twat.cache.internal.core.TwatCacheManager} makes the caches; each is a
 * {@link io.twat.cache.internal.core.CacheFacade}, which checks, times and counts the JCache
 * operations and hands the rest to pieces made once per cache:
 * <ul>
 *   <li>{@code EntryChanges}: every change of one key, made while the store holds the key
 *       (writer, expiry, events), with its outcome in a {@code KeyChange};
 *   <li>{@code EntryProcessing}: entry processors;
 *   <li>{@code BatchOperations}: {@code getAll}, {@code putAll}, {@code removeAll},
 *       {@code loadAll};
 *   <li>{@code EntryIterator}: the iterator;
 *   <li>{@code AsyncViews} and {@code TwatAsyncCache}: the async views;
 *   <li>{@code CacheManagement}: the live configuration, listeners, MXBeans and introspection;
 *   <li>{@code StoreAccess} and {@code ArgumentChecks}: store failures and argument checks,
 *       with messages that name the cache.
 * </ul>
 * {@code ConfigurationRecord} and {@code ExpiryRecord} turn the configuration of a cache that a
 * persistent store keeps into plain recorded settings, and back when a later manager reopens it.
 */
package io.twat.cache.internal.core;
