/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twat.cache.Ticker;
import io.twat.cache.internal.crypto.Keyring;
import io.twat.cache.internal.crypto.TestKeys;
import java.lang.reflect.Constructor;
import org.junit.jupiter.api.Test;

/** A spec is made whole, and a derived spec changes one setting and keeps every other. */
final class StoreSpecTest {
  private final StoreListener listener = count -> { };
  private final Ticker ticker = () -> 1L;
  private final Keyring keyring = Keyring.of(TestKeys.newKey());
  private final StoreSpec spec = new StoreSpec("c", 10, listener, ticker, /* expiring= */ true,
      String.class, Integer.class, 1_000, keyring);

  @Test
  void hasOnlyTheCanonicalConstructor_soNoSettingIsEverLeftToADefault() {
    Constructor<?>[] constructors = StoreSpec.class.getDeclaredConstructors();

    assertEquals(1, constructors.length, "constructors of StoreSpec");
    assertEquals(StoreSpec.class.getRecordComponents().length, constructors[0].getParameterCount());
  }

  @Test
  void eachWither_changesItsSettingAndKeepsEveryOther() {
    StoreListener other = count -> { };
    Ticker otherTicker = () -> 2L;
    Keyring otherKeys = Keyring.of(TestKeys.newKey());

    assertEquals(new StoreSpec("d", 10, listener, ticker, true, String.class, Integer.class, 1_000,
        keyring), spec.withCacheName("d"));
    assertEquals(new StoreSpec("c", 3, listener, ticker, true, String.class, Integer.class, 1_000,
        keyring), spec.withMaxEntries(3));
    assertEquals(new StoreSpec("c", 10, other, ticker, true, String.class, Integer.class, 1_000,
        keyring), spec.withListener(other));
    assertEquals(new StoreSpec("c", 10, listener, otherTicker, true, String.class, Integer.class,
        1_000, keyring), spec.withTicker(otherTicker));
    assertEquals(new StoreSpec("c", 10, listener, ticker, false, String.class, Integer.class, 1_000,
        keyring), spec.withExpiring(/* expiring= */ false));
    assertEquals(new StoreSpec("c", 10, listener, ticker, true, Long.class, byte[].class, 1_000,
        keyring), spec.withTypes(Long.class, byte[].class));
    assertEquals(new StoreSpec("c", 10, listener, ticker, true, String.class, Integer.class, 5,
        keyring), spec.withMaxBytes(5));
    assertEquals(new StoreSpec("c", 10, listener, ticker, true, String.class, Integer.class, 1_000,
        otherKeys), spec.withKeyring(otherKeys));
  }
}
