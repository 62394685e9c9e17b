/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.integration;

import java.util.Collection;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * Write-through as the facade calls it: the user's {@link CacheWriter} with its failures turned
 * into {@link CacheWriterException}, or {@link #DISABLED} for a cache that does not write through.
 *
 * <p>Thread-safe if the user's writer is.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class Writer<K, V> {
  @SuppressWarnings("rawtypes")
  private static final Writer DISABLED = new Writer<>(null);

  private final CacheWriter<? super K, ? super V> writer;

  private Writer(CacheWriter<? super K, ? super V> writer) {
    this.writer = writer;
  }

  /** Returns a writer that calls {@code writer}. */
  public static <K, V> Writer<K, V> of(CacheWriter<? super K, ? super V> writer) {
    return new Writer<>(Objects.requireNonNull(writer, "writer"));
  }

  /** Returns the writer of a cache without write-through: every call does nothing. */
  @SuppressWarnings("unchecked")
  public static <K, V> Writer<K, V> disabled() {
    return (Writer<K, V>) DISABLED;
  }

  /** Returns whether this writer writes anywhere. */
  public boolean isEnabled() {
    return writer != null;
  }

  /** Writes one entry through. */
  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    if (writer != null) {
      try {
        writer.write(entry);
      } catch (RuntimeException e) {
        throw wrap(e);
      }
    }
  }

  /**
   * Writes entries through. On failure, {@code entries} holds the entries that were not written,
   * as the {@link CacheWriter#writeAll} contract says.
   */
  @SuppressWarnings("unchecked")
  public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    if (writer != null && !entries.isEmpty()) {
      try {
        // The writer accepts supertypes of K and V, so it accepts these entries too.
        ((CacheWriter<K, V>) writer).writeAll(entries);
      } catch (RuntimeException e) {
        throw wrap(e);
      }
    }
  }

  /** Deletes one key. */
  public void delete(Object key) {
    if (writer != null) {
      try {
        writer.delete(key);
      } catch (RuntimeException e) {
        throw wrap(e);
      }
    }
  }

  /**
   * Deletes keys. On failure, {@code keys} holds the keys that were not deleted, as the
   * {@link CacheWriter#deleteAll} contract says.
   */
  public void deleteAll(Collection<?> keys) {
    if (writer != null && !keys.isEmpty()) {
      try {
        writer.deleteAll(keys);
      } catch (RuntimeException e) {
        throw wrap(e);
      }
    }
  }

  /** Closes the user's writer if it is closeable. */
  public void close() {
    Closeables.closeQuietly(writer);
  }

  private static CacheWriterException wrap(RuntimeException e) {
    return e instanceof CacheWriterException cwe ? cwe
        : new CacheWriterException("The CacheWriter failed: " + e, e);
  }
}
