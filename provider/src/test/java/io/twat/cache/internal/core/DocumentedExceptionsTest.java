/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.spi.TwatCachingProvider;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The README's "Bad input" table is true on every store: each row names a mistake and the
 * exception it gets, and this test makes that mistake (in several operations) on each store URI
 * of {@link CacheTestSupport} and expects the exception the row names. Every row has a check
 * here and every check a row, so the table and the code cannot drift apart.
 */
final class DocumentedExceptionsTest extends CacheTestSupport {
  private static final Pattern CODE = Pattern.compile("`([A-Za-z]+Exception)`");

  /** Not Serializable at all. */
  static final class Opaque {
  }

  /** Serializable itself, but holding something that is not. */
  static final class Holder implements Serializable {
    private static final long serialVersionUID = 1L;
    final Object inside = new Opaque();
  }

  /** Immutable, but not Serializable: no store can keep it by value. */
  record Point(int x, int y) {
  }

  /**
   * One row's checks.
   *
   * @param row a text that only that row's first cell holds
   * @param calls the mistakes, each of which must throw the row's exception
   */
  private record Mistake(String row, List<Executable> calls) {
  }

  @Test
  void everyRowOfTheBadInputTable_throwsTheExceptionItNames_onEveryStore() throws Exception {
    Map<String, String> table = badInputTable();
    List<Mistake> mistakes = mistakes();

    for (String input : table.keySet()) {
      long checks = mistakes.stream().filter(m -> input.contains(m.row())).count();
      assertEquals(1, checks, () -> "checks of the README row \"" + input + "\"");
    }
    for (Mistake mistake : mistakes) {
      String input = table.keySet().stream().filter(row -> row.contains(mistake.row()))
          .findFirst().orElseThrow(() -> new AssertionError(
              "README's Bad input table has no row for " + mistake.row()));
      Class<? extends Throwable> expected = exceptionType(table.get(input));
      for (int i = 0; i < mistake.calls().size(); i++) {
        assertThrows(expected, mistake.calls().get(i), mistake.row() + ", call #" + i);
      }
    }
  }

