/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SingleFlightTest extends ContainerTest {
  private static final int CALLERS = 16;

  @Override
  List<Class<?>> beans() {
    return List.of(Slow.class, Gate.class);
  }

  @Test
  void concurrentMissesOfOneKey_computeOnce_andAllGetTheValue() throws InterruptedException {
    Slow slow = bean(Slow.class);
    Gate gate = bean(Gate.class);

    ConcurrentLinkedQueue<Object> outcomes = callConcurrently(() -> slow.compute("k"), gate);

    assertEquals(1, gate.computations());
    assertEquals(CALLERS, outcomes.size());
    outcomes.forEach(outcome -> assertEquals("value of k", outcome));
    assertEquals("value of k", cache("slow").get(new DefaultCacheKey("k")));
  }

  @Test
  void concurrentMisses_whenTheComputationThrows_allGetItsException_andNothingIsCached()
      throws InterruptedException {
    Slow slow = bean(Slow.class);
    Gate gate = bean(Gate.class);

    ConcurrentLinkedQueue<Object> outcomes = callConcurrently(() -> slow.fail("k"), gate);

    assertEquals(1, gate.computations());
    outcomes.forEach(outcome -> assertInstanceOf(IllegalStateException.class, outcome));
    assertFalse(cache("slowFailing").containsKey(new DefaultCacheKey("k")));
  }

  @Test
  void asyncMethod_concurrentCallers_shareOneComputation_andTheValueIsCachedNotTheFuture()
      throws Exception {
    Slow slow = bean(Slow.class);
    Gate gate = bean(Gate.class);

    List<CompletableFuture<String>> callers = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      callers.add(slow.future("k"));
    }
    assertFalse(callers.get(CALLERS - 1).isDone());
    gate.pendingFuture().complete("v");

    for (CompletableFuture<String> caller : callers) {
      assertEquals("v", caller.get(10, TimeUnit.SECONDS));
    }
    assertEquals(1, gate.computations());
    assertEquals("v", cache("future").get(new DefaultCacheKey("k")));
    CompletableFuture<String> hit = slow.future("k");
    assertTrue(hit.isDone());
    assertEquals("v", hit.get());
    assertEquals(1, gate.computations());
  }

  @Test
  void asyncMethod_returningCompletionStage_cachesTheCompletedValue() throws Exception {
    Slow slow = bean(Slow.class);
    Gate gate = bean(Gate.class);

    CompletionStage<String> first = slow.stage("k");
    gate.pendingFuture().complete("v");

    assertEquals("v for k", first.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals("v for k", cache("stage").get(new DefaultCacheKey("k")));
    assertEquals("v for k", slow.stage("k").toCompletableFuture().getNow(null));
    assertEquals(1, gate.computations());
  }

  @Test
  void asyncMethod_failedFuture_isNotCached_andTheNextCallComputesAgain() throws Exception {
    Slow slow = bean(Slow.class);
    Gate gate = bean(Gate.class);

    CompletableFuture<String> leader = slow.future("k");
    CompletableFuture<String> follower = slow.future("k");
    gate.pendingFuture().completeExceptionally(new IllegalStateException("backend down"));

    for (CompletableFuture<String> caller : List.of(leader, follower)) {
      ExecutionException failed =
          org.junit.jupiter.api.Assertions.assertThrows(
              ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, failed.getCause());
    }
    assertEquals(1, gate.computations());
    assertFalse(cache("future").containsKey(new DefaultCacheKey("k")));
    CompletableFuture<String> unused = slow.future("k");
    assertEquals(2, gate.computations());
  }

  /**
   * Starts {@link #CALLERS} threads on the call, waits until each is parked in the computation or
   * waiting for it, then opens the gate and collects each result or exception. Without single
   * flight every thread would be parked inside its own computation.
   */
  private static ConcurrentLinkedQueue<Object> callConcurrently(Supplier<Object> call, Gate gate)
      throws InterruptedException {
    ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      Thread thread = new Thread(() -> {
        try {
          outcomes.add(call.get());
        } catch (RuntimeException e) {
          outcomes.add(e);
        }
      }, "caller-" + i);
      threads.add(thread);
      thread.start();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!threads.stream().allMatch(SingleFlightTest::parkedInTheFlight)) {
      if (System.nanoTime() > deadline) {
        fail("the callers did not all park in the computation or waiting for it: "
            + threads.stream().map(Thread::getState).toList());
      }
      Thread.onSpinWait();
    }
    gate.open();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    return outcomes;
  }

  /**
   * Whether {@code thread} is parked in the gated computation or in a follower's wait for it. A
   * thread parked anywhere else (on a lock while the container resolves the bean or creates the
   * cache) has not joined the flight yet: opening the gate then would let it start a second one
   * after the first has landed, which is right, but not what these tests count.
   */
  private static boolean parkedInTheFlight(Thread thread) {
    if (thread.getState() != Thread.State.WAITING) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if ((frame.getClassName().equals(Gate.class.getName())
              && frame.getMethodName().equals("pass"))
          || (frame.getClassName().startsWith(CacheResultInterceptor.class.getName())
              && frame.getMethodName().equals("follow"))) {
        return true;
      }
    }
    return false;
  }
}
