/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress bar on one line of the error stream, rewritten in place ({@code \r}) at most every
 * {@value #EVERY_NANOS} nanoseconds: done of total, the rate since the start and the time left
 * at that rate. {@link #OFF} draws nothing (no terminal, or machine output).
 *
 * <p>Used by one thread; not thread-safe.
 */
class Progress {
  /** Draws nothing. */
  static final Progress OFF = new Progress(null, 0, System::nanoTime) {
    @Override
    void step(long done) {
    }

    @Override
    void finish() {
    }
  };

  private static final long EVERY_NANOS = 200_000_000L;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final long total;
  private final LongSupplier nanos;
  private final long started;
  private long drawn;

  /**
   * Starts a bar for {@code total} items.
   *
   * @param err where it is drawn
   * @param nanos the clock of rates and times (System::nanoTime)
   */
  Progress(PrintWriter err, long total, LongSupplier nanos) {
    this.err = err;
    this.total = total;
    this.nanos = nanos;
    this.started = nanos.getAsLong();
    this.drawn = started - EVERY_NANOS;
  }

  /** Notes that {@code done} items are done; redraws if the last drawing is old enough. */
  void step(long done) {
    long now = nanos.getAsLong();
    if (now - drawn < EVERY_NANOS) {
      return;
    }
    drawn = now;
    err.print("\r" + line(done, now - started));
    err.flush();
  }

  /** Clears the bar's line, so that the summary that follows starts on a clean line. */
  void finish() {
    err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
    err.flush();
  }

  /** Returns the bar's text for {@code done} items after {@code elapsedNanos}. */
  String line(long done, long elapsedNanos) {
    long shown = Math.min(done, total);
    int filled = total == 0 ? WIDTH : (int) (WIDTH * shown / total);
    double seconds = elapsedNanos / 1e9;
    double rate = seconds <= 0 ? 0 : done / seconds;
    String eta = rate <= 0 ? "--:--" : clock((long) ((total - shown) / rate));
    return String.format("[%s%s] %3d%% %,d/%,d  %,.0f/s  ETA %s", "#".repeat(filled),
        " ".repeat(WIDTH - filled), total == 0 ? 100 : 100 * shown / total, shown, total, rate,
        eta);
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
