/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped key locks that hold across threads and processes: stripe {@code i} is an in-JVM
 * {@link ReentrantLock} plus an exclusive {@link FileLock} on byte {@code i} of one lock file.
 *
 * <p>One instance exists per lock file per JVM, shared by every store open on that folder. This
 * is the one piece of static mutable state in the store, and deliberately so: file locks belong to
 * the process, not to a channel. Two channels on one file in one JVM would throw
 * {@link java.nio.channels.OverlappingFileLockException} instead of waiting for each other, and
 * closing either would drop the other's locks (POSIX record locks are released when the process
 * closes any descriptor of the file).
 *
 * <p>The file lock is taken with {@code tryLock} and a short back-off rather than a blocking
 * {@code lock}: an interrupt that reaches a thread blocked in a channel operation closes the
 * channel, which would release every stripe of the process. The interrupt status is cleared
 * around the {@code tryLock} call and restored afterwards; a channel closed anyway is reopened.
 *
 * <p>Thread-safe.
 */
final class KeyLocks {
  /** How many stripes the keys are spread over; a power of two. */
  static final int STRIPES = 1024;
  /**
   * The stripe past the keys' that guards the cache record ({@link CacheInfo}): held while a
   * store opens the folder, records settings or destroys the cache.
   */
  static final int RECORD_STRIPE = STRIPES;

  // logs as the store it locks for
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());
  private static final long MAX_BACKOFF_NANOS = 1_000_000L;
  private static final Map<Path, KeyLocks> OPEN = new HashMap<>(); // guarded by itself

  private final Path file;
  private final FileAttribute<?>[] attributes;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES + 1];
  private int users; // guarded by OPEN
  private FileChannel channel; // guarded by this

  private KeyLocks(Path file, FileAttribute<?>[] attributes) {
    this.file = file;
    this.attributes = attributes;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /**
   * Returns the locks of {@code file}, opening it (created with {@code attributes}) if this JVM
   * does not have it open yet. Each call must be matched by one {@link #release()}.
   */
  static KeyLocks acquire(Path file, FileAttribute<?>... attributes) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    synchronized (OPEN) {
      KeyLocks locks = OPEN.get(key);
      if (locks == null) {
        locks = new KeyLocks(key, attributes);
        locks.channel();
        OPEN.put(key, locks);
      }
      locks.users++;
      return locks;
    }
  }

  /**
   * Gives up one use; the last one closes the lock file. It closes it before another store can
   * open the folder again, since closing the old channel would drop the new one's locks.
   */
  void release() {
    synchronized (OPEN) {
      if (--users > 0) {
        return;
      }
      OPEN.remove(file);
      synchronized (this) {
        try {
          if (channel != null) {
            channel.close();
          }
        } catch (IOException e) {
          // nothing is held any more; the descriptor is gone either way
        }
        channel = null;
      }
    }
  }

  /** Returns the stripe of a key whose hash starts with {@code hash0} and {@code hash1}. */
  static int stripeOf(byte hash0, byte hash1) {
    return (((hash0 & 0xff) << 8) | (hash1 & 0xff)) & (STRIPES - 1);
  }

  /**
   * Locks a stripe in this JVM and across processes; blocks until both are held. The same
   * thread may lock a stripe again while it holds it (only the outermost hold takes the file lock).
   *
   * @return the hold, to be closed by the thread that locked
   */
  Held lock(int stripe) throws IOException {
    ReentrantLock local = stripes[stripe];
    local.lock();
    if (local.getHoldCount() > 1) {
      return new Held(local, null);
    }
    try {
      return new Held(local, lockFile(stripe));
    } catch (IOException | RuntimeException | Error e) {
      local.unlock();
      throw e;
    }
  }

  /**
   * Locks a stripe as {@link #lock} does, for a store: a failure is a {@link StoreException} that
   * names the lock file.
   */
  Held hold(int stripe) throws StoreException {
    try {
      return lock(stripe);
    } catch (IOException e) {
      throw new StoreException("Could not lock a key in " + file + ": " + e, e);
    }
  }

  private FileLock lockFile(int stripe) throws IOException {
    boolean interrupted = false;
    long backoff = 10_000L;
    int closedRetries = 0;
    try {
      while (true) {
        interrupted |= Thread.interrupted();
        FileLock lock;
        try {
          lock = channel().tryLock(stripe, 1, /* shared= */ false);
        } catch (ClosedChannelException e) {
          if (++closedRetries > 3) {
            throw e;
          }
          continue;
        }
        if (lock != null) {
          return lock;
        }
        LockSupport.parkNanos(backoff);
        backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized FileChannel channel() throws IOException {
    if (channel == null || !channel.isOpen()) {
      channel =
          FileChannel.open(
              file,
              new java.util.HashSet<>(
                  java.util.List.of(
                      StandardOpenOption.CREATE,
                      StandardOpenOption.READ,
                      StandardOpenOption.WRITE)),
              attributes);
    }
    return channel;
  }

  /** A held stripe. */
  static final class Held implements AutoCloseable {
    private final ReentrantLock local;
    private final FileLock fileLock;

    Held(ReentrantLock local, FileLock fileLock) {
      this.local = local;
      this.fileLock = fileLock;
    }

    /** Releases the stripe as {@link #close()} does, logging a failure to release the file lock. */
    void unlock() {
      try {
        close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Could not release a key lock: {0}", e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        if (fileLock != null && fileLock.isValid()) {
          fileLock.release();
        }
      } finally {
        local.unlock();
      }
    }
  }
}
