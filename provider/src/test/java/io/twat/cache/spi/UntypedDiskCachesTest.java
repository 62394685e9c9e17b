/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import io.twat.cache.testing.Gadget;
import io.twat.cache.testing.GadgetBase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.assembly.FileStoreFactory;
import io.twat.cache.internal.crypto.TestKeys;
import io.twat.cache.internal.crypto.TrustKeyFile;
import io.twat.cache.internal.crypto.TrustKeys;
import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.serial.AllowList;
import io.twat.cache.internal.serial.ClassNotAllowedException;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import io.twat.cache.internal.store.db.DbStore;
import io.twat.cache.internal.store.file.FileStore;
import io.twat.cache.testing.ChildJvms;
import io.twat.cache.testing.LogCapture;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What frameworks do (Spring's {@code @Cacheable}, Hibernate's second-level cache): untyped caches
 * ({@code new MutableConfiguration<>()}) holding the application's own classes, on every disk
 * store. What the application stored reads back in this JVM, after a restart and in a new JVM,
 * without settings; what nobody stored through the cache (a planted gadget) is refused before it
 * is instantiated.
 */
class UntypedDiskCachesTest {
  private static final String CACHE = "books";
  private static final ShelfKey DUNE_KEY = new ShelfKey("isbn", 441172719);
  private static final Book DUNE = new Book("Dune", 412);
  private static final ShelfKey CHILD_KEY = new ShelfKey("isbn", 1);
  private static final Book CHILD_BOOK = new Book("Written by the child JVM", 1);

  @TempDir
  Path folder;

  private LogCapture trustLog;
  /** The stores' warnings: one per refused read. */
  private LogCapture storeLog;

  @BeforeEach
  void listen() {
    trustLog = LogCapture.of(TrustKeyFile.class.getName());
    storeLog = LogCapture.of("io.twat.cache.internal.store");
    Gadget.readObjectCalls.set(0);
    GadgetBase.constructorCalls.set(0);
  }

  @AfterEach
  void stopListening() {
    trustLog.close();
    storeLog.close();
  }

