/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Turning keys and values into bytes and back for the disk stores, with fast paths for common
 * types; every read of Java-serialized bytes goes through a filter that admits an allow-list of
 * classes, plus any class in bytes the cache signed with its trust key.
 */
package io.twat.cache.internal.serial;
