/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot.example;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** Looks books up slowly; {@code @Cacheable} keeps the answers in the cache {@code books}. */
@Service
public class BookService {
  private final AtomicInteger lookups = new AtomicInteger();

  /** Creates the service; Spring calls it. */
  public BookService() {}

  /**
   * Returns the title of a book.
   *
   * @param isbn the book's ISBN
   * @return its title
   */
  @Cacheable("books")
  public String title(String isbn) {
    lookups.incrementAndGet();
    return "Title of " + isbn;
  }

  /** Returns how often {@link #title} really ran. */
  public int lookups() {
    return lookups.get();
  }
}