  /**
   * Run in a JVM of its own: opens the manager {@code args[0]}, checks that the untyped cache holds
   * what the test stored, and stores a book of its own; exits 1 with the reason if a check fails.
   */
  public static void main(String[] args) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(URI.create(args[0]), null);
      Cache<Object, Object> books = manager.getCache(CACHE);
      Object read = books.get(DUNE_KEY);
      if (!DUNE.equals(read)) {
        System.err.println("expected " + DUNE + ", read " + read);
        System.exit(1);
      }
      Set<Object> keys = new HashSet<>();
      books.forEach(entry -> keys.add(entry.getKey()));
      if (!keys.contains(DUNE_KEY)) {
        System.err.println("the keys iterated are " + keys);
        System.exit(1);
      }
      books.put(CHILD_KEY, CHILD_BOOK);
    } finally {
      provider.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "db", "universal", "universal?tiers=memory,db,file"})
  void appClasses_readBack_inThisJvm_afterARestart_andInANewJvm(String kind) throws Exception {
    URI uri = uri(kind);

    inNewProvider(uri, manager -> {
      Cache<Object, Object> books = untyped(manager);
      books.put(DUNE_KEY, DUNE);
      books.put("null-marker", NullValue.INSTANCE);
      assertEquals(DUNE, books.get(DUNE_KEY));
    });
    inNewProvider(uri, manager -> {
      Cache<Object, Object> books = manager.getCache(CACHE);
      assertEquals(DUNE, books.get(DUNE_KEY), "after a restart of the manager, read from disk");
      assertSame(NullValue.INSTANCE, books.get("null-marker"), "a trusted class's readResolve");
    });
    // This JVM holds the cache open (and so serves its database, for the db kinds) for the whole
    // life of the child: a database that went away in the middle of the child's run would be the
    // handover of issue "Reliability", item 4, which this test is not about.
    TwatCachingProvider holder = new TwatCachingProvider();
    try {
      holder.getCacheManager(uri, UntypedDiskCachesTest.class.getClassLoader()).getCache(CACHE);
      try (ChildJvms jvms = new ChildJvms(UntypedDiskCachesTest.class, folder)) {
        Process child = jvms.start("child.log", uri.toString());
        jvms.finish(child, "child.log", /* minutes= */ 2);
      }
    } finally {
      holder.close();
    }
    inNewProvider(uri, manager -> assertEquals(CHILD_BOOK, manager.getCache(CACHE).get(CHILD_KEY),
        "what the new JVM wrote"));

    Path keyFile = managerFolder(kind).resolve(TrustKeyFile.FILE_NAME);
    assertTrue(Files.isRegularFile(keyFile), "the trust key file " + keyFile);
    if (PrivateFolders.isPosix(keyFile)) {
      String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile));
      assertEquals("rw-------", permissions);
    }
    assertEquals(1, trustLog.messages(java.util.logging.Level.INFO).size(), "generated once");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "db", "universal", "universal?tiers=memory,db,file"})
  void plantedGadgets_areRefused_andNeverInstantiated(String kind) throws Exception {
    URI uri = uri(kind);
    inNewProvider(uri, manager -> untyped(manager).put("legit", DUNE));
    Serializer foreignKey = new Serializer(AllowList.jdkOnly(), () -> null,
        () -> Optional.of(TrustKeys.of(List.of(randomKey()))));
    Serializer unsigned = Serializer.allowing(Gadget.class.getName());
    plant(kind, foreignKey, "signed elsewhere", new Gadget());
    plant(kind, unsigned, "unsigned", new Gadget());
    Gadget.readObjectCalls.set(0);
    GadgetBase.constructorCalls.set(0);

    inNewProvider(uri, manager -> {
      Cache<Object, Object> books = manager.getCache(CACHE);
      for (String key : List.of("signed elsewhere", "unsigned")) {
        assertRefused(books, key);
      }
      assertEquals(DUNE, books.get("legit"), "what the application stored still reads");
    });

    assertEquals(0, Gadget.readObjectCalls.get(), "readObject calls of the gadget");
    assertEquals(0, GadgetBase.constructorCalls.get(), "constructor calls of its superclass");
    List<String> warnings = storeLog.warnings();
    assertEquals(2, warnings.size(), "one warning per refused entry: " + warnings);
    for (String warning : warnings) {
      assertTrue(warning.contains("refuses to read"), warning);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file", "db", "universal"})
  void unsignedDataOfDeclaredTypes_stillReads_andTypedCachesNeedNoKey(String kind)
      throws Exception {
    URI uri = uri(kind);
    MutableConfiguration<ShelfKey, Book> typed =
        new MutableConfiguration<ShelfKey, Book>().setTypes(ShelfKey.class, Book.class);
    inNewProvider(uri, manager -> manager.createCache(CACHE, typed).put(DUNE_KEY, DUNE));
    Serializer previousVersion =
        Serializer.allowing(ShelfKey.class.getName(), Book.class.getName());
    plant(kind, previousVersion, new ShelfKey("old", 2), new Book("Written before trust keys", 2));

    inNewProvider(uri, manager -> {
      Cache<ShelfKey, Book> books = manager.getCache(CACHE, ShelfKey.class, Book.class);
      assertEquals(new Book("Written before trust keys", 2), books.get(new ShelfKey("old", 2)));
      assertEquals(DUNE, books.get(DUNE_KEY));
    });
    assertFalse(Files.exists(managerFolder(kind).resolve(TrustKeyFile.FILE_NAME)),
        "a cache of declared types signs nothing, so it makes no key file");
  }

  @Test
  void encryptedCaches_trustWhatTheirKeysSealed_withoutAKeyFile() throws Exception {
    Path key = folder.resolve("aes.key");
    Files.createFile(key, PrivateFolders.fileAttributes(key));
    Files.write(key, TestKeys.newKey().getEncoded());
    URI uri = URI.create(uri("file") + "&keyFile=" + key);

    inNewProvider(uri, manager -> untyped(manager).put(DUNE_KEY, DUNE));
    inNewProvider(uri, manager -> assertEquals(DUNE, manager.getCache(CACHE).get(DUNE_KEY)));

    assertFalse(Files.exists(managerFolder("file").resolve(TrustKeyFile.FILE_NAME)));
  }

  @Test
  void untypedCache_resolvesClassesThroughTheManagersClassLoader() throws Exception {
    URI uri = uri("file");
    URL classes = Book.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader application = new URLClassLoader(new URL[] {classes},
        ClassLoader.getPlatformClassLoader())) {
      Class<?> appBook = application.loadClass(Book.class.getName());
      Constructor<?> constructor = appBook.getDeclaredConstructor(String.class, int.class);
      constructor.setAccessible(true);
      Object book = constructor.newInstance("Loaded by the application's loader", 7);
      TwatCachingProvider provider = new TwatCachingProvider();
      try {
        untyped(provider.getCacheManager(uri, application)).put("k", book);
      } finally {
        provider.close();
      }
      provider = new TwatCachingProvider();
      try {
        Object read = provider.getCacheManager(uri, application).getCache(CACHE).get("k");

        assertSame(appBook, read.getClass(), "the manager's loader's class, not the provider's");
        assertEquals(book.toString(), read.toString());
      } finally {
        provider.close();
      }
    }
  }

  @Test
  void aRemoteDatabaseWithoutSharedKeys_warnsOnceWhenTheKeyIsGenerated() throws Exception {
    Properties properties = new Properties();
    Path remote = folder.resolve("remote").resolve("data");
    properties.setProperty("twat.cache.url", "jdbc:h2:file:" + remote);
    properties.setProperty("twat.cache.user", "app");
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<Object, Object> books = provider.getCacheManager(uri("db"), null, properties)
          .createCache(CACHE, new MutableConfiguration<>());
      books.put(DUNE_KEY, DUNE);
      books.put(CHILD_KEY, CHILD_BOOK);
      assertEquals(DUNE, books.get(DUNE_KEY));
    } finally {
      provider.close();
    }

    assertEquals(1, trustLog.warnings().size(), () -> "warnings: " + trustLog.warnings());
    assertTrue(trustLog.warnings().get(0).contains("other hosts"), trustLog.warnings().get(0));
    assertTrue(Files.exists(managerFolder("db").resolve(TrustKeyFile.FILE_NAME)));
  }

  private URI uri(String kind) {
    String separator = kind.contains("?") ? "&" : "?";
    return URI.create("twat:" + kind + separator + "dir=" + managerFolder(kind));
  }

  private Path managerFolder(String kind) {
    return folder.resolve(kind.replaceAll("[^a-z]", "-"));
  }

  /**
   * Writes {@code value} under {@code key} into the cache's data on disk, not through the cache
   * but with a serializer of the test's choice.
   */
  private void plant(String kind, Serializer serializer, Object key, Object value)
      throws StoreException {
    StoreSpec spec = key instanceof ShelfKey
        ? TestSpecs.spec(CACHE).withTypes(ShelfKey.class, Book.class) : TestSpecs.spec(CACHE);
    Path managerFolder = managerFolder(kind);
    Path cacheFolder = managerFolder.resolve(FileStoreFactory.folderName(CACHE));
    boolean db = kind.equals("db") || kind.contains("db,");
    try (Store<Object> store = db
        ? DbStore.openEmbedded(managerFolder, serializer, spec, DbStore.Options.defaults())
        : FileStore.open(cacheFolder, serializer, spec, FileStore.Options.defaults())) {
      store.compute(key, (k, current) -> new StoreEntry(value, StoreEntry.NEVER));
    }
  }

  private static Cache<Object, Object> untyped(CacheManager manager) {
    return manager.createCache(CACHE, new MutableConfiguration<>());
  }

  private static void assertRefused(Cache<Object, Object> cache, String key) {
    Object read;
    try {
      read = cache.get(key);
    } catch (CacheException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ClassNotAllowedException refused) {
          assertEquals(Gadget.class.getName(), refused.className(), refused.getMessage());
          return;
        }
      }
      throw new AssertionError("refused, but not as a ClassNotAllowedException: " + e, e);
    }
    assertNull(read, () -> "the planted value under " + key + " was read: " + read);
  }

  private static void inNewProvider(URI uri, Consumer<CacheManager> work) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      work.accept(provider.getCacheManager(uri, UntypedDiskCachesTest.class.getClassLoader()));
    } finally {
      provider.close();
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[TrustKeys.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** An application's value class. */
  record Book(String title, int pages) implements Serializable {
  }

  /** An application's key class, like Spring's SimpleKey. */
  record ShelfKey(String scheme, long number) implements Serializable {
  }

  /** A sentinel that reads back as itself, like Spring's NullValue. */
  static final class NullValue implements Serializable {
    static final NullValue INSTANCE = new NullValue();
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      return INSTANCE;
    }
  }
}
