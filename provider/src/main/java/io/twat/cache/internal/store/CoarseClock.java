/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The system clock in milliseconds, read from a field that one shared daemon thread refreshes
 * every {@link #PERIOD_MILLIS}, for hot paths where {@link System#currentTimeMillis()} costs as
 * much as the work it guards (about 25 ns on a virtual machine, half of a heap cache hit).
 *
 * <p>{@link #millis()} is never ahead of the system clock and, while the refreshing thread gets
 * the CPU on time, at most {@link #PERIOD_MILLIS} (plus the thread's scheduling delay) behind it.
 * A caller that must keep a bound subtracts {@link #PERIOD_MILLIS} from it.
 *
 * <p>The thread runs only while some user holds a clock: {@link #acquire()} starts it for the
 * first user and {@link #close()} of the last one stops it, so a JVM without open users (or an
 * application server that undeployed the provider) keeps no thread of ours.
 *
 * <p>Thread-safe.
 */
public final class CoarseClock implements AutoCloseable {
  /** How often the shared thread reads the system clock. */
  public static final long PERIOD_MILLIS = 4;

  private static final Object LOCK = new Object();
  private static volatile long now = System.currentTimeMillis();
  private static ScheduledExecutorService refresher;
  private static int users;

  private boolean closed;

  private CoarseClock() {
  }

  /**
   * Returns a clock, starting the shared refreshing thread if no other user holds one.
   *
   * @return a clock to {@link #close()} when its user closes
   */
  public static CoarseClock acquire() {
    synchronized (LOCK) {
      if (users++ == 0) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
          Thread thread = new Thread(runnable, "twat-cache-clock");
          thread.setDaemon(true);
          return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        now = System.currentTimeMillis();
        Future<?> unused =
            executor.scheduleAtFixedRate(
                CoarseClock::refresh, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        refresher = executor;
      }
      return new CoarseClock();
    }
  }

  private static void refresh() {
    now = System.currentTimeMillis();
  }

  /**
   * Returns the time as of the last refresh, in epoch milliseconds: one volatile read.
   *
   * @return a time at most {@link #PERIOD_MILLIS} plus the refresher's delay behind the system
   *     clock
   */
  public long millis() {
    return now;
  }

  /** Returns how many clocks are held (acquired and not closed). */
  static int users() {
    synchronized (LOCK) {
      return users;
    }
  }

  /** Returns whether the shared refreshing thread is running (some clock is not closed). */
  static boolean running() {
    synchronized (LOCK) {
      return refresher != null;
    }
  }

  /** Releases this clock; the last release stops the shared thread. Closing twice is harmless. */
  @Override
  public void close() {
    synchronized (LOCK) {
      if (closed) {
        return;
      }
      closed = true;
      if (--users == 0) {
        refresher.shutdownNow();
        refresher = null;
      }
    }
  }
}
