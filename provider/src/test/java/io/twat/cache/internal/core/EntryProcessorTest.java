/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.core.RecordingListener.Seen;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code invoke} and {@code invokeAll}: atomic changes by an EntryProcessor, and its failures. */
final class EntryProcessorTest extends CacheTestSupport {
  /** The processors' own failure, thrown by this test instance's processors. */
  private final IllegalStateException failure = new IllegalStateException("processor broke");

  /** Sets the value to its argument, then throws {@link #failure}. */
  private final EntryProcessor<String, Integer, Void> setThenFail = (entry, arguments) -> {
    entry.setValue((Integer) arguments[0]);
    throw failure;
  };

  private final RecordingListener<String, Integer> listener = new RecordingListener<>();
  private Cache<String, Integer> cache;

  @BeforeEach
  void createCache() {
    TwatConfiguration<String, Integer> config = config(String.class, Integer.class);
    config.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(SECONDS, 10)));
    config.addCacheEntryListenerConfiguration(listener.configuration(/* synchronous= */ true));
    cache = create(config);
  }

  @Test
  void invoke_appliesTheProcessorsChange_andReturnsItsResult() {
    cache.put("k", 1);

    String result = cache.invoke("k", (entry, arguments) -> {
      entry.setValue(entry.getValue() + (Integer) arguments[0]);
      return "was " + entry.getKey();
    }, 41);

    assertEquals("was k", result);
    assertEquals(42, cache.get("k"));
    assertEquals(new Seen<>(EventType.UPDATED, "k", 42, 1), listener.seen().get(1));
  }

  @Test
  void invoke_removingAnEntry_removesIt() {
    cache.put("k", 1);

    cache.invoke("k", (entry, arguments) -> {
      entry.remove();
      return null;
    });

    assertFalse(cache.containsKey("k"));
  }

  @Test
  void invoke_whenProcessorThrows_wrapsItInEntryProcessorException_andLeavesEntryUnchanged() {
    cache.put("k", 1);
    int eventsBefore = listener.seen().size();

    EntryProcessorException e = assertThrows(EntryProcessorException.class,
        () -> cache.invoke("k", setThenFail, 2));

    assertSame(failure, e.getCause());
    assertEquals(Map.of("k", 1), contents(cache));
    assertEquals(eventsBefore, listener.seen().size());
  }

  @Test
  void invoke_whenProcessorThrowsOnAnAbsentKey_leavesItAbsent() {
    assertThrows(EntryProcessorException.class, () -> cache.invoke("k", setThenFail, 2));

    assertFalse(cache.containsKey("k"));
    assertEquals(List.of(), listener.seen());
  }

  @Test
  void invoke_whenProcessorThrowsEntryProcessorException_passesItOnAsItIs() {
    EntryProcessorException own = new EntryProcessorException("own");

    EntryProcessorException e = assertThrows(EntryProcessorException.class,
        () -> cache.invoke("k", (entry, arguments) -> {
          throw own;
        }));

    assertSame(own, e);
  }

  @Test
  void invoke_whenProcessorThrowsOnAnExpiredEntry_theExpiryIsReportedOnce() {
    cache.put("k", 1);
    ticker.advance(10, SECONDS);

    assertThrows(EntryProcessorException.class, () -> cache.invoke("k", setThenFail, 2));
    assertNull(cache.get("k"));
    assertNull(cache.get("k"));

    assertEquals(
        List.of(new Seen<>(EventType.EXPIRED, "k", 1, 1)), listener.seen(EventType.EXPIRED));
  }

  @Test
  void invoke_onAnExpiredEntry_seesItAsAbsent() {
    cache.put("k", 1);
    ticker.advance(10, SECONDS);

    Boolean existed = cache.invoke("k", (entry, arguments) -> entry.exists());

    assertFalse(existed);
  }

  @Test
  void invokeAll_reportsEachKeysFailureInItsResult_andAppliesTheOthers() {
    cache.putAll(Map.of("ok", 1, "bad", 2));

    Map<String, EntryProcessorResult<Integer>> results = cache.invokeAll(Set.of("ok", "bad"),
        (entry, arguments) -> {
          if (entry.getKey().equals("bad")) {
            entry.setValue(99);
            throw failure;
          }
          entry.setValue(entry.getValue() * 10);
          return entry.getValue();
        });

    assertEquals(10, results.get("ok").get());
    EntryProcessorException e =
        assertThrows(EntryProcessorException.class, () -> results.get("bad").get());
    assertSame(failure, e.getCause());
    assertEquals(Map.of("ok", 10, "bad", 2), contents(cache));
  }
}
