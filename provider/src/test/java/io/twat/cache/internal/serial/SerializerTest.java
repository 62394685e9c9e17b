/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import io.twat.cache.testing.Gadget;
import io.twat.cache.testing.GadgetBase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class SerializerTest {
  private final Serializer jdkOnly = Serializer.allowing();

  private Object roundTrip(Serializer serializer, Object value) {
    return serializer.fromBytes(serializer.toBytes(value));
  }

  @Test
  void fastPathTypes_roundTripWithTheirTag() {
    Object[] values = {"héllo ✓", 42, -7L, (short) 3, (byte) -1, 'x', true, false, 1.5f, -2.25d};
    byte[] tags = {
      Serializer.STRING,
      Serializer.INT,
      Serializer.LONG,
      Serializer.SHORT,
      Serializer.BYTE,
      Serializer.CHAR,
      Serializer.BOOLEAN,
      Serializer.BOOLEAN,
      Serializer.FLOAT,
      Serializer.DOUBLE
    };
    for (int i = 0; i < values.length; i++) {
      byte[] bytes = jdkOnly.toBytes(values[i]);
      assertEquals(tags[i], bytes[0], "tag of " + values[i]);
      assertEquals(values[i], jdkOnly.fromBytes(bytes));
    }
  }

  @Test
  void byteArray_isStoredRawAfterItsTag() {
    byte[] value = {0, 1, -1, 127, -128};

    byte[] bytes = jdkOnly.toBytes(value);

    assertEquals(value.length + 1, bytes.length);
    assertEquals(Serializer.BYTES, bytes[0]);
    assertArrayEquals(value, (byte[]) jdkOnly.fromBytes(bytes));
  }

  @Test
  void primitiveArrays_roundTripWithoutJavaSerialization() {
    int[] ints = {1, -2, Integer.MAX_VALUE};
    long[] longs = {Long.MIN_VALUE, 0, 5};
    double[] doubles = {Double.NaN, -0.0, 3.5};

    byte[] intBytes = jdkOnly.toBytes(ints);
    assertEquals(Serializer.INT_ARRAY, intBytes[0]);
    assertEquals(1 + 4 * ints.length, intBytes.length);
    assertArrayEquals(ints, (int[]) jdkOnly.fromBytes(intBytes));
    assertArrayEquals(longs, (long[]) roundTrip(jdkOnly, longs));
    assertArrayEquals(doubles, (double[]) roundTrip(jdkOnly, doubles));
    assertArrayEquals(new int[0], (int[]) roundTrip(jdkOnly, new int[0]));
  }

  @Test
  void morePrimitiveArrays_roundTripWithoutJavaSerialization() {
    float[] floats = {1.5f, Float.NaN, -0.0f};
    short[] shorts = {Short.MIN_VALUE, 0, 7};
    char[] chars = {'a', '\u00e9', '\uffff'};
    boolean[] booleans = {true, false, true};

    assertEquals(Serializer.FLOAT_ARRAY, jdkOnly.toBytes(floats)[0]);
    assertArrayEquals(floats, (float[]) roundTrip(jdkOnly, floats));
    assertEquals(Serializer.SHORT_ARRAY, jdkOnly.toBytes(shorts)[0]);
    assertArrayEquals(shorts, (short[]) roundTrip(jdkOnly, shorts));
    assertEquals(Serializer.CHAR_ARRAY, jdkOnly.toBytes(chars)[0]);
    assertArrayEquals(chars, (char[]) roundTrip(jdkOnly, chars));
    assertEquals(1 + booleans.length, jdkOnly.toBytes(booleans).length);
    assertArrayEquals(booleans, (boolean[]) roundTrip(jdkOnly, booleans));
  }

  @Test
  void byteBuffer_isStoredAsItsRemainingBytes_withoutJavaSerialization() {
    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(8);
    direct.put(new byte[] {1, 2, 3, 4}).flip();

    byte[] bytes = jdkOnly.toBytes(direct);

    assertEquals(Serializer.BYTE_BUFFER, bytes[0]);
    assertEquals(5, bytes.length);
    assertEquals(0, direct.position(), "the buffer's position is untouched");
    assertEquals(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), jdkOnly.fromBytes(bytes));
  }

  @Test
  void byteBuffer_fromOwnedBytes_isAViewWithoutACopy_whileFromBytesCopies() {
    byte[] bytes = jdkOnly.toBytes(java.nio.ByteBuffer.wrap(new byte[] {5, 6}));

    java.nio.ByteBuffer view = (java.nio.ByteBuffer) jdkOnly.fromOwnedBytes(bytes, 0, bytes.length);
    java.nio.ByteBuffer copy = (java.nio.ByteBuffer) jdkOnly.fromBytes(bytes);
    bytes[1] = 9;

    assertEquals(9, view.get(0));
    assertEquals(5, copy.get(0));
    assertEquals(2, view.remaining());
  }

  @Test
  void booleanArray_withAByteOtherThanZeroOrOne_isMalformed() {
    assertThrows(
        SerializationException.class,
        () -> jdkOnly.fromBytes(new byte[] {Serializer.BOOLEAN_ARRAY, 2}));
  }

  @Test
  void fromBytes_readsASliceOfALargerArray() {
    byte[] bytes = jdkOnly.toBytes("abc");
    byte[] padded = new byte[bytes.length + 4];
    System.arraycopy(bytes, 0, padded, 2, bytes.length);

    assertEquals("abc", jdkOnly.fromBytes(padded, 2, bytes.length));
  }

  @Test
  void integerAndStringOfSameText_giveDifferentBytes() {
    assertFalse(java.util.Arrays.equals(jdkOnly.toBytes(7), jdkOnly.toBytes("7")));
  }

  @Test
  void jdkValueTypesAndContainers_areAllowedByDefault() {
    Map<String, Object> map = new HashMap<>();
    map.put("list", new ArrayList<>(List.of(1, 2L, "three")));
    map.put("big", new BigDecimal("1.50"));
    map.put("int", BigInteger.TEN.pow(30));
    map.put("uuid", UUID.randomUUID());
    map.put(
        "time",
        List.of(
            Instant.ofEpochSecond(5),
            LocalDate.of(2020, 1, 2),
            Duration.ofSeconds(3),
            ZonedDateTime.parse("2020-01-02T03:04:05+01:00[Europe/Paris]")));
    map.put("tree", new TreeMap<>(Map.of("a", 1)));
    map.put("linked", new LinkedHashMap<>(Map.of("b", 2)));
    map.put("immutable", Map.of("c", Set.of(3)));
    map.put("unmodifiable", Collections.unmodifiableList(new ArrayList<>(List.of("x"))));
    map.put("empty", Collections.emptyList());
    map.put("enumSet", EnumSet.of(java.time.DayOfWeek.MONDAY));
    map.put("concurrent", new ConcurrentHashMap<>(Map.of("d", 4)));
    map.put("arrays", new String[][] {{"a"}, {"b", "c"}});

    @SuppressWarnings("unchecked")
    Map<String, Object> read = (Map<String, Object>) roundTrip(jdkOnly, map);

    assertEquals(map.keySet(), read.keySet());
    for (String key : map.keySet()) {
      if (key.equals("arrays")) {
        assertArrayEquals((Object[]) map.get(key), (Object[]) read.get(key));
      } else {
        assertEquals(map.get(key), read.get(key), key);
      }
    }
  }

  @Test
  void disallowedClass_isRefusedWithAMessageThatNamesItAndSaysHowToAllowIt() {
    byte[] bytes = jdkOnly.toBytes(new Dto("x"));

    ClassNotAllowedException e =
        assertThrows(ClassNotAllowedException.class, () -> jdkOnly.fromBytes(bytes));

    assertEquals(Dto.class.getName(), e.className());
    assertTrue(e.getMessage().contains(Dto.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("io.twat.cache.internal.serial.*"), e.getMessage());
    assertTrue(e.getMessage().contains("allow"), e.getMessage());
  }

  @Test
  void disallowedClassInsideAllowedContainer_isRefused() {
    byte[] bytes = jdkOnly.toBytes(new ArrayList<>(List.of("ok", new Dto("hidden"))));

    ClassNotAllowedException e =
        assertThrows(ClassNotAllowedException.class, () -> jdkOnly.fromBytes(bytes));

    assertEquals(Dto.class.getName(), e.className());
  }

  @Test
  void arrayOfDisallowedClass_isRefused() {
    byte[] bytes = jdkOnly.toBytes(new Dto[] {new Dto("a")});

    assertThrows(ClassNotAllowedException.class, () -> jdkOnly.fromBytes(bytes));
  }

  @Test
  void disallowedClass_neverRunsItsReadObjectOrItsSuperclassConstructor() {
    Gadget.readObjectCalls.set(0);
    GadgetBase.constructorCalls.set(0);
    byte[] bytes = jdkOnly.toBytes(new Gadget());
    GadgetBase.constructorCalls.set(0);

    assertThrows(ClassNotAllowedException.class, () -> jdkOnly.fromBytes(bytes));

    assertEquals(0, Gadget.readObjectCalls.get(), "readObject calls");
    assertEquals(0, GadgetBase.constructorCalls.get(), "constructor calls");
    // the same bytes through a serializer that allows the class do run both: the probe works
    Serializer allowing = Serializer.allowing(Gadget.class.getName());
    allowing.fromBytes(bytes);
    assertEquals(1, Gadget.readObjectCalls.get());
    assertEquals(1, GadgetBase.constructorCalls.get());
  }

  @Test
  void allowedByClassNamePackageOrTree_isRead() {
    Dto dto = new Dto("v");

    assertEquals(dto, roundTrip(Serializer.allowing(Dto.class.getName()), dto));
    assertEquals(dto, roundTrip(Serializer.allowing("io.twat.cache.internal.serial.*"), dto));
    assertEquals(dto, roundTrip(Serializer.allowing("io.twat.**"), dto));
    assertThrows(
        ClassNotAllowedException.class,
        () -> roundTrip(Serializer.allowing("io.twat.*"), dto),
        "a package does not include its subpackages");
  }

  @Test
  void enumOfAllowedClass_isRead_andOfOtherClass_isRefused() {
    assertEquals(
        TimeUnit.DAYS,
        roundTrip(Serializer.allowing("java.util.concurrent.TimeUnit"), TimeUnit.DAYS));
    assertEquals(Color.RED, roundTrip(Serializer.allowing(Color.class.getName()), Color.RED));
    assertThrows(ClassNotAllowedException.class, () -> roundTrip(jdkOnly, Color.RED));
  }

  @Test
  void streamDeeperThanTheLimit_isRefused() {
    List<Object> deep = new ArrayList<>();
    List<Object> current = deep;
    for (int i = 0; i < Serializer.MAX_DEPTH + 10; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    byte[] bytes = jdkOnly.toBytes(deep);

    ClassNotAllowedException e =
        assertThrows(ClassNotAllowedException.class, () -> jdkOnly.fromBytes(bytes));

    assertNull(e.className());
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

  @Test
  void notSerializable_isRefusedWithAClearMessage() {
    SerializationException e =
        assertThrows(SerializationException.class, () -> jdkOnly.toBytes(new Object()));

    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    assertTrue(e.getMessage().contains("Serializable"), e.getMessage());
  }

  @Test
  void malformedBytes_areASerializationException() {
    assertThrows(SerializationException.class, () -> jdkOnly.fromBytes(new byte[0]));
    assertThrows(
        SerializationException.class, () -> jdkOnly.fromBytes(new byte[] {Serializer.INT, 1}));
    assertThrows(
        SerializationException.class,
        () -> jdkOnly.fromBytes(new byte[] {Serializer.LONG_ARRAY, 1, 2}));
    assertThrows(SerializationException.class, () -> jdkOnly.fromBytes(new byte[] {99}));
    assertThrows(
        SerializationException.class,
        () -> jdkOnly.fromBytes(new byte[] {Serializer.JAVA, 1, 2, 3}));
  }

  @Test
  void malformedPattern_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> AllowList.of(List.of("com..x")));
    assertThrows(IllegalArgumentException.class, () -> AllowList.of(List.of("  ")));
    assertThrows(IllegalArgumentException.class, () -> AllowList.of(List.of("com.*.x")));
  }

  /** A user class, not on the JDK list. */
  record Dto(String name) implements Serializable {
  }

  /** A user enum. */
  enum Color { RED }
}
