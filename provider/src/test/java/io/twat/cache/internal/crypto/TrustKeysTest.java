/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/** Signing and verifying with trust keys: rotation, tampering, derivation from encryption keys. */
class TrustKeysTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void signedBytes_verify_andAnyChangeFails() {
    TrustKeys keys = TrustKeys.of(List.of(randomKey()));
    byte[] signed = signed(keys, "a value the cache wrote");

    assertTrue(keys.verify(signed, 0, signed.length));
    for (int i = 0; i < signed.length; i++) {
      byte[] changed = signed.clone();
      changed[i] ^= 0x20;
      assertFalse(keys.verify(changed, 0, changed.length), "a change at byte " + i);
    }
    assertFalse(keys.verify(signed, 0, signed.length - 1), "truncated");
    assertFalse(keys.verify(signed, 0, 3), "shorter than a trailer");
  }

  @Test
  void verify_readsASliceOfALargerArray() {
    TrustKeys keys = TrustKeys.of(List.of(randomKey()));
    byte[] signed = signed(keys, "sliced");
    byte[] larger = new byte[signed.length + 10];
    System.arraycopy(signed, 0, larger, 4, signed.length);

    assertTrue(keys.verify(larger, 4, signed.length));
  }

  @Test
  void anotherKey_doesNotVerify_andTheKeyIdSaysWhichKeySigned() {
    TrustKeys mine = TrustKeys.of(List.of(randomKey()));
    TrustKeys theirs = TrustKeys.of(List.of(randomKey()));
    byte[] signed = signed(theirs, "planted");

    assertFalse(mine.verify(signed, 0, signed.length));
    assertEquals(theirs.currentId(), TrustKeys.keyIdOf(signed, 0, signed.length));
    assertFalse(mine.hasKey(theirs.currentId()));
  }

  @Test
  void rotation_theFirstKeySigns_olderKeysStillVerify() {
    byte[] oldKey = randomKey();
    byte[] newKey = randomKey();
    byte[] signedBefore = signed(TrustKeys.of(List.of(oldKey)), "before the rotation");
    TrustKeys rotated = TrustKeys.of(List.of(newKey, oldKey));

    assertTrue(rotated.verify(signedBefore, 0, signedBefore.length));
    byte[] signedAfter = signed(rotated, "after");
    assertEquals(TrustKeys.of(List.of(newKey)).currentId(),
        TrustKeys.keyIdOf(signedAfter, 0, signedAfter.length));
    assertFalse(TrustKeys.of(List.of(oldKey)).verify(signedAfter, 0, signedAfter.length));
  }

  @Test
  void keysDerivedFromTheSameEncryptionKeys_agree_andDifferFromTheEncryptionKeyUsedDirectly() {
    SecretKey encryption = TestKeys.newKey();
    TrustKeys one = TrustKeys.derivedFrom(Keyring.of(encryption));
    TrustKeys other = TrustKeys.derivedFrom(Keyring.of(encryption));
    byte[] signed = signed(one, "sealed host");

    assertTrue(other.verify(signed, 0, signed.length), "another host with the same encryption key");
    assertNotEquals(TrustKeys.of(List.of(encryption.getEncoded())).currentId(), one.currentId());
    TrustKeys unrelated = TrustKeys.derivedFrom(Keyring.of(TestKeys.newKey()));
    assertFalse(unrelated.verify(signed, 0, signed.length));
    TrustKeys rotated = TrustKeys.derivedFrom(Keyring.of(TestKeys.newKey(), List.of(encryption)));
    assertTrue(rotated.verify(signed, 0, signed.length), "an older encryption key still verifies");
  }

  @Test
  void keysOfAnotherLength_orNone_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> TrustKeys.of(List.of(new byte[16])));
    assertThrows(IllegalArgumentException.class, () -> TrustKeys.of(List.of()));
  }

  @Test
  void manyThreadsSignAndVerifyAtOnce() throws Exception {
    TrustKeys keys = TrustKeys.of(List.of(randomKey()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            byte[] signed = signed(keys, "thread " + thread + " value " + i);
            if (!keys.verify(signed, 0, signed.length)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] signed(TrustKeys keys, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(body, body.length + TrustKeys.TRAILER_BYTES);
    keys.sign(out, body.length);
    return out;
  }

  private static byte[] randomKey() {
    byte[] key = new byte[TrustKeys.KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }
}
