/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.core.RecordingListener.Seen;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListenerFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Write-through to a {@link CacheWriter} and read-through from a {@link CacheLoader}. */
final class ReadWriteThroughTest extends CacheTestSupport {

  /** Remembers what it wrote and deleted; fails every call while {@link #failure} is set. */
  static final class RecordingWriter implements CacheWriter<String, Integer> {
    final Map<String, Integer> written = new ConcurrentHashMap<>();
    final List<Object> deleted = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;

    private void maybeFail() {
      RuntimeException e = failure;
      if (e != null) {
        throw e;
      }
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends Integer> entry) {
      maybeFail();
      written.put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends Integer>> entries) {
      for (Iterator<Cache.Entry<? extends String, ? extends Integer>> it = entries.iterator();
          it.hasNext(); ) {
        Cache.Entry<? extends String, ? extends Integer> entry = it.next();
        if (entry.getKey().startsWith("fail")) {
          throw new IllegalStateException("cannot write " + entry.getKey());
        }
        write(entry);
        it.remove();
      }
    }

    @Override
    public void delete(Object key) {
      maybeFail();
      deleted.add(key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      for (Iterator<?> it = keys.iterator(); it.hasNext(); ) {
        delete(it.next());
        it.remove();
      }
    }
  }

  /** Loads {@code key.length()} for keys not starting with "none"; counts its calls. */
  static final class CountingLoader implements CacheLoader<String, Integer> {
    final AtomicInteger loads = new AtomicInteger();
    volatile RuntimeException failure;

    @Override
    public Integer load(String key) {
      loads.incrementAndGet();
      if (failure != null) {
        throw failure;
      }
      return key.startsWith("none") ? null : key.length();
    }

    @Override
    public Map<String, Integer> loadAll(Iterable<? extends String> keys) {
      Map<String, Integer> loaded = new HashMap<>();
      for (String key : keys) {
        Integer value = load(key);
        if (value != null) {
          loaded.put(key, value);
        }
      }
      return loaded;
    }
  }

  private final RecordingWriter writer = new RecordingWriter();
  private final CountingLoader loader = new CountingLoader();
  private final RecordingListener<String, Integer> listener = new RecordingListener<>();

  // The factories are serializable lambdas over this test's fields; they never leave the JVM.
  @SuppressWarnings("serial")
  private TwatConfiguration<String, Integer> writeThroughConfig() {
    TwatConfiguration<String, Integer> config = config(String.class, Integer.class);
    config.setWriteThrough(true);
    config.setCacheWriterFactory(() -> writer);
    config.addCacheEntryListenerConfiguration(listener.configuration(/* synchronous= */ true));
    return config;
  }

  // The factories are serializable lambdas over this test's fields; they never leave the JVM.
  @SuppressWarnings("serial")
  private TwatConfiguration<String, Integer> readThroughConfig() {
    TwatConfiguration<String, Integer> config = writeThroughConfig();
    config.setReadThrough(true);
    config.setCacheLoaderFactory(() -> loader);
    return config;
  }

  // ---------------------------------------------------------------- write-through

  @Test
  void writeThrough_writesPutsAndDeletesRemovals() {
    Cache<String, Integer> cache = create(writeThroughConfig());

    cache.put("a", 1);
    cache.putAll(Map.of("b", 2));
    cache.remove("a");

    assertEquals(Map.of("a", 1, "b", 2), writer.written);
    assertEquals(List.of("a"), writer.deleted);
  }

  @Test
  void writeThrough_whenWriterFails_throwsCacheWriterExceptionAndLeavesCacheUnchanged() {
    Cache<String, Integer> cache = create(writeThroughConfig());
    cache.put("a", 1);
    int eventsBefore = listener.seen().size();
    IllegalStateException failure = new IllegalStateException("database down");
    writer.failure = failure;

    List<Executable> calls = List.of(
        () -> cache.put("a", 2),
        () -> cache.put("new", 2),
        () -> cache.getAndPut("a", 2),
        () -> cache.putIfAbsent("new", 2),
        () -> cache.replace("a", 2),
        () -> cache.replace("a", 1, 2),
        () -> cache.getAndReplace("a", 2),
        () -> cache.remove("a"),
        () -> cache.remove("a", 1),
        () -> cache.getAndRemove("a"),
        () -> cache.invoke("a", (entry, arguments) -> {
          entry.setValue(2);
          return null;
        }));
    for (int i = 0; i < calls.size(); i++) {
      CacheWriterException e = assertThrows(CacheWriterException.class, calls.get(i), "call #" + i);
      assertSame(failure, rootCause(e), "call #" + i);
    }

    writer.failure = null;
    assertEquals(Map.of("a", 1), contents(cache));
    assertEquals(eventsBefore, listener.seen().size(), "no event for a change that was not made");
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Test
  void writeThrough_putAllFailingPartway_keepsExactlyTheEntriesTheWriterWrote() {
    Cache<String, Integer> cache = create(writeThroughConfig());
    Map<String, Integer> batch = new LinkedHashMap<>();
    batch.put("a", 1);
    batch.put("fail", 2);
    batch.put("c", 3);

    assertThrows(CacheWriterException.class, () -> cache.putAll(batch));

    assertEquals(writer.written, contents(cache));
    assertFalse(cache.containsKey("fail"));
  }

  @Test
  void writeThrough_whenWriterFailsOverAnExpiredEntry_theExpiryIsStillReportedOnce() {
    TwatConfiguration<String, Integer> config = writeThroughConfig();
    config.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(SECONDS, 10)));
    Cache<String, Integer> cache = create(config);
    cache.put("a", 1);
    ticker.advance(10, SECONDS);
    writer.failure = new IllegalStateException("database down");

