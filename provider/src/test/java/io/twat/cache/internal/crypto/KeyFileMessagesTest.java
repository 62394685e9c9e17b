/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What a key file of the wrong size is told: that a key is 32 bytes, and how to write one. */
class KeyFileMessagesTest {
  private static final Path FILE = Path.of("/keys/cache.key");

  @Test
  void sixteenRawBytes_sayThat32BytesAreNeeded() {
    byte[] sixteen = new byte[16];
    for (int i = 0; i < sixteen.length; i++) {
      sixteen[i] = (byte) (0x80 + i * 7);
    }

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> KeySources.parseKeys(FILE, sixteen, "needs"));

    String message = thrown.getMessage();
    assertTrue(message.contains("holds 16 bytes of binary data"), message);
    assertTrue(message.contains("a key is 32 bytes"), message);
    assertTrue(message.contains("exactly 32 raw bytes"), message);
    assertTrue(message.contains("Base64"), message);
    assertTrue(message.contains(FILE.toString()), message);
    assertFalse(message.contains("Line 1"), message);
  }

  @Test
  void textThatIsNotBase64_saysThat32BytesAreNeeded() {
    byte[] text = "not a key!\n".getBytes(StandardCharsets.US_ASCII);

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> KeySources.parseKeys(FILE, text, "needs"));

    String message = thrown.getMessage();
    assertTrue(message.contains("Line 1"), message);
    assertTrue(message.contains("is not Base64; a key is 32 bytes"), message);
  }

  @Test
  void base64OfSixteenBytes_saysItsLength() {
    byte[] text = Base64.getEncoder().encode(new byte[16]);

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> KeySources.parseKeys(FILE, text, "AES-256-GCM needs keys of 32 bytes"));

    assertTrue(thrown.getMessage().contains("holds 16 bytes; AES-256-GCM needs keys of 32 bytes"),
        thrown.getMessage());
  }
}
