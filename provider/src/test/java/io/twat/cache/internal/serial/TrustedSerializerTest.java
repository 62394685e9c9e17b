/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import io.twat.cache.testing.Gadget;
import io.twat.cache.testing.GadgetBase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.crypto.TrustKeys;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The serializer's trust model: objects of classes outside the allow-list are signed when written
 * and read back when their signature verifies; anything else goes through the allow-list alone, and
 * a refused class is never instantiated.
 */
class TrustedSerializerTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TrustKeys keys = TrustKeys.of(List.of(randomKey()));
  /** An untyped cache's serializer: JDK value types only on its list, with trust keys. */
  private final Serializer trusting =
      new Serializer(AllowList.jdkOnly(), () -> null, () -> Optional.of(keys));

  @BeforeEach
  void resetProbes() {
    Gadget.readObjectCalls.set(0);
    GadgetBase.constructorCalls.set(0);
  }

  @Test
  void appClassOutsideTheAllowList_isSigned_andReadBack() {
    Book book = new Book("Dune", 412);
    Map<BookKey, Book> shelf = new HashMap<>(Map.of(new BookKey("isbn", 1), book));

    byte[] bytes = trusting.toBytes(book);

    assertEquals(Serializer.JAVA_SIGNED, bytes[0]);
    assertEquals(book, trusting.fromBytes(bytes));
    assertEquals(shelf, trusting.fromBytes(trusting.toBytes(shelf)), "inside a JDK container");
  }

  @Test
  void signedKeys_giveEqualBytesForEqualKeys_soLookupsFindThem() {
    BookKey key = new BookKey("isbn", 7);
    assertArrayEquals(trusting.toBytes(key), trusting.toBytes(new BookKey("isbn", 7)));
    Serializer sameKeys = new Serializer(AllowList.jdkOnly(), () -> null, () -> Optional.of(keys));
    assertArrayEquals(trusting.toBytes(key), sameKeys.toBytes(new BookKey("isbn", 7)),
        "another serializer (a later process) holding the same key");
  }

  @Test
  void objectOfAllowedClassesOnly_isWrittenUnsigned_exactlyAsWithoutTrustKeys() {
    Serializer declaring = new Serializer(AllowList.of(List.of(Book.class.getName())), () -> null,
        () -> Optional.of(keys));
    List<Object> jdkValues = new ArrayList<>(List.of("a", 1L, java.time.LocalDate.of(2024, 2, 29)));

    assertArrayEquals(Serializer.allowing().toBytes(jdkValues), trusting.toBytes(jdkValues));
    assertArrayEquals(Serializer.allowing(Book.class.getName()).toBytes(new Book("x", 1)),
        declaring.toBytes(new Book("x", 1)), "a declared type");
    assertEquals(Serializer.JAVA, declaring.toBytes(new Book("x", 1))[0]);
  }

  @Test
  void unsignedBytesOfADeclaredType_writtenByTheOldRule_stillRead() {
    byte[] old = Serializer.allowing(Book.class.getName()).toBytes(new Book("old", 2));
    Serializer declaring = new Serializer(AllowList.of(List.of(Book.class.getName())), () -> null,
        () -> Optional.of(keys));

    assertEquals(new Book("old", 2), declaring.fromBytes(old));
    Serializer keyless =
        new Serializer(AllowList.of(List.of(Book.class.getName())), () -> null, Optional::empty);
    assertEquals(new Book("old", 2), keyless.fromBytes(old), "and without any trust key");
  }

  @Test
  void unsignedGadget_isRefusedBeforeItIsInstantiated() {
    byte[] planted = Serializer.allowing().toBytes(new Gadget());
    resetProbes();

    ClassNotAllowedException e =

        assertThrows(ClassNotAllowedException.class, () -> trusting.fromBytes(planted));

    assertEquals(Gadget.class.getName(), e.className());
    assertTrue(e.getMessage().contains("not signed"), e.getMessage());
    assertNeverInstantiated();
  }

  @Test
  void gadgetSignedWithAnotherInstallationsKey_isRefusedBeforeItIsInstantiated() {
    Serializer attacker = new Serializer(AllowList.jdkOnly(), () -> null,
        () -> Optional.of(TrustKeys.of(List.of(randomKey()))));
    byte[] planted = attacker.toBytes(new Gadget());
    assertEquals(Serializer.JAVA_SIGNED, planted[0]);
    resetProbes();

    ClassNotAllowedException e =

        assertThrows(ClassNotAllowedException.class, () -> trusting.fromBytes(planted));

    assertTrue(e.getMessage().contains("trust key this cache does not hold"), e.getMessage());
    assertNeverInstantiated();
  }

  @Test
  void signedBytesChangedAfterwards_areRefusedBeforeAnythingIsInstantiated() {
    byte[] bytes = trusting.toBytes(new Gadget());
    resetProbes();
    byte[] changed = bytes.clone();
    changed[changed.length / 2] ^= 1;
    byte[] badMac = bytes.clone();
    badMac[badMac.length - 1] ^= 1;

    assertThrows(SerializationException.class, () -> trusting.fromBytes(changed));
    ClassNotAllowedException e =
        assertThrows(ClassNotAllowedException.class, () -> trusting.fromBytes(badMac));

    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
    assertNeverInstantiated();
    trusting.fromBytes(bytes);
    assertEquals(1, Gadget.readObjectCalls.get(), "the probe: the genuine bytes run readObject");
  }

  @Test
  void withoutTrustKeys_appClassesAreWrittenUnsigned_andRefused() {
    Serializer keyless = new Serializer(AllowList.jdkOnly(), () -> null, Optional::empty);

    byte[] bytes = keyless.toBytes(new Book("b", 1));

    assertEquals(Serializer.JAVA, bytes[0]);
    assertThrows(ClassNotAllowedException.class, () -> keyless.fromBytes(bytes));
    assertThrows(ClassNotAllowedException.class, () -> trusting.fromBytes(bytes));
  }

  @Test
  void signedBytesOfAllowedClasses_readWithoutTheKey() {
    byte[] bytes = trusting.toBytes(new ArrayList<>(List.of(new Book("b", 1))));
    Serializer otherHost = new Serializer(AllowList.of(List.of(Book.class.getName())), () -> null,
        () -> Optional.of(TrustKeys.of(List.of(randomKey()))));

    assertEquals(List.of(new Book("b", 1)), otherHost.fromBytes(bytes));
  }

  @Test
  void trustedBytes_areStillBoundedInDepth() {
    List<Object> deep = new ArrayList<>();
    List<Object> current = deep;
    for (int i = 0; i < Serializer.MAX_DEPTH + 10; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    current.add(new Book("bottom", 1));
    byte[] bytes = trusting.toBytes(deep);
    assertEquals(Serializer.JAVA_SIGNED, bytes[0]);

    ClassNotAllowedException e =

        assertThrows(ClassNotAllowedException.class, () -> trusting.fromBytes(bytes));

    assertNull(e.className());
    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

  @Test
  void fastPathTypes_carryNoSignature() {
    assertEquals(1 + 3, trusting.toBytes("abc").length);
    assertEquals(1 + 8, trusting.toBytes(5L).length);
    assertEquals(1 + 2 * 4, trusting.toBytes(new int[] {1, 2}).length);
  }

  @Test
  void tooShortSignedBytes_areMalformed() {
    byte[] bytes = new byte[10];
    bytes[0] = Serializer.JAVA_SIGNED;

    assertThrows(SerializationException.class, () -> trusting.fromBytes(bytes));
  }

  @Test
  void classesResolveThroughTheSuppliedLoaderFirst() throws Exception {
    URL classes = Book.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader isolated =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class<?> isolatedBook = isolated.loadClass(Book.class.getName());
      assertTrue(isolatedBook != Book.class, "the probe: the same class, loaded apart");
      java.lang.reflect.Constructor<?> constructor =
          isolatedBook.getDeclaredConstructor(String.class, int.class);
      constructor.setAccessible(true);
      Object value = constructor.newInstance("iso", 3);
      Serializer managerLoader =
          new Serializer(AllowList.jdkOnly(), () -> isolated, () -> Optional.of(keys));

      Object read = managerLoader.fromBytes(managerLoader.toBytes(value));

      assertSame(isolatedBook, read.getClass());
      assertSame(Book.class, trusting.fromBytes(managerLoader.toBytes(value)).getClass(),
          "without the loader, the context loader's class");
    }
  }

  @Test
  void refusedClass_isNotEvenInitialized() throws Exception {
    URL classes = Book.class.getProtectionDomain().getCodeSource().getLocation();
    byte[] planted;
    try (URLClassLoader elsewhere =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
      Class<?> foreign =
          elsewhere.loadClass(TrustedSerializerTest.class.getName() + "$StaticGadget");
      java.lang.reflect.Constructor<?> constructor = foreign.getDeclaredConstructor();
      constructor.setAccessible(true);
      planted = Serializer.allowing().toBytes(constructor.newInstance());
    }

    assertThrows(ClassNotAllowedException.class, () -> trusting.fromBytes(planted));

    assertEquals(false, StaticInitProbe.initialized, "this loader's copy was initialized");
  }

  private static void assertNeverInstantiated() {
    assertEquals(0, Gadget.readObjectCalls.get(), "readObject calls of the gadget");
    assertEquals(0, GadgetBase.constructorCalls.get(), "constructor calls of its superclass");
  }

  private static byte[] randomKey() {
    byte[] key = new byte[TrustKeys.KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** An application's value class. */
  record Book(String title, int pages) implements Serializable {
  }

  /** An application's key class. */
  record BookKey(String scheme, int number) implements Serializable {
  }

  /** Says whether {@link StaticGadget} was initialized in this class's loader. */
  static final class StaticInitProbe {
    static volatile boolean initialized;
  }

  /** A class whose static initializer has a side effect. */
  static final class StaticGadget implements Serializable {
    private static final long serialVersionUID = 1L;

    static {
      StaticInitProbe.initialized = true;
    }
  }
}
