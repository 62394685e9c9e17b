/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.it.boot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.cache.annotation.Cacheable;

/**
 * A slow inventory that records each call that reached it.
 *
 * <p>Thread-safe.
 */
public class Shelves {
  private final List<String> calls = new CopyOnWriteArrayList<>();

  /** Counts a room's books; a room without shelves gives null, which Spring caches too. */
  @Cacheable(cacheNames = "books", sync = true)
  public Shelf shelf(String room) {
    calls.add("shelf(" + room + ")");
    return room.equals("attic") ? null : new Shelf(room, room.length());
  }

  /** Two parameters: Spring's key is a {@code SimpleKey}. */
  @Cacheable(cacheNames = "books")
  public Shelf shelf(String room, int row) {
    calls.add("shelf(" + room + ", " + row + ")");
    return new Shelf(room + "/" + row, row);
  }

  /** Returns the calls that reached the method bodies, in order. */
  public List<String> calls() {
    return List.copyOf(calls);
  }
}
