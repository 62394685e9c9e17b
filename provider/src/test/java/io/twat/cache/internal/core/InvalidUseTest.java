/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Null arguments, arguments of the wrong type and calls on a closed cache fail as JCache says,
 * and a failed call changes nothing.
 */
final class InvalidUseTest extends CacheTestSupport {
  private static final EntryProcessor<String, Integer, Void> SET_TO_99 = (entry, arguments) -> {
    entry.setValue(99);
    return null;
  };

  private Cache<String, Integer> cache;
  private RecordingListener<String, Integer> listener;

  @BeforeEach
  void fill() {
    cache = create(config(String.class, Integer.class));
    cache.put("a", 1);
    cache.put("b", 2);
    listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));
  }

  private void assertUnchanged() {
    assertEquals(Map.of("a", 1, "b", 2), contents(cache));
    assertEquals(List.of(), listener.seen());
  }

  private static void assertEachThrows(
      Class<? extends Throwable> expected, List<Executable> calls) {
    for (int i = 0; i < calls.size(); i++) {
      assertThrows(expected, calls.get(i), "call #" + i);
    }
  }

  /** Returns a mutable set of {@code "a"} and null, which {@code Set.of} cannot hold. */
  private static Set<String> aAndNull() {
    return new HashSet<>(Arrays.asList("a", null));
  }

  @Test
  void nullKey_isRejectedWithNullPointerException_byEveryMethod() {
    Map<String, Integer> nullKeyMap = new HashMap<>();
    nullKeyMap.put("c", 3);
    nullKeyMap.put(null, 4);

    assertEachThrows(NullPointerException.class, List.of(
        () -> cache.get(null),
        () -> cache.getAll(aAndNull()),
        () -> cache.getAll(null),
        () -> cache.containsKey(null),
        () -> cache.put(null, 1),
        () -> cache.getAndPut(null, 1),
        () -> cache.putAll(nullKeyMap),
        () -> cache.putAll(null),
        () -> cache.putIfAbsent(null, 1),
        () -> cache.remove(null),
        () -> cache.remove(null, 1),
        () -> cache.getAndRemove(null),
        () -> cache.replace(null, 1),
        () -> cache.replace(null, 1, 2),
        () -> cache.getAndReplace(null, 1),
        () -> cache.removeAll(aAndNull()),
        () -> cache.removeAll(null),
        () -> cache.invoke(null, SET_TO_99),
        () -> cache.invokeAll(aAndNull(), SET_TO_99),
        () -> cache.loadAll(aAndNull(), false, null)));

    assertUnchanged();
  }

  @Test
  void nullValue_isRejectedWithNullPointerException_byEveryMethod() {
    Map<String, Integer> nullValueMap = new HashMap<>();
    nullValueMap.put("c", 3);
    nullValueMap.put("a", null);

    assertEachThrows(NullPointerException.class, List.of(
        () -> cache.put("a", null),
        () -> cache.put("new", null),
        () -> cache.getAndPut("a", null),
        () -> cache.putAll(nullValueMap),
        () -> cache.putIfAbsent("new", null),
        () -> cache.remove("a", null),
        () -> cache.replace("a", null),
        () -> cache.replace("a", null, 2),
        () -> cache.replace("a", 1, null),
        () -> cache.getAndReplace("a", null),
        () -> cache.invoke("a", null)));

    assertUnchanged();
  }

  @Test
  void wrongTypes_onATypedCache_areRejectedWithClassCastException() {
    @SuppressWarnings("unchecked")
    Cache<Object, Object> untyped = (Cache<Object, Object>) (Cache<?, ?>) cache;
    Map<Object, Object> wrongValueMap = new HashMap<>();
    wrongValueMap.put("c", 3);
    wrongValueMap.put("d", "four");

    assertEachThrows(ClassCastException.class, List.of(
        () -> untyped.put(1, 1),
        () -> untyped.put("a", "one"),
        () -> untyped.put("new", 1L),
        () -> untyped.getAndPut("a", "one"),
        () -> untyped.putIfAbsent("new", "one"),
        () -> untyped.putAll(wrongValueMap),
        () -> untyped.replace("a", "one"),
        () -> untyped.replace("a", 1, "one"),
        () -> untyped.getAndReplace("a", "one"),
        () -> untyped.get(1),
        () -> untyped.containsKey(1),
        () -> untyped.remove(1),
        () -> untyped.getAndRemove(1)));

    assertUnchanged();
  }

  @Test
  void entryProcessorSettingAValueOfTheWrongType_failsAndChangesNothing() {
    @SuppressWarnings("unchecked")
    Cache<String, Object> untyped = (Cache<String, Object>) (Cache<?, ?>) cache;

    EntryProcessorException e = assertThrows(EntryProcessorException.class,
        () -> untyped.invoke("a", (entry, arguments) -> {
          entry.setValue("one");
          return null;
        }));

    assertInstanceOf(ClassCastException.class, e.getCause());

    assertUnchanged();
  }

  @Test
  void everyOperationOnAClosedCache_throwsIllegalStateException() {
    cache.close();

    assertTrue(cache.isClosed());
    assertEachThrows(IllegalStateException.class, List.of(
        () -> cache.get("a"),
        () -> cache.getAll(Set.of("a")),
        () -> cache.containsKey("a"),
        () -> cache.put("a", 5),
        () -> cache.getAndPut("a", 5),
        () -> cache.putAll(Map.of("a", 5)),
        () -> cache.putIfAbsent("c", 5),
        () -> cache.remove("a"),
        () -> cache.remove("a", 1),
        () -> cache.getAndRemove("a"),
        () -> cache.replace("a", 5),
        () -> cache.replace("a", 1, 5),
        () -> cache.getAndReplace("a", 5),
        () -> cache.removeAll(Set.of("a")),
        () -> cache.removeAll(),
        () -> cache.clear(),
        () -> cache.iterator(),
        () -> cache.invoke("a", SET_TO_99),
        () -> cache.invokeAll(Set.of("a"), SET_TO_99),
        () -> cache.loadAll(Set.of("a"), false, null),
        () -> cache.registerCacheEntryListener(
            new RecordingListener<String, Integer>().configuration(/* synchronous= */ true))));
  }

  @Test
  void closingTheManager_closesItsCaches() {
    manager.close();

    assertTrue(cache.isClosed());
    assertThrows(IllegalStateException.class, () -> cache.get("a"));
    assertThrows(IllegalStateException.class, () -> manager.getCache(cache.getName()));
  }

  /**
   * A closed cache on the heap is gone. A disk store keeps a closed cache's data, and its manager
   * lists and reopens the caches it finds on disk (the JCache javadoc of {@code Cache.close}
   * allows a storage-backed cache to be reached through its manager again): a new cache, open,
   * with the data.
   */
  @Test
  void closedCache_isNoLongerManagedByItsManager() {
    String name = cache.getName();
    cache.close();

    Cache<String, Integer> again = manager.getCache(name, String.class, Integer.class);
    if (onHeap()) {
      assertNull(again);
    } else {
      assertNotSame(cache, again);
      assertFalse(again.isClosed());
      assertEquals(Map.of("a", 1, "b", 2), contents(again));
    }
  }

  @Test
  void iteratorOfACacheClosedMeanwhile_throwsIllegalStateException() {
    var iterator = cache.iterator();
    cache.close();

    assertThrows(IllegalStateException.class, iterator::hasNext);
  }
}
