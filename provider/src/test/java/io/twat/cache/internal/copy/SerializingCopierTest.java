/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.Serializable;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The copier's compact class numbering reads back every shape of value Java serialization writes.
 */
final class SerializingCopierTest {
  private final SerializingCopier copier = new SerializingCopier();

  /** A plain superclass without Serializable: its state is not copied, its constructor runs. */
  static class Base {
    int base = 7;
  }

  /**
   * A mutable value over a non-serializable superclass, with a Class field, an enum, arrays and a
   * graph.
   */
  static final class Mixed extends Base implements Serializable {
    private static final long serialVersionUID = 1L;
    Class<?> type = Thread.class;
    RetentionPolicy policy = RetentionPolicy.RUNTIME;
    int[] numbers = {1, 2, 3};
    String[][] grid = {{"a"}, {"b", "c"}};
    ArrayList<Object> list = new ArrayList<>();
    HashMap<String, Mixed> children = new HashMap<>();
    Mixed self;
  }

  /** An Externalizable value. */
  public static final class External implements Externalizable {
    private static final long serialVersionUID = 1L;
    String text;

    public External() {
    }

    External(String text) {
      this.text = text;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
      out.writeUTF(text);
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException {
      text = in.readUTF();
    }
  }

  private Object roundTrip(Object value) {
    return copier.fromStore(copier.toStore(value));
  }

  @Test
  void sharesAsIs_onlyForStoredFormsThatReadBackAsThemselves() {
    Object text = copier.toStore("text");
    Object bytes = copier.toStore(new byte[] {1, 2});
    Object list = copier.toStore(new ArrayList<>(List.of("a")));

    assertEquals(true, copier.sharesAsIs(text));
    assertSame(text, copier.fromStore(text));
    assertEquals(false, copier.sharesAsIs(bytes), "an array is cloned for each reader");
    assertNotSame(copier.fromStore(bytes), copier.fromStore(bytes));
    assertEquals(false, copier.sharesAsIs(list), "a mutable value is deserialized for each reader");
    assertNotSame(copier.fromStore(list), copier.fromStore(list));
  }

  @Test
  void sameStored_comparesWhatReadersWouldGet() {
    assertEquals(true, copier.sameStored(copier.toStore("a"), copier.toStore("a")));
    assertEquals(false, copier.sameStored(copier.toStore("a"), copier.toStore("b")));
    assertEquals(
        false,
        copier.sameStored(copier.toStore(1), copier.toStore(1L)),
        "equal numbers of two types differ");
    assertEquals(
        true, copier.sameStored(copier.toStore(new byte[] {1}), copier.toStore(new byte[] {1})));
    assertEquals(
        false, copier.sameStored(copier.toStore(new byte[] {1}), copier.toStore(new byte[] {2})));
    assertEquals(true, copier.sameStored(copier.toStore(new ArrayList<>(List.of("x"))),
        copier.toStore(new ArrayList<>(List.of("x")))));
    assertEquals(false, copier.sameStored(copier.toStore(new ArrayList<>(List.of("x"))),
        copier.toStore(new ArrayList<>(List.of("y")))));
    assertEquals(false, copier.sameStored(copier.toStore("x"), copier.toStore(new byte[] {1})));
  }

  @Test
  void mutableValue_comesBackAsAnEqualCopy_withItsWholeGraph() {
    Mixed value = new Mixed();
    value.base = 99;
    value.list.add(new int[] {4});
    value.list.add(42L);
    value.children.put("child", new Mixed());
    value.self = value;

    Mixed copy = (Mixed) roundTrip(value);

    assertNotSame(value, copy);
    assertEquals(7, copy.base, "a non-serializable superclass is rebuilt by its constructor");
    assertSame(Thread.class, copy.type);
    assertSame(RetentionPolicy.RUNTIME, copy.policy);
    assertEquals(List.of(1, 2, 3), Arrays.stream(copy.numbers).boxed().toList());
    assertEquals("c", copy.grid[1][1]);
    assertEquals(4, ((int[]) copy.list.get(0))[0]);
    assertEquals(42L, copy.list.get(1));
    assertEquals(Mixed.class, copy.children.get("child").getClass());
    assertSame(copy, copy.self, "shared references stay shared");
  }

  @Test
  void externalizableValue_comesBackThroughItsOwnMethods() {
    External copy = (External) roundTrip(new External("hello"));
    assertEquals("hello", copy.text);
  }

  @Test
  void mutableKey_isCopied() {
    ArrayList<String> key = new ArrayList<>(List.of("a", "b"));
    Object copy = copier.copyKey(key);
    assertEquals(key, copy);
    assertNotSame(key, copy);
  }

  @Test
  void primitiveArrays_areCopiedOnTheWayInAndOut() {
    byte[] bytes = {1, 2, 3};
    Object stored = copier.toStore(bytes);
    bytes[0] = 9;
    byte[] first = (byte[]) copier.fromStore(stored);
    first[1] = 9;
    byte[] second = (byte[]) copier.fromStore(stored);
    assertEquals(List.of((byte) 1, (byte) 2, (byte) 3), List.of(second[0], second[1], second[2]));
    assertNotSame(first, second);
    for (Object array :
        new Object[] {
          new int[] {1},
          new long[] {1},
          new double[] {1},
          new char[] {'a'},
          new float[] {1},
          new short[] {1},
          new boolean[] {true}
        }) {
      Object copy = roundTrip(array);
      assertNotSame(array, copy);
      assertEquals(array.getClass(), copy.getClass());
      assertEquals(java.lang.reflect.Array.get(array, 0), java.lang.reflect.Array.get(copy, 0));
    }
  }

  @Test
  void immutableValue_isKeptAsItIs() {
    String value = "immutable";
    assertSame(value, copier.toStore(value));
  }

  @Test
  void nonSerializableValue_isRefusedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                copier.toStore(
                    new Object() {
                      @Override
                      public String toString() {
                        return "opaque";
                      }
                    }));
    assertEquals(true, e.getMessage().contains("setStoreByValue(false)"), e.getMessage());
  }

  @Test
  void manyThreads_numberClassesConsistently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Object>> copies = new ArrayList<>();
      Map<Integer, Object> originals = new HashMap<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        Object value = switch (n % 4) {
          case 0 -> new ArrayList<>(List.of(n));
          case 1 -> new HashMap<>(Map.of("n", n));
          case 2 -> new External(Integer.toString(n));
          default -> new int[] {n};
        };
        originals.put(n, value);
        copies.add(pool.submit(() -> roundTrip(value)));
      }
      for (int i = 0; i < copies.size(); i++) {
        Object copy = copies.get(i).get();
        Object original = originals.get(i);
        assertEquals(original.getClass(), copy.getClass());
        if (copy instanceof External external) {
          assertEquals(((External) original).text, external.text);
        } else if (copy instanceof int[] array) {
          assertEquals(((int[]) original)[0], array[0]);
        } else {
          assertEquals(original, copy);
        }
        assertEquals(true, Objects.nonNull(copy));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
