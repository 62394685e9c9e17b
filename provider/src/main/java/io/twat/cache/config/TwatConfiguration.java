package io.twat.cache.config;

import io.twat.cache.expiry.Ticker;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Objects;
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
  private transient Ticker ticker = Ticker.SYSTEM;

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
      this.ticker = twat.ticker;
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
      throw new IllegalArgumentException("maxEntries must be 0 (unbounded), positive, or INHERIT (-1), was "
          + maxEntries);
    }
    this.maxEntries = maxEntries;
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
        && maxEntries == that.maxEntries && ticker.equals(that.ticker);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + Long.hashCode(maxEntries);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    ticker = Ticker.SYSTEM;
  }
}