    assertThrows(CacheWriterException.class, () -> cache.put("a", 2));
    writer.failure = null;
    assertNull(cache.get("a"));
    assertNull(cache.get("a"));

    assertEquals(
        List.of(new Seen<>(EventType.EXPIRED, "a", 1, 1)), listener.seen(EventType.EXPIRED));
  }

  @Test
  void writeThrough_valueTheCacheCannotStore_isNotWrittenThrough() {
    TwatConfiguration<String, Object> config = config(String.class, Object.class);
    RecordingObjectWriter objectWriter = new RecordingObjectWriter();
    config.setWriteThrough(true);
    config.setCacheWriterFactory(() -> objectWriter);
    Cache<String, Object> cache = create(config);
    Object notSerializable = new Object();

    assertThrows(IllegalArgumentException.class, () -> cache.put("a", notSerializable));
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("b", "fine");
    batch.put("a", notSerializable);
    assertThrows(IllegalArgumentException.class, () -> cache.putAll(batch));
    assertThrows(RuntimeException.class, () -> cache.invoke("a", (entry, arguments) -> {
      entry.setValue(notSerializable);
      return null;
    }));

    assertEquals(Map.of(), objectWriter.written, "the writer was given a value the cache refused");
    assertEquals(Map.of(), contents(cache));
  }

  /** Remembers what it wrote, for caches of any values. */
  static final class RecordingObjectWriter implements CacheWriter<String, Object> {
    final Map<String, Object> written = new ConcurrentHashMap<>();

    @Override
    public void write(Cache.Entry<? extends String, ? extends Object> entry) {
      written.put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends Object>> entries) {
      for (Iterator<Cache.Entry<? extends String, ? extends Object>> it = entries.iterator();
          it.hasNext(); ) {
        write(it.next());
        it.remove();
      }
    }

    @Override
    public void delete(Object key) {
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.clear();
    }
  }

  @Test
  void withoutWriteThrough_theWriterIsNotCalled() {
    TwatConfiguration<String, Integer> config = writeThroughConfig();
    config.setWriteThrough(false);
    Cache<String, Integer> cache = create(config);

    cache.put("a", 1);
    cache.remove("a");

    assertEquals(Map.of(), writer.written);
    assertEquals(List.of(), writer.deleted);
  }

  // ---------------------------------------------------------------- read-through

  @Test
  void readThrough_loadsAMissingValueOnce_storesIt_andDoesNotWriteItBack() {
    Cache<String, Integer> cache = create(readThroughConfig());

    assertEquals(3, cache.get("abc"));
    assertEquals(3, cache.get("abc"));

    assertEquals(1, loader.loads.get());
    assertTrue(cache.containsKey("abc"));
    assertEquals(Map.of(), writer.written, "a loaded value is not written through");
    assertEquals(List.of(new Seen<>(EventType.CREATED, "abc", 3, null)), listener.seen());
  }

  @Test
  void readThrough_doesNotCallTheLoaderForAPresentKey() {
    Cache<String, Integer> cache = create(readThroughConfig());
    cache.put("abc", 42);

    assertEquals(42, cache.get("abc"));
    assertEquals(0, loader.loads.get());
  }

  @Test
  void readThrough_getAll_loadsOnlyTheMissingKeys() {
    Cache<String, Integer> cache = create(readThroughConfig());
    cache.put("a", 42);

    assertEquals(Map.of("a", 42, "bb", 2), cache.getAll(Set.of("a", "bb", "none")));
    assertEquals(2, loader.loads.get(), "loaded bb and none");
    assertEquals(Map.of("a", 42, "bb", 2), contents(cache));
  }

  @Test
  void readThrough_whenTheLoaderHasNoValue_storesNothing() {
    Cache<String, Integer> cache = create(readThroughConfig());

    assertNull(cache.get("none"));

    assertFalse(cache.containsKey("none"));
    assertEquals(List.of(), listener.seen());
  }

  @Test
  void readThrough_whenTheLoaderFails_throwsCacheLoaderExceptionAndStoresNothing() {
    Cache<String, Integer> cache = create(readThroughConfig());
    loader.failure = new IllegalStateException("backend down");

    CacheLoaderException e = assertThrows(CacheLoaderException.class, () -> cache.get("abc"));

    assertSame(loader.failure, e.getCause());
    assertFalse(cache.containsKey("abc"));
  }

  @Test
  void withoutReadThrough_getDoesNotLoad() {
    TwatConfiguration<String, Integer> config = readThroughConfig();
    config.setReadThrough(false);
    Cache<String, Integer> cache = create(config);

    assertNull(cache.get("abc"));
    assertEquals(0, loader.loads.get());
  }

  @Test
  void loadAll_loadsInTheBackground_andReportsCompletion() throws Exception {
    Cache<String, Integer> cache = create(readThroughConfig());
    cache.put("a", 42);
    CompletionListenerFuture done = new CompletionListenerFuture();

    cache.loadAll(Set.of("a", "bb", "none"), /* replaceExistingValues= */ false, done);
    done.get(30, SECONDS);

    assertEquals(Map.of("a", 42, "bb", 2), contents(cache));
  }

  @Test
  void loadAll_replacingExistingValues_overwritesThem() throws Exception {
    Cache<String, Integer> cache = create(readThroughConfig());
    cache.put("a", 42);
    CompletionListenerFuture done = new CompletionListenerFuture();

    cache.loadAll(Set.of("a"), /* replaceExistingValues= */ true, done);
    done.get(30, SECONDS);

    assertEquals(Map.of("a", 1), contents(cache));
  }
}
