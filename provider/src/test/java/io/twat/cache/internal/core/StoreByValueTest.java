/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.testing.LogCapture;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Store-by-value keeps the cache apart from the caller's objects; store-by-reference does not. */
final class StoreByValueTest extends CacheTestSupport {

  /** A mutable, serializable value, equal by content. */
  static final class Box implements Serializable {
    private static final long serialVersionUID = 1L;
    int n;

    Box(int n) {
      this.n = n;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Box that && that.n == n;
    }

    @Override
    public int hashCode() {
      return Integer.hashCode(n);
    }

    @Override
    public String toString() {
      return "Box[" + n + "]";
    }
  }

  /** A value that cannot be serialized. */
  static final class Opaque {
  }

  private Cache<String, Box> byValue() {
    return create(config(String.class, Box.class));
  }

  @Test
  void byValue_isTheDefault() {
    TwatConfiguration<String, Box> config = config(String.class, Box.class);
    assertTrue(config.isStoreByValue());
  }

  @Test
  void byValue_mutatingTheValueAfterPut_doesNotChangeTheCachedValue() {
    Cache<String, Box> cache = byValue();
    Box box = new Box(1);
    cache.put("k", box);

    box.n = 2;

    assertEquals(new Box(1), cache.get("k"));
  }

  @Test
  void byValue_mutatingTheValueReturnedByGet_doesNotChangeTheCachedValue() {
    Cache<String, Box> cache = byValue();
    cache.put("k", new Box(1));

    Box got = cache.get("k");
    got.n = 2;

    assertEquals(new Box(1), cache.get("k"));
    assertNotSame(cache.get("k"), cache.get("k"), "each read hands out its own copy");
  }

  @Test
  void byValue_mutatingValuesFromIteratorGetAllAndGetAndPut_doesNotChangeTheCache() {
    Cache<String, Box> cache = byValue();
    cache.put("k", new Box(1));

    cache.iterator().next().getValue().n = 2;
    cache.getAll(Set.of("k")).get("k").n = 3;
    cache.getAndPut("k", new Box(1)).n = 4;

    assertEquals(new Box(1), cache.get("k"));
  }

  /**
   * The cache keeps a copy of the key, never the caller's object: a heap map (twat:memory, the
   * heap tier of twat:universal) holding the caller's key would find its entry under a changed
   * hash, and Caffeine reports such a map as damaged (a SEVERE line) when it next meets it.
   */
  @Test
  void byValue_mutatingAKeyAfterPut_doesNotLoseTheEntry() {
    try (LogCapture caffeine = LogCapture.of("com.github.benmanes.caffeine")) {
      Cache<Box, String> cache = create(config(Box.class, String.class));
      Box key = new Box(1);
      cache.put(key, "v");

      key.n = 2;

      assertEquals("v", cache.get(new Box(1)));
      assertEquals(List.of(new Box(1)), List.copyOf(contents(cache).keySet()));
      cache.remove(new Box(1));
      cache.close();
      assertEquals(List.of(), caffeine.messages(Level.SEVERE));
    }
  }

  /**
   * Immutable values are not copied on the heap: twat:memory, and the heap tier of
   * twat:universal, keep them as they are. twat:file and twat:db read every value back from its
   * bytes, so there a read hands out an equal string, never the same one.
   */
  @Test
  void byValue_stringValues_areReturnedAsTheSameInstance() {
    Cache<String, String> cache = create(config(String.class, String.class));
    String value = new String(new char[] {'v', 'a', 'l'});

    cache.put("k", value);

    if (readsValuesFromDisk()) {
      assertEquals(value, cache.get("k"));
    } else {
      assertSame(value, cache.get("k"));
    }
  }

  @Test
  void byReference_returnsTheSameInstance_andSeesItsMutations() {
    TwatConfiguration<String, Box> config = config(String.class, Box.class);
    config.setStoreByValue(false);
    Cache<String, Box> cache = create(config);
    Box box = new Box(1);

    cache.put("k", box);
    box.n = 2;

    assertSame(box, cache.get("k"));
    assertEquals(2, cache.get("k").n);
  }

  @Test
  void byReference_acceptsValuesThatAreNotSerializable() {
    TwatConfiguration<String, Object> config = config(String.class, Object.class);
    config.setStoreByValue(false);
    Cache<String, Object> cache = create(config);
    Opaque opaque = new Opaque();

    cache.put("k", opaque);

    assertSame(opaque, cache.get("k"));
  }

  @Test
  void byValue_valueNotSerializable_failsWithAdviceAndLeavesTheCacheUnchanged() {
    Cache<String, Object> cache = create(config(String.class, Object.class));
    cache.put("k", "old");
    RecordingListener<String, Object> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));
    Opaque opaque = new Opaque();
    Map<String, Object> fineThenOpaque = new LinkedHashMap<>();
    fineThenOpaque.put("fine", "ok");
    fineThenOpaque.put("new", opaque);

    List<Executable> calls = List.of(
        () -> cache.put("k", opaque),
        () -> cache.put("new", opaque),
        () -> cache.getAndPut("k", opaque),
        () -> cache.putIfAbsent("new", opaque),
        () -> cache.replace("k", opaque),
        () -> cache.replace("k", "old", opaque),
        () -> cache.getAndReplace("k", opaque),
        () -> cache.putAll(fineThenOpaque));
    for (Executable call : calls) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
      assertTrue(e.getMessage().contains(Opaque.class.getName()), e.getMessage());
      assertTrue(e.getMessage().contains("Make it Serializable"), e.getMessage());
      assertTrue(e.getMessage().contains("setStoreByValue(false)"), e.getMessage());
    }

    assertEquals(Map.of("k", "old"), contents(cache));
    assertEquals(List.of(), listener.seen());
  }

  @Test
  void byValue_keyNotSerializable_failsAndLeavesTheCacheUnchanged() {
    Cache<Object, String> cache = create(config(Object.class, String.class));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cache.put(new Opaque(), "v"));

    assertTrue(e.getMessage().contains("Serializable"), e.getMessage());
    assertEquals(Map.of(), contents(cache));
  }

  @Test
  void byValue_listenerMutatingTheEventValue_doesNotChangeTheCache() {
    Cache<String, Box> cache = byValue();
    CacheEntryCreatedListener<String, Box> meddler = events -> {
      for (CacheEntryEvent<? extends String, ? extends Box> event : events) {
        event.getValue().n = 99;
      }
    };
    Factory<CacheEntryListener<? super String, ? super Box>> factory = () -> meddler;
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(factory, null,
        /* isOldValueRequired= */ false, /* isSynchronous= */ true));

    cache.put("k", new Box(1));

    assertEquals(new Box(1), cache.get("k"));
  }
}
