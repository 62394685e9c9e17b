/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.springframework.cache.annotation.Cacheable;

/**
 * A slow catalogue that records each call that reached it, so a test can tell a cached answer
 * from a computed one. Spring's annotations cache in "books", the JSR-107 ones (which Spring runs
 * when {@code cache-api} is on the class path) in "editions" and "titles".
 *
 * <p>Thread-safe.
 */
public class Library {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  /**
   * Looks a book up; an unknown number gives null, which Spring caches as its {@code NullValue}.
   * With {@code sync = true}, concurrent misses of one key compute it once.
   */
  @Cacheable(cacheNames = "books", sync = true)
  public Book find(long isbn) {
    calls.add("find(" + isbn + ")");
    return isbn == 404 ? null : new Book(isbn, "Book " + isbn, 1);
  }

  /** Two parameters: Spring's key is a {@code SimpleKey} of both. */
  @Cacheable(cacheNames = "books")
  public Book find(String title, int edition) {
    calls.add("find(" + title + ", " + edition + ")");
    return new Book(title.length(), title, edition);
  }

  /** A JSR-107 {@code @CacheResult} with two key parameters (Spring's key: a SimpleKey). */
  @CacheResult(cacheName = "editions")
  public Book edition(String title, int edition) {
    calls.add("edition(" + title + ", " + edition + ")");
    return new Book(title.length(), title, edition);
  }

  /** A JSR-107 {@code @CacheResult} keyed by a number. */
  @CacheResult(cacheName = "titles")
  public String title(long isbn) {
    calls.add("title(" + isbn + ")");
    return "Title " + isbn;
  }

  /** A JSR-107 {@code @CachePut}: stores the title without computing it. */
  @CachePut(cacheName = "titles")
  public void retitle(@CacheKey long isbn, @CacheValue String title) {
    calls.add("retitle(" + isbn + ")");
  }

  /** A JSR-107 {@code @CacheRemove}: drops the title. */
  @CacheRemove(cacheName = "titles")
  public void forget(long isbn) {
    calls.add("forget(" + isbn + ")");
  }

  /** Returns the calls that reached the method bodies, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }
}
