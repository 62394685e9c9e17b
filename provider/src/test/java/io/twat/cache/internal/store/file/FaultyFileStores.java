/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.testing.FaultyFileSystem;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of the tests that fault the file system under file stores: one
 * {@link FaultyFileSystem} over the real one, the stores a test opens on it (each past its open
 * scan, see {@link OpenScans}), and the warnings the stores log, captured rather than printed.
 * Register it on an instance field with {@code @RegisterExtension}; after each test it clears the
 * faults (so that closing writes nothing torn), closes the stores and stops capturing. Also the
 * small helpers those tests share: a put, a file's identity, the temporary files left, a value.
 *
 * <p>Not thread-safe: one instance per test, whose stores are opened from the test's thread (the
 * stores themselves may be used from any thread).
 */
final class FaultyFileStores implements AfterEachCallback {
  private final FaultyFileSystem files = new FaultyFileSystem(FileSystem.system());
  private final List<FileStore<?>> opened = new ArrayList<>();
  private final LogCapture log = LogCapture.of(FileStore.class.getName());

  /** Returns the file system the stores are opened on, to fault and to clear. */
  FaultyFileSystem files() {
    return files;
  }

  /** Returns what the file stores logged since the test began. */
  LogCapture log() {
    return log;
  }

  /**
   * Opens a store over {@code folder} with {@code options} on the faulty file system, waits for its
   * open scan and closes it after the test.
   */
  <K> FileStore<K> open(Path folder, StoreSpec spec, FileStore.Options options)
      throws StoreException {
    FileStore<K> store = FileStore.open(folder, Serializer.allowing(), spec,
        options.withFileSystem(files));
    opened.add(store);
    OpenScans.await(store);
    return store;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    files.clearFaults();
    opened.forEach(FileStore::close);
    log.close();
  }

  /** Puts {@code value} under {@code key}, never expiring, through the store's compute. */
  static <K> void put(FileStore<K> store, K key, Object value) throws StoreException {
    StoreEntry entry = new StoreEntry(value, StoreEntry.NEVER);
    store.compute(key, (k, current) -> entry);
  }

  /**
   * Returns what tells the file at {@code path} from a new one renamed over it; a file system
   * that does not tell files apart skips the test.
   */
  static Object identity(Path path) throws IOException {
    Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    assumeTrue(key != null, "the file system tells files apart");
    return key;
  }

  /** Returns the temporary files ({@code .tmp}) anywhere below {@code folder}. */
  static List<Path> tempFiles(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(path -> path.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /** Returns {@code length} bytes, each {@code seed}. */
  static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) seed);
    return bytes;
  }
}
