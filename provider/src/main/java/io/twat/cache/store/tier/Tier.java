package io.twat.cache.store.tier;

import io.twat.cache.store.Store;
import io.twat.cache.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * One store in a chain, with its role, its folder (for a disk store) and its counters of hits,
 * misses and evictions. The counters are {@link LongAdder}s: cheap next to the store's own work.
 *
 * <p>Thread-safe.
 *
 * @param <K> the type of keys
 */
public final class Tier<K> {
  private final String role;
  private final Store<K> store;
  private final Optional<Path> folder;
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder evictions = new LongAdder();

  /**
   * Names a store's place in a chain.
   *
   * @param role e.g. {@code heap}, {@code db}, {@code file}
   * @param store the store
   * @param folder where it keeps its data, for a disk store
   */
  public Tier(String role, Store<K> store, Optional<Path> folder) {
    this.role = role;
    this.store = store;
    this.folder = folder;
  }

  /** Returns the store. */
  public Store<K> store() {
    return store;
  }

  /** Returns the folder of a disk tier. */
  public Optional<Path> folder() {
    return folder;
  }

  /** Counts a read this tier answered ({@code found}) or could not answer. */
  void countRead(boolean found) {
    (found ? hits : misses).increment();
  }

  /** Returns this tier's figures now. */
  public TierStatistics statistics() {
    long entries;
    try {
      entries = store.size();
    } catch (StoreException e) {
      entries = -1;
    }
    return new TierStatistics(role, store.describe(), folder, hits.sum(), misses.sum(), entries,
        folder.map(Tier::bytesUnder).orElse(0L), evictions.sum());
  }

  /**
   * Returns the sizes of the regular files under {@code folder} added up: 0 if it does not
   * exist, -1 if it cannot be read.
   */
  public static long bytesUnder(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.mapToLong(path -> {
        try {
          return Files.isRegularFile(path) ? Files.size(path) : 0L;
        } catch (NoSuchFileException e) {
          return 0L;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (NoSuchFileException e) {
      return 0L;
    } catch (IOException | UncheckedIOException e) {
      return -1L;
    }
  }

  /** A store whose tiers can be listed, top first. */
  public interface Chain {
    /** Returns the figures of each tier, top (heap) first. */
    List<TierStatistics> tierStatistics();

    /** Returns the folder of the chain's first disk tier, if it has one. */
    Optional<Path> folder();
  }
}
