/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A {@link MutableConfiguration} with the settings of twat-cache that JCache has no name for.
 * Settings made here win over the cache manager's URI, properties and system properties.
 *
 * <pre>{@code
 * TwatConfiguration<String, User> config = new TwatConfiguration<String, User>()
 *     .setMaxEntries(10_000);
 * config.setTypes(String.class, User.class);
 * Cache<String, User> users = manager.createCache("users", config);
 * }</pre>
 *
 * <p>Like its superclass, not thread-safe: build it on one thread, then hand it to
 * {@code createCache}, which takes a copy.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class TwatConfiguration<K, V> extends MutableConfiguration<K, V> {
  private static final long serialVersionUID = 1L;

  /** The value of {@link #getMaxEntries()} when the manager's setting applies. */
  public static final long INHERIT = -1L;

  private long maxEntries = INHERIT;
  private long maxBytes = INHERIT;
  private transient Ticker ticker = Ticker.SYSTEM;
  /** Never serialized: key material stays in the JVM that was given it. */
  private transient List<SecretKey> encryptionKeys = List.of();

  /** Creates a configuration with the JCache defaults (store-by-value, untyped, eternal). */
  public TwatConfiguration() {
  }

  /**
   * Copies a configuration; if it is a {@code TwatConfiguration}, its own settings are copied too.
   *
   * @param configuration the configuration to copy
   */
  public TwatConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof TwatConfiguration<K, V> twat) {
      this.maxEntries = twat.maxEntries;
      this.maxBytes = twat.maxBytes;
      this.ticker = twat.ticker;
      this.encryptionKeys = twat.encryptionKeys;
    }
  }

  /** Returns the most entries the cache keeps, 0 for unbounded, or {@link #INHERIT}. */
  public long getMaxEntries() {
    return maxEntries;
  }

  /**
   * Bounds the cache to {@code maxEntries} entries (W-TinyLFU eviction on twat:memory); 0 means
   * unbounded and {@link #INHERIT} takes the manager's {@code maxEntries} setting.
   *
   * @return this configuration
   * @throws IllegalArgumentException if {@code maxEntries} is below {@link #INHERIT}
   */
  public TwatConfiguration<K, V> setMaxEntries(long maxEntries) {
    if (maxEntries < INHERIT) {
      throw new IllegalArgumentException(
          "maxEntries must be 0 (unbounded), positive, or INHERIT (-1), was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    return this;
  }

  /**
   * Returns the most bytes the cache's entries take on disk, 0 for unbounded, or {@link #INHERIT}.
   */
  public long getMaxBytes() {
    return maxBytes;
  }

  /**
   * Bounds the bytes the cache's entry files take on a disk store (least recently used entries are
   * evicted past it); 0 means unbounded and {@link #INHERIT} takes the manager's {@code maxBytes}.
   * Heap stores ignore it.
   *
   * @return this configuration
   * @throws IllegalArgumentException if {@code maxBytes} is below {@link #INHERIT}
   */
  public TwatConfiguration<K, V> setMaxBytes(long maxBytes) {
    if (maxBytes < INHERIT) {
      throw new IllegalArgumentException(
          "maxBytes must be 0 (unbounded), positive, or INHERIT (-1), was " + maxBytes);
    }
    this.maxBytes = maxBytes;
    return this;
  }

  /**
   * Returns the cache's own encryption keys, the current one first; empty when the manager's keys
   * (if any) apply.
   */
  public List<SecretKey> getEncryptionKeys() {
    return encryptionKeys;
  }

  /**
   * Encrypts this cache's entries on a disk store with AES-256-GCM under {@code key}, instead of
   * the manager's keys; {@code previousKeys} only decrypt entries written before a key rotation.
   * The keys are kept out of the configuration's serialized form. Heap stores ignore them.
   *
   * @param key a 256-bit AES key, e.g. from {@code KeyGenerator.getInstance("AES")} initialised to
   *     256
   * @param previousKeys keys that encrypted earlier entries
   * @return this configuration
   */
  public TwatConfiguration<K, V> setEncryptionKey(SecretKey key, SecretKey... previousKeys) {
    Objects.requireNonNull(key, "key");
    SecretKey[] all = new SecretKey[previousKeys.length + 1];
    all[0] = key;
    System.arraycopy(previousKeys, 0, all, 1, previousKeys.length);
    this.encryptionKeys = List.copyOf(Arrays.asList(all));
    return this;
  }

  /** Returns the clock the cache reads to decide expiry. */
  public Ticker getTicker() {
    return ticker;
  }

  /**
   * Sets the clock the cache reads to decide expiry; tests use it to move time without sleeping.
   *
   * @return this configuration
   */
  public TwatConfiguration<K, V> setTicker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return this;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TwatConfiguration<?, ?> that && super.equals(other)
        && maxEntries == that.maxEntries && maxBytes == that.maxBytes && ticker.equals(that.ticker)
        && encryptionKeys.equals(that.encryptionKeys);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Long.hashCode(maxEntries);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    ticker = Ticker.SYSTEM;
    encryptionKeys = List.of();
  }
}
