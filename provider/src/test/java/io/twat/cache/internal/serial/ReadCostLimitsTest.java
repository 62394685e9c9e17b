/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.copy.SerializingCopier;
import io.twat.cache.internal.crypto.TrustKeys;
import io.twat.cache.spi.TwatCachingProvider;
import io.twat.cache.testing.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a read may cost: a small stream of allow-listed JDK classes alone (the "SerialDOS" bomb of
 * nested hash sets, 1.5 KB that take seconds to minutes to read) is refused at once, by the
 * serializer of the disk stores, trusted or not, and by the copier of the heap stores; values
 * that applications cache (framework entries, records, collections of them, large arrays and
 * lists) stay well within the limits and read back.
 */
class ReadCostLimitsTest {
  /** A correctness bound, not a benchmark: an unbounded read takes minutes or never ends. */
  private static final Duration FAST = Duration.ofSeconds(5);

  private final Serializer jdkOnly = Serializer.allowing();

  /**
   * Nested hash sets, {@code depth} levels: each level's two sets both hold the next level's two,
   * so hashing a set visits 2^depth sets, and reading one back hashes every level.
   */
  static Set<Object> hashSetBomb(int depth) {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < depth; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo"); // t1 and t2 differ, so that each level holds two sets
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return root;
  }

  @ParameterizedTest
  @ValueSource(ints = {24, 26, 100})
  void hashSetBomb_ofAllowListedClassesOnly_isRefusedAtOnce(int depth) {
    byte[] bytes = jdkOnly.toBytes(hashSetBomb(depth));
    assertEquals(Serializer.JAVA, bytes[0], "JDK classes only: written unsigned");
    assertTrue(bytes.length < 8_000, "a small stream: " + bytes.length + " bytes");

    ClassNotAllowedException e = assertTimeoutPreemptively(FAST,
        () -> assertThrows(ClassNotAllowedException.class, () -> jdkOnly.fromBytes(bytes)));

    assertNull(e.className());
    assertTrue(e.getMessage().contains("nesting depth exceeds " + Serializer.MAX_DEPTH),
        e.getMessage());
    assertTrue(e.getMessage().contains(Serializer.MAX_DEPTH_PROPERTY), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {24, 100})
  void hashSetBomb_signedByTheCache_isRefusedAtOnceToo(int depth) {
    TrustKeys keys = TrustKeys.of(List.of(new byte[32]));
    Serializer trusting = new Serializer(AllowList.jdkOnly(), () -> null, () -> Optional.of(keys));
    Set<Object> bomb = hashSetBomb(depth);
    bomb.add(new Outside("a class off the allow-list: the bytes are signed"));
    byte[] bytes = trusting.toBytes(bomb);
    assertEquals(Serializer.JAVA_SIGNED, bytes[0]);

    ClassNotAllowedException e = assertTimeoutPreemptively(FAST,
        () -> assertThrows(ClassNotAllowedException.class, () -> trusting.fromBytes(bytes)));

    assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
  }

  @Test
  void hashSetBomb_justBelowTheDepthLimit_costsLittle() {
    // the deepest bomb the limit lets through: the bound on what one read may cost
    assertEquals(10 + 1, maxDepthOf(jdkOnly.toBytes(hashSetBomb(10))),
        "a level of sets is a level of depth");
    int depth = (int) Serializer.MAX_DEPTH - 2;
    byte[] bytes = jdkOnly.toBytes(hashSetBomb(depth));

    assertTimeoutPreemptively(FAST, () -> jdkOnly.fromBytes(bytes));
  }

  @Test
  void hashSetBomb_putThroughAFileCache_returns_andItsReadIsARefusedMissAtOnce(
      @TempDir Path folder) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try (LogCapture log = LogCapture.of("io.twat.cache")) {
      Cache<Object, Object> cache = provider.getCacheManager(
              URI.create("twat:file?dir=" + folder), ReadCostLimitsTest.class.getClassLoader())
          .createCache("bombs", new MutableConfiguration<>());

      assertTimeoutPreemptively(FAST, () -> cache.put("bomb", hashSetBomb(100)));
      assertNull(assertTimeoutPreemptively(FAST, () -> cache.get("bomb")));

      assertTrue(log.warnings().stream().anyMatch(line -> line.contains("nesting depth exceeds")
          && line.contains(Serializer.MAX_DEPTH_PROPERTY)), () -> "WARNINGs: " + log.warnings());
    } finally {
      provider.close();
    }
  }

