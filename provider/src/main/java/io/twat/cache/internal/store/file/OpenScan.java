/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.io.FileSystem;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * The listing that opening a file store starts on a daemon thread of its own, so that opening a
 * large store returns at once: it counts the entries (and, for a store bounded in bytes, their
 * bytes) into the {@link FileEvictor}, and deletes temporary files whose writer is gone: those of
 * a process that no longer runs, those it cannot attribute to a process, and those more than an
 * hour old. A store without a byte bound only lists names: it never reads a file's attributes,
 * which is most of the cost of a scan. The counts it finds are added to those of the changes made
 * meanwhile, which may count an entry twice: an overestimate only makes the next eviction check
 * recount exactly, earlier than needed. A failure is logged; the store works on without the counts.
 *
 * <p>Runs once; {@link #await()} is thread-safe.
 */
final class OpenScan {
  // logs as the store it scans for
  private static final System.Logger LOG = System.getLogger(FileStore.class.getName());
  private static final long STALE_TEMP_MILLIS = 3_600_000L;

  private final FolderLayout layout;
  private final FileSystem fileSystem;
  private final FileEvictor counts;
  private final boolean sizes;
  private final BooleanSupplier closed;
  private final CountDownLatch done = new CountDownLatch(1);

  /**
   * Creates the scan; {@link #start()} runs it.
   *
   * @param layout the files to list
   * @param counts receives the counts found
   * @param sizes whether to add up the files' sizes too (a store bounded in bytes)
   * @param closed whether the store has been closed meanwhile, which stops the scan
   */
  OpenScan(FolderLayout layout, FileEvictor counts, boolean sizes, BooleanSupplier closed) {
    this.layout = layout;
    this.fileSystem = layout.fileSystem();
    this.counts = counts;
    this.sizes = sizes;
    this.closed = closed;
  }

  /** Starts the scan on a daemon thread named after the folder. */
  void start() {
    Thread scan = new Thread(this::run, "twat-cache-open-scan-" + layout.folder().getFileName());
    scan.setDaemon(true);
    scan.start();
  }

  /** Waits until the scan is done; for tests and measurements. */
  void await() throws InterruptedException {
    done.await();
  }

  private void run() {
    try {
      scan();
    } catch (IOException | RuntimeException e) {
      // A store closed meanwhile needs no count, and its folder may be gone (destroyed, or a
      // test's temporary folder): only an open store's failure is worth a warning.
      if (!closed.getAsBoolean()) {
        LOG.log(Level.WARNING, "Could not count the entries in {0} after opening it: {1}",
            layout.folder(), e);
      }
    } finally {
      done.countDown();
    }
  }

  private void scan() throws IOException {
    long entries = 0;
    long total = 0;
    long now = System.currentTimeMillis();
    for (Path subfolder : layout.subfolders()) {
      if (closed.getAsBoolean()) {
        return;
      }
      try (DirectoryStream<Path> stream = fileSystem.list(subfolder)) {
        for (Path path : stream) {
          String name = path.getFileName().toString();
          if (FolderLayout.isEntryName(name)) {
            entries++;
            if (sizes) {
              total += sizeOf(path);
            }
          } else if (name.endsWith(FolderLayout.TEMP_SUFFIX) && isAbandoned(path, name, now)) {
            LOG.log(Level.DEBUG,
                "Deleting {0}, left behind by a process that stopped while writing it", path);
            EntryWriter.deleteQuietly(fileSystem, path);
          }
        }
      }
    }
    counts.added(entries, total);
  }

  private long sizeOf(Path path) {
    try {
      return fileSystem.size(path);
    } catch (IOException e) {
      return 0;
    }
  }

  private boolean isAbandoned(Path temp, String name, long now) {
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4 || !FolderLayout.isEntryName(parts[0])) {
      return true;
    }
    long writer;
    try {
      writer = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return true;
    }
    if (!ProcessHandle.of(writer).map(ProcessHandle::isAlive).orElse(false)) {
      return true;
    }
    try {
      return now - fileSystem.attributes(temp).lastModifiedTime().toMillis() > STALE_TEMP_MILLIS;
    } catch (IOException e) {
      return false;
    }
  }
}
