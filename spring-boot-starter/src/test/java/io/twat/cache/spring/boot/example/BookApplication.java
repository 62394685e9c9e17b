/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * An application whose only cache configuration is {@code application.properties}-style {@code
 * twat.cache.*} properties, e.g.
 *
 * <pre>
 * twat.cache.store=file
 * twat.cache.dir=/var/cache/books
 * twat.cache.caches.books.expire-after-write=10m
 * twat.cache.caches.books.max-entries=10000
 * </pre>
 */
@SpringBootApplication
@EnableCaching
public class BookApplication {}