  @Test
  void forgedArrayLength_isRefusedBeforeTheArrayIsMade() {
    byte[] bytes = jdkOnly.toBytes(new ArrayList<>(List.of(1, 2, 3)));
    // ArrayList writes its size twice: its field, from which it reads back into an array of that
    // length, then a block of 4 bytes; the field is the 4 bytes just before that block.
    int size = indexOfSizeBlock(bytes) - 4;
    bytes[size] = 0x7f; // about 2 billion elements, in a stream of some 80 bytes
    byte[] forged = bytes;

    ClassNotAllowedException e = assertThrows(ClassNotAllowedException.class,
        () -> jdkOnly.fromBytes(forged));

    assertTrue(e.getMessage().contains("array of"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {24, 100})
  void heapCopy_ofAHashSetBomb_failsAtOnce_aKeyAtPutAndAValueAtRead(int depth) {
    SerializingCopier copier = new SerializingCopier();
    Set<Object> bomb = hashSetBomb(depth);

    IllegalArgumentException key = assertTimeoutPreemptively(FAST,
        () -> assertThrows(IllegalArgumentException.class, () -> copier.copyKey(bomb)));
    assertTrue(key.getMessage().contains("nesting depth exceeds"), key.getMessage());
    assertTrue(key.getMessage().contains(Serializer.MAX_DEPTH_PROPERTY), key.getMessage());

    Object stored = assertTimeoutPreemptively(FAST, () -> copier.toStore(bomb));
    CacheException value = assertTimeoutPreemptively(FAST,
        () -> assertThrows(CacheException.class, () -> copier.fromStore(stored)));
    assertTrue(value.getMessage().contains("nesting depth exceeds"), value.getMessage());
  }

  @Test
  void realisticValues_stayWellWithinTheDepthLimit_andReadBack() {
    Serializer serializer = Serializer.allowing(Marker.class.getName(), Key.class.getName(),
        EntityEntry.class.getName(), Holder.class.getName(), Leaf.class.getName());
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("Spring's NullValue (an enum-like singleton)", Marker.NULL);
    values.put("a SimpleKey-like key", new Key(new Object[] {"isbn", 42L, List.of("a", "b")}));
    values.put("a Hibernate-like entity entry", new EntityEntry(new Object[] {
        7L, "title", new BigDecimal("9.99"), LocalDate.of(2026, 12, 4), Instant.EPOCH, 3L, null},
        "Book", 1));
    values.put("a Hibernate-like query result", new ArrayList<>(List.of(
        new Object[] {1L, "a"}, new Object[] {2L, "b"})));
    values.put("a List of Maps of records, 10 levels", nested(10));
    for (Map.Entry<String, Object> value : values.entrySet()) {
      byte[] bytes = serializer.toBytes(value.getValue());
      int depth = maxDepthOf(bytes);
      assertTrue(depth <= Serializer.MAX_DEPTH * 3 / 4,
          value.getKey() + ": depth " + depth + " of " + Serializer.MAX_DEPTH);
      Object back = serializer.fromBytes(bytes);
      assertEquals(deep(value.getValue()), deep(back), value.getKey());
    }
  }

  @Test
  void largeArraysAndLists_readBack() {
    Serializer serializer = Serializer.allowing(Blob.class.getName());
    byte[] megabyte = new byte[1 << 20];
    Arrays.fill(megabyte, (byte) 7);
    Blob blob = (Blob) serializer.fromBytes(serializer.toBytes(new Blob("photo", megabyte)));
    assertArrayEquals(megabyte, blob.data());

    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      list.add(i);
    }
    assertEquals(list, serializer.fromBytes(serializer.toBytes(list)));

    List<Object> nulls = new ArrayList<>(Arrays.asList(new Object[100_000]));
    assertEquals(nulls, serializer.fromBytes(serializer.toBytes(nulls)), "1 byte per element");

    SerializingCopier copier = new SerializingCopier();
    assertEquals(list, copier.fromStore(copier.toStore(list)));
    Blob copy = (Blob) copier.fromStore(copier.toStore(new Blob("photo", megabyte)));
    assertArrayEquals(megabyte, copy.data());
  }

  @Test
  void depthProperty_parsesAPositiveNumber_orSaysWhatIsWrong() {
    assertEquals(Serializer.DEFAULT_MAX_DEPTH, Serializer.maxDepth(null));
    assertEquals(Serializer.DEFAULT_MAX_DEPTH, Serializer.maxDepth(" "));
    assertEquals(64, Serializer.maxDepth(" 64 "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Serializer.maxDepth("deep"));
    assertTrue(e.getMessage().contains(Serializer.MAX_DEPTH_PROPERTY), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Serializer.maxDepth("0"));
  }

  /** Levels of List, Map and record in turn, each holding the next, with values at each. */
  static Object nested(int levels) {
    Object inner = new Leaf("bottom", 0, Instant.EPOCH);
    for (int level = levels; level > 0; level--) {
      switch (level % 3) {
        case 0 -> inner = new ArrayList<>(List.of(inner, new Leaf("x", level, Instant.EPOCH)));
        case 1 -> {
          Map<String, Object> map = new LinkedHashMap<>();
          map.put("level", level);
          map.put("next", inner);
          inner = map;
        }
        default -> inner = new Holder("level " + level, inner);
      }
    }
    return inner;
  }

  /** The deepest nesting the filter sees when {@code bytes} (tag first) are read. */
  static int maxDepthOf(byte[] bytes) {
    int[] max = {0};
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
      in.setObjectInputFilter(info -> {
        max[0] = (int) Math.max(max[0], info.depth());
        return info.depth() > 30 ? ObjectInputFilter.Status.REJECTED
            : ObjectInputFilter.Status.UNDECIDED;
      });
      in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new AssertionError("could not read back " + bytes.length + " bytes", e);
    }
    return max[0];
  }

  private static int indexOfSizeBlock(byte[] bytes) {
    // the block data of ArrayList.writeObject: TC_BLOCKDATA (0x77), length 4, the size (3)
    for (int i = 4; i + 5 < bytes.length; i++) {
      if (bytes[i] == 0x77 && bytes[i + 1] == 4 && bytes[i + 5] == 3 && bytes[i - 1] == 3) {
        return i;
      }
    }
    throw new AssertionError("no size block in " + Arrays.toString(bytes));
  }

  /** Makes arrays comparable by value. */
  private static Object deep(Object value) {
    if (value instanceof Object[] array) {
      return Arrays.stream(array).map(ReadCostLimitsTest::deep).toList();
    } else if (value instanceof List<?> list) {
      return list.stream().map(ReadCostLimitsTest::deep).toList();
    } else if (value instanceof Key key) {
      return deep(key.params());
    } else if (value instanceof EntityEntry entry) {
      return List.of(deep(entry.state()), entry.subclass(), entry.version());
    }
    return value;
  }

  enum Marker {
    NULL
  }

  @SuppressWarnings("ArrayRecordComponent") // the shape of what it stands for
  record Key(Object[] params) implements Serializable {
  }

  @SuppressWarnings("ArrayRecordComponent") // the shape of what it stands for
  record EntityEntry(Object[] state, String subclass, Object version)
      implements Serializable {
  }

  record Holder(String name, Object next) implements Serializable {
  }

  record Leaf(String name, int number, Instant at) implements Serializable {
  }

  @SuppressWarnings("ArrayRecordComponent") // the shape of what it stands for
  record Blob(String name, byte[] data) implements Serializable {
  }

  record Outside(String text) implements Serializable {
  }
}
