/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SealerTest {
  private static final byte[] PLAIN =
      "a value nobody else may read".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "entry ab12".getBytes(StandardCharsets.UTF_8);

  private final SecretKey key = TestKeys.newKey();
  private final Sealer sealer = new Sealer(Keyring.of(key));

  @Test
  void sealThenOpen_givesThePlaintextBack_andHidesIt() throws Exception {
    byte[] sealed = sealer.seal(PLAIN, AAD);

    assertEquals(PLAIN.length + Sealer.OVERHEAD, sealed.length);
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("nobody"));
    assertArrayEquals(PLAIN, sealer.open(sealed, 0, sealed.length, AAD));
  }

  @Test
  void eachSeal_usesAFreshNonce() {
    byte[] first = sealer.seal(PLAIN, AAD);
    byte[] second = sealer.seal(PLAIN, AAD);

    assertNotEquals(
        Arrays.toString(Arrays.copyOfRange(first, 5, 17)),
        Arrays.toString(Arrays.copyOfRange(second, 5, 17)));
    assertFalse(Arrays.equals(first, second));
  }

  @Test
  void open_ofAnyFlippedBit_failsAuthentication() {
    byte[] sealed = sealer.seal(PLAIN, AAD);
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x10;
      assertThrows(
          SealedDataException.class,
          () -> sealer.open(tampered, 0, tampered.length, AAD),
          "byte " + i);
    }
  }

  @Test
  void open_withOtherAssociatedData_fails() {
    byte[] sealed = sealer.seal(PLAIN, AAD);

    SealedDataException e = assertThrows(SealedDataException.class,
        () -> sealer.open(sealed, 0, sealed.length, "entry cd34".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
  }

  @Test
  void open_withAnotherKey_failsNamingTheKeyId() {
    byte[] sealed = sealer.seal(PLAIN, AAD);
    Sealer other = new Sealer(Keyring.of(TestKeys.newKey()));

    SealedDataException e =
        assertThrows(SealedDataException.class, () -> other.open(sealed, 0, sealed.length, AAD));
    assertTrue(e.getMessage().contains("not among the configured keys"), e.getMessage());
  }

  @Test
  void afterRotation_oldValuesOpen_andNewOnesUseTheNewKey() throws Exception {
    byte[] old = sealer.seal(PLAIN, AAD);
    SecretKey newKey = TestKeys.newKey();
    Sealer rotated = new Sealer(Keyring.of(newKey, List.of(key)));

    assertArrayEquals(PLAIN, rotated.open(old, 0, old.length, AAD));
    byte[] fresh = rotated.seal(PLAIN, AAD);
    assertThrows(SealedDataException.class, () -> sealer.open(fresh, 0, fresh.length, AAD));
    assertArrayEquals(PLAIN, new Sealer(Keyring.of(newKey)).open(fresh, 0, fresh.length, AAD));
  }

  @Test
  void open_ofTruncatedBytes_fails() {
    byte[] sealed = sealer.seal(PLAIN, AAD);

    assertThrows(SealedDataException.class, () -> sealer.open(sealed, 0, Sealer.OVERHEAD - 1, AAD));
    assertThrows(SealedDataException.class, () -> sealer.open(sealed, 0, sealed.length - 1, AAD));
  }

  @Test
  void keyring_refusesKeysThatAreNotAes256() {
    IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
        () -> Keyring.of(new SecretKeySpec(new byte[16], "AES")));
    assertTrue(shortKey.getMessage().contains("256 bits"), shortKey.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Keyring.of(new SecretKeySpec(new byte[32], "HmacSHA256")));
  }

  @Test
  void keyring_toString_showsNoKeyMaterial() {
    String text = Keyring.of(key).toString();

    assertFalse(
        text.contains(java.util.HexFormat.of().formatHex(key.getEncoded()).substring(0, 8)));
    assertTrue(text.contains("key id"));
  }
}
