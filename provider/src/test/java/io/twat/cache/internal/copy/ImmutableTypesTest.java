/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What store-by-value may keep without copying is exactly what every store can keep: immutable
 * and serializable. A record that is not {@code Serializable} is refused on the heap as a disk
 * store refuses it.
 */
final class ImmutableTypesTest {
  /** Immutable and Serializable. */
  record Money(String currency, long cents) implements Serializable {
  }

  /** Immutable, but not Serializable. */
  record Point(int x, int y) {
  }

  /** Serializable, but holding a record that is not. */
  record Segment(Point from, Point to) implements Serializable {
  }

  @Test
  void serializableRecordsOfImmutables_areKeptAsTheyAre_andSerialize() {
    Money money = new Money("EUR", 250);

    assertTrue(ImmutableTypes.isImmutable(money));
    assertSame(money, new SerializingCopier().toStore(money));
    assertSame(money, new CheckingCopier().toStore(money));
    Serializer.allowing(Money.class.getName()).toBytes(money);
  }

  @Test
  void recordsThatDoNotSerialize_areNotImmutableValues_andEveryCopierRefusesThem() {
    for (Object value : List.of(new Point(1, 2), new Segment(new Point(1, 2), new Point(3, 4)))) {
      assertFalse(ImmutableTypes.isImmutable(value), value.toString());
      for (Copier copier : List.of(new SerializingCopier(), new CheckingCopier())) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> copier.toStore(value));
        assertTrue(e.getMessage().contains("setStoreByValue(false)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> copier.copyKey(value));
      }
    }
  }

  @Test
  void theJdksValueTypes_areImmutable() {
    for (Object value : List.of("s", 1, 2L, UUID.randomUUID(), LocalDate.of(2026, 12, 4))) {
      assertTrue(ImmutableTypes.isImmutable(value), value.getClass().getName());
    }
  }
}
