/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a logger (and the loggers below it) publishes while it is open, instead of letting
 * it reach the console: the provider logs through {@code System.Logger}, which reaches {@code
 * java.util.logging} in tests, and a test captures the lines it provokes rather than printing them.
 *
 * <p>Thread-safe; close it (try-with-resources or {@code @AfterEach}) to stop listening.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final boolean parentHandlers;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };

  private LogCapture(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
    this.parentHandlers = logger.getUseParentHandlers();
    logger.addHandler(handler);
    logger.setUseParentHandlers(false);
  }

  /** Starts collecting what the logger {@code loggerName} and those below it publish. */
  public static LogCapture of(String loggerName) {
    return new LogCapture(loggerName);
  }

  /** Returns the messages published at exactly {@code level}, in order. */
  public List<String> messages(Level level) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(LogRecord::getMessage)
        .toList();
  }

  /** Returns the messages published at WARNING or above, in order. */
  public List<String> warnings() {
    return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogRecord::getMessage).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setUseParentHandlers(parentHandlers);
  }
}
