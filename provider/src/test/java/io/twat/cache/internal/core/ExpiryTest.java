/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.event.EventType;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** Expiry as the JCache expiry policies define it, on a clock the tests move. */
final class ExpiryTest extends CacheTestSupport {
  private static final Duration TEN_SECONDS = new Duration(SECONDS, 10);

  private Cache<String, String> cacheWith(Factory<? extends ExpiryPolicy> policy) {
    TwatConfiguration<String, String> config = config(String.class, String.class);
    config.setExpiryPolicyFactory(policy);
    return create(config);
  }

  private void advance(long millis) {
    ticker.advance(millis, MILLISECONDS);
  }

  // ---------------------------------------------------------------- created

  @Test
  void created_entryIsLiveUntilJustBeforeDeadline_andMissesAtIt() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v");

    advance(9_999);
    assertEquals("v", cache.get("k"));

    advance(1);
    assertNull(cache.get("k"));
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void created_neitherAccessNorUpdate_extendsTheDeadline() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v1");

    advance(5_000);
    assertEquals("v1", cache.get("k"));
    cache.put("k", "v2");

    advance(5_000);
    assertNull(cache.get("k"));
  }

  @Test
  void created_withZeroDuration_storesNothingAndFiresNoCreatedEvent() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(Duration.ZERO));
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));

    cache.put("k", "v");

    assertFalse(cache.containsKey("k"));
    assertNull(cache.get("k"));
    assertEquals(Map.of(), contents(cache));
    assertEquals(List.of(), listener.seen());
  }

  // ---------------------------------------------------------------- accessed

  @Test
  void accessed_eachReadExtendsTheDeadline() {
    Cache<String, String> cache = cacheWith(AccessedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v");

    advance(9_000);
    assertEquals("v", cache.get("k"));
    advance(9_999);
    assertEquals("v", cache.get("k"), "the read at 9s moved the deadline to 19s");
    advance(10_000);
    assertNull(cache.get("k"));
  }

  @Test
  void accessed_updateDoesNotExtendTheDeadline() {
    Cache<String, String> cache = cacheWith(AccessedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v1");

    advance(9_000);
    cache.put("k", "v2");
    advance(1_000);

    assertFalse(cache.containsKey("k"));
  }

  @Test
  void accessed_containsKeyDoesNotExtendTheDeadline() {
    Cache<String, String> cache = cacheWith(AccessedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v");

    advance(9_000);
    assertTrue(cache.containsKey("k"));
    advance(1_000);

    assertNull(cache.get("k"));
  }

  // ---------------------------------------------------------------- modified

  @Test
  void modified_updateExtendsTheDeadline_readDoesNot() {
    Cache<String, String> cache = cacheWith(ModifiedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v1");

    advance(9_000);
    cache.put("k", "v2");
    advance(9_999);
    assertEquals("v2", cache.get("k"), "the update at 9s moved the deadline to 19s");
    advance(1);

    assertNull(cache.get("k"));
  }

  // ---------------------------------------------------------------- touched

  @Test
  void touched_readAndUpdateBothExtendTheDeadline() {
    Cache<String, String> cache = cacheWith(TouchedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v1");

    advance(9_000);
    assertEquals("v1", cache.get("k"));
    advance(9_000);
    cache.put("k", "v2");
    advance(9_999);
    assertEquals("v2", cache.get("k"));
    advance(10_000);

    assertNull(cache.get("k"));
  }

  // ---------------------------------------------------------------- events and expired entries

  @Test
  void expiredEntry_firesExactlyOneExpiredEventWithTheOldValue() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));
    cache.put("k", "v");

    advance(10_000);
    assertNull(cache.get("k"));
    assertNull(cache.get("k"));
    assertFalse(cache.containsKey("k"));
    assertFalse(cache.iterator().hasNext());
    assertEquals(Map.of(), cache.getAll(Set.of("k")));

    assertEquals(List.of(new RecordingListener.Seen<>(EventType.EXPIRED, "k", "v", "v")),
        listener.seen(EventType.EXPIRED));
  }

  @Test
  void expiredEntry_metByIterator_firesOneExpiredEventAndIsSkipped() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));
    cache.put("old", "v");
    advance(5_000);
    cache.put("young", "w");

    advance(5_000);

    assertEquals(Map.of("young", "w"), contents(cache));
    assertEquals(Map.of("young", "w"), contents(cache));
    assertEquals(List.of(new RecordingListener.Seen<>(EventType.EXPIRED, "old", "v", "v")),
        listener.seen(EventType.EXPIRED));
  }

  @Test
  void putIfAbsent_whenExpired_storesNewValue() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    RecordingListener<String, String> listener = new RecordingListener<>();
    cache.registerCacheEntryListener(listener.configuration(/* synchronous= */ true));
    cache.put("k", "old");

    advance(10_000);

    assertTrue(cache.putIfAbsent("k", "new"));
    assertEquals("new", cache.get("k"));
    assertEquals(List.of(
        new RecordingListener.Seen<>(EventType.CREATED, "k", "old", null),
        new RecordingListener.Seen<>(EventType.EXPIRED, "k", "old", "old"),
        new RecordingListener.Seen<>(EventType.CREATED, "k", "new", null)), listener.seen());
  }

  @Test
  void putIfAbsent_whenExpired_givesTheNewEntryAFreshDeadline() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "old");
    advance(10_000);
    cache.putIfAbsent("k", "new");

    advance(9_999);
    assertEquals("new", cache.get("k"));
    advance(1);
    assertNull(cache.get("k"));
  }

  @Test
  void replace_whenExpired_doesNothingAndReturnsFalse() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "old");
    advance(10_000);

    assertFalse(cache.replace("k", "new"));
    assertFalse(cache.replace("k", "old", "new"));
    assertNull(cache.getAndReplace("k", "new"));
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void remove_whenExpired_returnsFalse() {
    Cache<String, String> cache = cacheWith(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
    cache.put("k", "v");
    advance(10_000);

    assertFalse(cache.remove("k"));
    assertNull(cache.getAndRemove("k"));
  }

  @Test
  void eternalPolicy_neverExpires() {
    Cache<String, String> cache = create(config(String.class, String.class));
    cache.put("k", "v");

    ticker.advance(365L * 24 * 3600, SECONDS);

    assertEquals("v", cache.get("k"));
  }

  /**
   * Eternal when created, ten seconds after each read: the first read gives a never-expiring entry
   * a deadline.
   */
  static final class EternalUntilRead implements ExpiryPolicy {
    @Override
    public Duration getExpiryForCreation() {
      return Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      return TEN_SECONDS;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }

  @Test
  @SuppressWarnings("serial") // the factory is a serializable lambda that never leaves the JVM
  void eternalEntry_withAnAccessDuration_expiresThatLongAfterItsLastRead() {
    Cache<String, String> cache = cacheWith(EternalUntilRead::new);
    cache.put("k", "v");
    advance(100_000);
    assertEquals("v", cache.get("k"), "eternal until read");

    advance(9_999);
    assertEquals(
        "v",
        cache.get("k"),
        "the first read set a deadline ten seconds after it; this read moves it");
    advance(9_999);
    assertTrue(cache.containsKey("k"));
    advance(1);
    assertNull(cache.get("k"), "ten seconds after the last read");
  }
}
