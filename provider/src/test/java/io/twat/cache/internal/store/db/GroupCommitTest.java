/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rounds of {@link GroupCommit}: no writer returns before a flush that started after it
 * arrived has completed, writers that arrive together share a flush, and a failed flush fails
 * every writer of its round and no other. The flushes here are stand-ins that record when they
 * start and end on a logical clock; the real checkpoint is covered by the store tests and the
 * kill tests ({@link DbGroupCommitKillTest}). A writer that did not run its round's flush
 * confirms afterwards that its own connection still reaches its server, since the flush may have
 * run on the next server of a file that changed hands ({@link Database#confirmServed}).
 */
final class GroupCommitTest {
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() throws InterruptedException {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "writer threads ended");
  }

  @Test
  void aSingleWriter_runsOneFlushPerCall() throws SQLException {
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit group = sharing(connection -> flushes.incrementAndGet());
    for (int i = 0; i < 5; i++) {
      group.await(/* connection= */ null);
    }
    assertEquals(5, flushes.get());
    assertEquals(5, group.rounds());
  }

  @Test
  void everyCaller_returnsOnlyAfterAFlushThatStartedAfterItArrived() throws Exception {
    AtomicLong clock = new AtomicLong();
    // [start, end] of every completed flush, on the logical clock
    ConcurrentLinkedQueue<long[]> flushes = new ConcurrentLinkedQueue<>();
    GroupCommit group = sharing(connection -> {
      long start = clock.incrementAndGet();
      flushes.add(new long[] {start, clock.incrementAndGet()});
    });
    int writers = 8;
    int calls = 300;
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      running.add(threads.submit(() -> {
        for (int i = 0; i < calls; i++) {
          long committed = clock.incrementAndGet();
          group.await(/* connection= */ null);
          long returned = clock.incrementAndGet();
          boolean covered = flushes.stream()
              .anyMatch(flush -> flush[0] > committed && flush[1] < returned);
          if (!covered) {
            problems.add("a call that arrived at " + committed + " returned at " + returned
                + " without a flush between");
          }
        }
        return null;
      }));
    }
    for (Future<?> writer : running) {
      writer.get(60, TimeUnit.SECONDS);
    }
    assertEquals(List.of(), List.copyOf(problems));
    assertTrue(group.rounds() <= (long) writers * calls, "at most a flush per call");
  }

  @Test
  void writersArrivingWhileAFlushRuns_shareTheNextFlush() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit group = sharing(connection -> {
      if (flushes.incrementAndGet() == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      }
    });
    Future<?> first = write(group);
    await(firstStarted);
    List<Future<?>> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(write(group));
    }
    waitForWaiters(group, 5);
    releaseFirst.countDown();
    first.get(30, TimeUnit.SECONDS);
    for (Future<?> other : others) {
      other.get(30, TimeUnit.SECONDS);
    }
    assertEquals(2, flushes.get(), "one flush for the first writer, one shared by the other 5");
    assertEquals(2, group.rounds());
  }

  @Test
  void aFailedFlush_failsEveryWriterOfItsRound_andNoOther() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    SQLException broken = new SQLException("disk gone", "HY000", 90028);
    GroupCommit group = sharing(connection -> {
      int round = flushes.incrementAndGet();
      if (round == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      } else if (round == 2) {
        throw broken;
      }
    });
    Future<?> first = write(group);
    await(firstStarted);
    List<Future<?>> secondRound = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      secondRound.add(write(group));
    }
    waitForWaiters(group, 4);
    releaseFirst.countDown();
    first.get(30, TimeUnit.SECONDS); // its own round succeeded
    for (Future<?> writer : secondRound) {
      ExecutionException failure = assertThrows(
          ExecutionException.class, () -> writer.get(30, TimeUnit.SECONDS));
      SQLException thrown = (SQLException) failure.getCause();
      assertTrue(thrown == broken || thrown.getCause() == broken,
          () -> "the round's failure, or a copy naming it: " + thrown);
      assertEquals(broken.getErrorCode(), thrown.getErrorCode());
      assertEquals(broken.getSQLState(), thrown.getSQLState());
    }
    assertEquals(2, flushes.get(), "the 4 writers of the failed round shared its one flush");
    // the next round is a new one: it flushes again and succeeds
    group.await(/* connection= */ null);
    assertEquals(3, flushes.get());
  }

  @Test
  void anInterruptedWriter_stillWaitsForItsFlush_andKeepsTheInterrupt() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit group = sharing(connection -> {
      if (flushes.incrementAndGet() == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      }
    });
    Future<?> first = write(group);
    await(firstStarted);
    CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
    CompletableFuture<Integer> flushesSeen = new CompletableFuture<>();
    Thread waiter = new Thread(() -> {
      try {
        group.await(/* connection= */ null);
        flushesSeen.complete(flushes.get());
        interruptedAfter.complete(Thread.currentThread().isInterrupted());
      } catch (SQLException e) {
        interruptedAfter.completeExceptionally(e);
      }
    });
    waiter.start();
    waitForWaiters(group, 1);
    waiter.interrupt();
    releaseFirst.countDown();
    first.get(30, TimeUnit.SECONDS);
    assertTrue(interruptedAfter.get(30, TimeUnit.SECONDS), "the interrupt is set again");
    assertEquals(2, flushesSeen.get(), "returned only after its own round's flush");
    waiter.join();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(30, TimeUnit.SECONDS), "latch released");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits (spinning, not sleeping) until {@code count} writers wait for a round. */
  private static void waitForWaiters(GroupCommit group, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (group.waiting() < count) {
      assertTrue(System.nanoTime() < deadline, "writers arrived: " + group.waiting());
      Thread.onSpinWait();
    }
  }

  @Test
  void writersThatDidNotRunTheirRoundsFlush_confirmTheirOwnConnectionAfterIt_theRunnerDoesNot()
      throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    AtomicLong clock = new AtomicLong();
    ConcurrentLinkedQueue<Connection> flushedOn = new ConcurrentLinkedQueue<>();
    AtomicLong secondFlushEnded = new AtomicLong();
    ConcurrentLinkedQueue<long[]> confirmed = new ConcurrentLinkedQueue<>();
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      connections.add(fakeConnection("c" + i));
    }
    GroupCommit group = new GroupCommit(connection -> {
      flushedOn.add(connection);
      if (flushedOn.size() == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      } else {
        secondFlushEnded.set(clock.incrementAndGet());
      }
    }, connection -> confirmed.add(
        new long[] {connections.indexOf(connection), clock.incrementAndGet()}));
    Future<?> first = write(group, connections.get(0));
    await(firstStarted);
    List<Future<?>> secondRound = new ArrayList<>();
    for (int i = 1; i < 4; i++) {
      secondRound.add(write(group, connections.get(i)));
    }
    waitForWaiters(group, 3);
    releaseFirst.countDown();
    first.get(30, TimeUnit.SECONDS);
    for (Future<?> writer : secondRound) {
      writer.get(30, TimeUnit.SECONDS);
    }
    List<Connection> flushers = List.copyOf(flushedOn);
    assertEquals(2, flushers.size(), "one flush per round");
    assertSame(connections.get(0), flushers.get(0));
    Set<Long> expected = new HashSet<>(List.of(1L, 2L, 3L));
    expected.remove((long) connections.indexOf(flushers.get(1)));
    Set<Long> seen = new HashSet<>();
    for (long[] confirmation : confirmed) {
      seen.add(confirmation[0]);
      assertTrue(confirmation[1] > secondFlushEnded.get(), "confirmed after its round's flush");
    }
    assertEquals(expected, seen,
        "each writer of the second round that did not flush confirmed once, on its connection");
    assertEquals(2, confirmed.size());
  }

  @Test
  void aFailedConfirmation_failsThatWriterOnly() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    ConcurrentLinkedQueue<Connection> flushedOn = new ConcurrentLinkedQueue<>();
    List<Connection> gone = List.of(fakeConnection("gone1"), fakeConnection("gone2"));
    SQLException lost = new SQLException("Connection is broken", "08006", 90067);
    GroupCommit group = new GroupCommit(connection -> {
      flushedOn.add(connection);
      if (flushedOn.size() == 1) {
        firstStarted.countDown();
        await(releaseFirst);
      }
    }, connection -> {
      if (gone.contains(connection)) {
        throw lost;
      }
    });
    Future<?> first = write(group, fakeConnection("first"));
    await(firstStarted);
    Future<?> fine = write(group, fakeConnection("fine"));
    List<Future<?>> failing = new ArrayList<>();
    for (Connection connection : gone) {
      failing.add(write(group, connection));
    }
    waitForWaiters(group, 3);
    releaseFirst.countDown();
    first.get(30, TimeUnit.SECONDS);
    fine.get(30, TimeUnit.SECONDS);
    List<Connection> flushers = List.copyOf(flushedOn);
    assertEquals(2, flushers.size(), "the three of the second round shared its flush");
    int failed = 0;
    for (int i = 0; i < gone.size(); i++) {
      if (flushers.get(1) == gone.get(i)) {
        failing.get(i).get(30, TimeUnit.SECONDS); // it ran the flush: nothing to confirm
        continue;
      }
      Future<?> writer = failing.get(i);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> writer.get(30, TimeUnit.SECONDS));
      assertSame(lost, e.getCause());
      failed++;
    }
    assertTrue(failed >= 1, "at least one of the two did not run the flush, and failed");
    assertTrue(Database.isConnectionLost(lost), "the caller treats it as a lost connection");
  }

  @Test
  void confirmServed_aServerThatStopped_failsAsALostConnection_aLiveOrLocalOnePasses(
      @TempDir Path temp) throws Exception {
    String file = temp.resolve("confirm").toAbsolutePath().toString();
    try (Connection local = DriverManager.getConnection("jdbc:h2:" + file, "sa", "")) {
      org.h2.tools.Server server = org.h2.tools.Server.createTcpServer(
          "-tcpPort", "0", "-ifExists").start();
      try (Connection remote = DriverManager.getConnection(
          "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + file, "sa", "")) {
        assertDoesNotThrow(() -> Database.confirmServed(local));
        assertDoesNotThrow(() -> Database.confirmServed(remote));
        server.stop();
        SQLException thrown =
            assertThrows(SQLException.class, () -> Database.confirmServed(remote));
        assertTrue(Database.isConnectionLost(thrown), () -> "lost: " + thrown);
        assertDoesNotThrow(() -> Database.confirmServed(local), "this JVM's own session");
      } finally {
        server.stop();
      }
    }
  }

  private static GroupCommit sharing(GroupCommit.Flush flush) {
    return new GroupCommit(flush, connection -> { });
  }

  /** A connection that only has an identity: the rounds never call it. */
  private static Connection fakeConnection(String name) {
    return (Connection) Proxy.newProxyInstance(GroupCommitTest.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
          case "toString" -> name;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  /** Starts a writer that waits, on one of {@link #threads}, for the group's next flush. */
  private Future<?> write(GroupCommit group) {
    return write(group, /* connection= */ null);
  }

  private Future<?> write(GroupCommit group, Connection connection) {
    return threads.submit(() -> {
      group.await(connection);
      return null;
    });
  }
}
