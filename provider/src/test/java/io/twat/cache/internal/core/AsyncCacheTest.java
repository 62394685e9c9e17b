/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.AsyncCache;
import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.management.MBeans;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AsyncCacheTest extends CacheTestSupport {
  private static final long WAIT_SECONDS = 10;

  private Cache<String, String> cache;
  private AsyncCache<String, String> async;

  @BeforeEach
  void openCache() {
    TwatConfiguration<String, String> config = config(String.class, String.class);
    config.setStatisticsEnabled(true);
    cache = create(config);
    async = asyncOf(cache);
  }

  @SuppressWarnings("unchecked")
  private static AsyncCache<String, String> asyncOf(Cache<String, String> cache) {
    return cache.unwrap(CacheFacade.class).async();
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
    return e.getCause();
  }

  private long statistic(String attribute) throws Exception {
    ObjectName name =
        MBeans.objectName(
            MBeans.Type.CacheStatistics, manager.getURI().toString(), cache.getName());
    return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
  }

  @Test
  void async_returnsTheSameViewEachTime() {
    assertSame(async, asyncOf(cache));
    assertSame(cache, async.synchronous());
  }

  @Test
  void basicOperations_seeTheSameEntriesAsTheSynchronousCache() throws Exception {
    await(async.put("a", "1"));
    assertEquals("1", cache.get("a"));
    cache.put("b", "2");

    assertEquals("2", await(async.get("b")));
    assertTrue(await(async.containsKey("a")));
    await(async.putAll(Map.of("c", "3", "d", "4")));
    assertEquals(Map.of("a", "1", "c", "3"), await(async.getAll(Set.of("a", "c", "missing"))));
    assertTrue(await(async.remove("a")));
    assertFalse(await(async.remove("a")));
    assertNull(await(async.get("a")));
  }

  @Test
  void operations_runOnTheViewsExecutor_notOnTheCallersThread() throws Exception {
    AtomicInteger tasks = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-async-pool"));
    try {
      Executor counting = task -> {
        tasks.incrementAndGet();
        pool.execute(task);
      };
      @SuppressWarnings("unchecked")
      AsyncCache<String, String> view = cache.unwrap(CacheFacade.class).async(counting);
      List<String> loaderThreads = new ArrayList<>();

      await(view.put("k", "v"));
      await(view.get("missing", key -> {
        loaderThreads.add(Thread.currentThread().getName());
        return CompletableFuture.completedFuture("loaded");
      }));

      assertTrue(tasks.get() >= 2);
      assertEquals(List.of("test-async-pool"), loaderThreads);
      assertSame(counting, view.executor());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void getWithLoader_whenOneThousandCallersMissTogether_callsTheLoaderOnce() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<String> load = new CompletableFuture<>();
    CountDownLatch loaderCalled = new CountDownLatch(1);
    List<CompletableFuture<String>> callers = new ArrayList<>();

    for (int i = 0; i < 1000; i++) {
      callers.add(async.get("k", key -> {
        loads.incrementAndGet();
        loaderCalled.countDown();
        return load;
      }));
    }
    assertTrue(loaderCalled.await(WAIT_SECONDS, TimeUnit.SECONDS));
    load.complete("value");

    for (CompletableFuture<String> caller : callers) {
      assertEquals("value", await(caller));
    }
    assertEquals(1, loads.get());
    assertEquals("value", cache.get("k"));
    assertEquals(1, statistic("CachePuts"));
  }

  @Test
  void getWithLoader_afterALoadLanded_findsTheStoredValueWithoutLoading() throws Exception {
    assertEquals("v", await(async.get("k", key -> CompletableFuture.completedFuture("v"))));
    AtomicInteger loads = new AtomicInteger();

    assertEquals("v", await(async.get("k", key -> {
      loads.incrementAndGet();
      return CompletableFuture.completedFuture("other");
    })));

    assertEquals(0, loads.get());
  }

  @Test
  void getWithLoader_countsAMissAndAPut_andDoesNotWriteThrough() throws Exception {
    await(async.get("k", key -> CompletableFuture.completedFuture("v")));

    assertEquals(1, statistic("CacheMisses"));
    assertEquals(1, statistic("CachePuts"));
    assertEquals(0, statistic("CacheHits"));
  }

  @Test
  void getWithLoader_whenTheLoadFails_everyWaiterGetsTheException_andNothingIsCached()
      throws Exception {
    CompletableFuture<String> load = new CompletableFuture<>();
    CountDownLatch loaderCalled = new CountDownLatch(1);
    List<CompletableFuture<String>> callers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      callers.add(async.get("k", key -> {
        loaderCalled.countDown();
        return load;
      }));
    }
    assertTrue(loaderCalled.await(WAIT_SECONDS, TimeUnit.SECONDS));
    IllegalStateException failure = new IllegalStateException("backend down");

    load.completeExceptionally(failure);

    for (CompletableFuture<String> caller : callers) {
      assertSame(failure, failureOf(caller));
    }
    assertFalse(cache.containsKey("k"));
    assertEquals(
        "retried", await(async.get("k", key -> CompletableFuture.completedFuture("retried"))));
  }

  @Test
  void getWithLoader_whenTheLoaderThrows_theCallerGetsTheException() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad key");

    Throwable failure = failureOf(async.get("k", key -> {
      throw thrown;
    }));

    assertSame(thrown, failure);
    assertFalse(cache.containsKey("k"));
  }

  @Test
  void getWithLoader_whenOneWaiterIsCancelled_theOthersStillGetTheValue() throws Exception {
    CompletableFuture<String> load = new CompletableFuture<>();
    CountDownLatch loaderCalled = new CountDownLatch(1);
    CompletableFuture<String> first = async.get("k", key -> {
      loaderCalled.countDown();
      return load;
    });
    assertTrue(loaderCalled.await(WAIT_SECONDS, TimeUnit.SECONDS));
    CompletableFuture<String> second =
        async.get("k", key -> CompletableFuture.completedFuture("second load"));

    assertTrue(first.cancel(/* mayInterruptIfRunning= */ true));
    load.complete("value");

    assertThrows(CancellationException.class, first::join);
    assertEquals("value", await(second));
    assertEquals("value", cache.get("k"));
  }

  @Test
  void getWithLoader_whenOneWaiterTimesOut_theLoadAndTheOtherWaitersGoOn() throws Exception {
    CompletableFuture<String> load = new CompletableFuture<>();
    CountDownLatch loaderCalled = new CountDownLatch(1);
    CompletableFuture<String> patient = async.get("k", key -> {
      loaderCalled.countDown();
      return load;
    });
    assertTrue(loaderCalled.await(WAIT_SECONDS, TimeUnit.SECONDS));
    CompletableFuture<String> impatient =
        async
            .get("k", key -> CompletableFuture.completedFuture("second load"))
            .orTimeout(1, TimeUnit.MILLISECONDS);

    assertInstanceOf(TimeoutException.class, failureOf(impatient));
    load.complete("value");

    assertEquals("value", await(patient));
    assertEquals("value", cache.get("k"));
  }

  @Test
  void closingTheManager_whileLoading_failsThePendingFuturesWithAClearMessage() throws Exception {
    CompletableFuture<String> load = new CompletableFuture<>();
    CountDownLatch loaderCalled = new CountDownLatch(1);
    List<CompletableFuture<String>> callers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      callers.add(async.get("k", key -> {
        loaderCalled.countDown();
        return load;
      }));
    }
    assertTrue(loaderCalled.await(WAIT_SECONDS, TimeUnit.SECONDS));

    manager.close();

    for (CompletableFuture<String> caller : callers) {
      Throwable failure = failureOf(caller);
      assertInstanceOf(IllegalStateException.class, failure);
      assertTrue(failure.getMessage().contains("\"" + cache.getName() + "\"")
          && failure.getMessage().contains("closed"), failure.getMessage());
    }
    load.complete("too late");
    assertInstanceOf(IllegalStateException.class, failureOf(async.get("k")));
  }

  @Test
  void nullArguments_areRefusedAtOnce() {
    assertThrows(NullPointerException.class, () -> async.get(null));
    assertThrows(NullPointerException.class, () -> async.get("k", null));
    assertThrows(NullPointerException.class, () -> async.put("k", null));
    assertThrows(NullPointerException.class, () -> async.getAll(null));
  }

  @Test
  void aLoaderReturningNull_failsTheCallWithAMessage() {
    Throwable failure = failureOf(async.get("k", key -> null));

    assertInstanceOf(NullPointerException.class, failure);
    assertTrue(failure.getMessage().contains("returned null"), failure.getMessage());
  }

  @Test
  void cacheErrors_arriveThroughTheFuture() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    AsyncCache<Object, Object> raw = (AsyncCache) async;

    assertInstanceOf(ClassCastException.class, failureOf(raw.put(42, "v")));
    assertFalse(cache.iterator().hasNext(), "the refused put stored nothing");
  }
}
