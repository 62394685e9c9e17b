/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Hibernate's second-level cache (entities, collections, natural ids, queries) on the disk stores,
 * configured only by {@code hibernate.javax.cache.uri}, across a restart of the
 * {@code SessionFactory}. The same sources run on Hibernate 6 (integration-tests) and Hibernate 7
 * (integration-tests-hibernate7).
 */
package io.twat.cache.it.hibernate;
