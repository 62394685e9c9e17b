/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Hibernate's second-level cache (entities, collections, natural ids, queries) on the disk stores,
 * configured only by {@code hibernate.javax.cache.uri}, across a restart of the
 * {@code SessionFactory}, on Hibernate 7 (the version is in this module's pom).
 */
package io.twat.cache.it.hibernate;
