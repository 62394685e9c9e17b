/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys and values pass through as they are; what a disk store's serializer could not write is
 * refused first, with the same advice as store-by-value on the heap.
 */
final class CheckingCopierTest {
  private final CheckingCopier copier = new CheckingCopier();

  /** Serializable itself, but holding something that is not. */
  static final class Holder implements Serializable {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("serial") // the point: a field whose value does not serialize
    final Object inside;

    Holder(Object inside) {
      this.inside = inside;
    }
  }

  @Test
  void whatTheDiskSerializerWrites_passesAsItIs() {
    List<Object> values = new ArrayList<>(List.of("s", 1, 2L, 'c', true, 1.5, new int[] {1},
        new byte[] {2}, ByteBuffer.wrap(new byte[] {3}), new Holder("fine")));
    for (Object value : values) {
      Serializer.allowing().toBytes(value);
      assertSame(value, copier.toStore(value));
      assertSame(value, copier.fromStore(value));
      assertSame(value, copier.copyKey(value));
    }
  }

  @Test
  void aValueOrKeyThatDoesNotSerialize_isRefusedWithAdvice() {
    Holder holder = new Holder(new Object());

    IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
        () -> copier.toStore(holder));
    IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
        () -> copier.copyKey(new Object()));

    for (IllegalArgumentException e : List.of(value, key)) {
      assertTrue(e.getMessage().contains("Make it Serializable"), e.getMessage());
      assertTrue(e.getMessage().contains("setStoreByValue(false)"), e.getMessage());
    }
    assertTrue(value.getMessage().contains(Holder.class.getName()), value.getMessage());
  }
}