  @Test
  void aKeyThatDoesNotSerialize_failsEveryOperationAsPutDoes_namingTheClassAndTheFix() {
    Cache<Object, Object> cache = create(config(Object.class, Object.class));
    cache.put("k", "v");

    for (Object key : List.of(new Opaque(), new Holder(), new Point(1, 2))) {
      for (Executable call : keyOperations(cache, key)) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(key.getClass().getName()), e.getMessage());
        assertTrue(e.getMessage().contains("Make it Serializable"), e.getMessage());
        assertTrue(e.getMessage().contains("setStoreByValue(false)"), e.getMessage());
      }
    }
    assertEquals(Map.of("k", "v"), contents(cache));
  }

  @Test
  void aKeyThatDoesNotSerialize_reachesNeitherTheWriterNorTheLoader() {
    List<String> calls = new CopyOnWriteArrayList<>();
    TwatConfiguration<Object, Object> config = config(Object.class, Object.class);
    config.setWriteThrough(true).setReadThrough(true)
        .setCacheWriterFactory(() -> new CacheWriter<Object, Object>() {
          @Override
          public void write(Cache.Entry<?, ?> entry) {
            calls.add("write " + entry.getKey());
          }

          @Override
          public void writeAll(Collection<Cache.Entry<?, ?>> entries) {
            calls.add("writeAll " + entries.size());
          }

          @Override
          public void delete(Object key) {
            calls.add("delete " + key);
          }

          @Override
          public void deleteAll(Collection<?> keys) {
            calls.add("deleteAll " + keys);
          }
        })
        .setCacheLoaderFactory(() -> new CacheLoader<Object, Object>() {
          @Override
          public Object load(Object key) {
            calls.add("load " + key);
            return "loaded";
          }

          @Override
          public Map<Object, Object> loadAll(Iterable<?> keys) {
            calls.add("loadAll " + keys);
            return Map.of();
          }
        });
    Cache<Object, Object> cache = create(config);
    Opaque key = new Opaque();

    for (Executable call : List.<Executable>of(() -> cache.get(key), () -> cache.remove(key),
        () -> cache.getAndRemove(key), () -> cache.replace(key, "v"), () -> cache.put(key, "v"),
        () -> cache.invoke(key, (entry, arguments) -> entry.getValue()))) {
      assertThrows(IllegalArgumentException.class, call);
    }

    assertEquals(List.of(), calls);
  }

  @Test
  void aStoreByReferenceCache_takesKeysThatDoNotSerialize() {
    TwatConfiguration<Object, Object> config = config(Object.class, Object.class);
    config.setStoreByValue(false);
    Cache<Object, Object> cache = create(config);
    Opaque key = new Opaque();

    cache.put(key, "v");

    assertEquals("v", cache.get(key));
    assertTrue(cache.remove(key));
  }

  /** Returns the rows of README's "Bad input" table: input to exception cell. */
  private static Map<String, String> badInputTable() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
    int heading = lines.indexOf("## Bad input");
    assertTrue(heading >= 0, "README.md has a \"## Bad input\" section");
    Map<String, String> rows = new LinkedHashMap<>();
    int line = heading + 1;
    while (line < lines.size() && !lines.get(line).startsWith("|")) {
      line++;
    }
    for (line += 2; line < lines.size() && lines.get(line).startsWith("|"); line++) {
      String[] cells = lines.get(line).split(" \\| ", -1);
      rows.put(cells[0].substring(1).trim(), cells[1]);
    }
    assertTrue(rows.size() >= 5, () -> "rows of the Bad input table: " + rows.keySet());
    return rows;
  }

  /** Returns the exception the cell names first, e.g. {@code `NullPointerException` ...}. */
  private static Class<? extends Throwable> exceptionType(String cell) throws Exception {
    Matcher name = CODE.matcher(cell);
    assertTrue(name.find(), () -> "no exception named in \"" + cell + "\"");
    for (String where : List.of("java.lang.", "javax.cache.")) {
      try {
        return Class.forName(where + name.group(1)).asSubclass(Throwable.class);
      } catch (ClassNotFoundException e) {
        // try the next package
      }
    }
    throw new AssertionError("unknown exception " + name.group(1) + " in \"" + cell + "\"");
  }

  private List<Mistake> mistakes() throws IOException {
    Cache<String, Integer> typed = create(config(String.class, Integer.class));
    typed.put("a", 1);
    @SuppressWarnings("unchecked")
    Cache<Object, Object> wrong = (Cache<Object, Object>) (Cache<?, ?>) typed;
    Cache<Object, Object> untyped = create(config(Object.class, Object.class));
    untyped.put("a", "one");
    Cache<String, Integer> closed = create(config(String.class, Integer.class));
    closed.close();

    List<Mistake> mistakes = new ArrayList<>();
    mistakes.add(new Mistake("null key or value", List.of(
        () -> typed.get(null), () -> typed.put(null, 1), () -> typed.put("a", null),
        () -> typed.containsKey(null), () -> typed.remove(null), () -> typed.getAll(null),
        () -> typed.invoke(null, (entry, arguments) -> null))));
    mistakes.add(new Mistake("of the wrong type on a typed cache", List.of(
        () -> wrong.put(1, 1), () -> wrong.put("a", "one"), () -> wrong.get(1),
        () -> wrong.containsKey(1), () -> wrong.remove(1), () -> wrong.getAndReplace("a", "one"))));
    List<Executable> unserializable = new ArrayList<>(List.of(
        () -> untyped.put("a", new Opaque()), () -> untyped.put("b", new Holder()),
        () -> untyped.put("b", new Point(1, 2)), () -> untyped.replace("a", new Opaque()),
        () -> untyped.invoke("b", (entry, arguments) -> {
          entry.setValue(new Opaque());
          return null;
        })));
    for (Object key : List.of(new Opaque(), new Holder(), new Point(1, 2))) {
      unserializable.addAll(keyOperations(untyped, key));
    }
    mistakes.add(new Mistake("not `Serializable` on a store-by-value cache", unserializable));
    mistakes.add(new Mistake("closed cache or manager", List.of(
        () -> closed.get("a"), () -> closed.put("a", 1), () -> closed.iterator(),
        () -> withManager("", manager -> {
          manager.close();
          manager.getCache("any");
        }))));
    mistakes.add(new Mistake("unknown `twat:` kind, unknown setting, bad value", List.of(
        () -> withManager(URI.create("twat:nosuch"), manager -> { }),
        () -> withManager("nosuch=1", manager -> { }),
        () -> withManager("maxEntries=lots", manager -> { }))));
    List<Executable> keys = new ArrayList<>(List.of(
        () -> withManager("encryptionKey=AAAA", manager -> { }),
        () -> withManager("keyStorePassword=secret", manager -> { })));
    if (!onHeap() && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Path keyFile = folder.resolve("readable.key");
      Files.write(keyFile, new byte[32]);
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
      keys.add(() -> withManager("keyFile=" + keyFile, manager -> { }));
    }
    mistakes.add(new Mistake("key material in a URI", keys));
    List<Executable> otherTypes = new ArrayList<>();
    if (!onHeap()) {
      otherTypes.add(() -> {
        String name = typed.getName();
        typed.close();
        manager.createCache(name, config(Integer.class, String.class));
      });
    }
    mistakes.add(new Mistake("over data of other key/value types", otherTypes));
    return mistakes;
  }

  /** Returns one call per operation that takes a key, each given {@code key}. */
  private static List<Executable> keyOperations(Cache<Object, Object> cache, Object key) {
    return List.of(
        () -> cache.put(key, "v"), () -> cache.getAndPut(key, "v"),
        () -> cache.putIfAbsent(key, "v"), () -> cache.get(key), () -> cache.containsKey(key),
        () -> cache.getAll(Set.of(key)), () -> cache.remove(key), () -> cache.remove(key, "v"),
        () -> cache.getAndRemove(key), () -> cache.replace(key, "v"),
        () -> cache.replace(key, "v", "w"), () -> cache.getAndReplace(key, "v"),
        () -> cache.removeAll(Set.of(key)), () -> cache.invoke(key, (entry, arguments) -> null));
  }

  /**
   * Opens a manager of this run's store (in a folder of its own) with {@code setting} added,
   * hands it over, and closes it.
   */
  private void withManager(String setting, Consumer<CacheManager> use) {
    List<String> settings = new ArrayList<>();
    if (!setting.isEmpty()) {
      settings.add(setting);
    }
    if (!onHeap()) {
      settings.add("dir=" + folder.resolve("other"));
    }
    String separator = storeUri().contains("?") ? "&" : "?";
    withManager(URI.create(storeUri() + (settings.isEmpty() ? "" : separator)
        + String.join("&", settings)), use);
  }

  private void withManager(URI uri, Consumer<CacheManager> use) {
    try (TwatCachingProvider provider = new TwatCachingProvider()) {
      CacheManager opened = provider.getCacheManager(uri, null, managerProperties());
      assertNotNull(opened);
      use.accept(opened);
    }
  }
}
