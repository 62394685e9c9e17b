/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import javax.cache.configuration.MutableConfiguration;
import org.cache2k.Cache2kBuilder;
import org.cache2k.jcache.ExtendedMutableConfiguration;
import org.cache2k.jcache.JCacheConfig;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.impl.config.copy.DefaultCopierConfiguration;
import org.ehcache.impl.copy.SerializingCopier;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * Everything the suite measures side by side. JMH runs every constant in the heap workloads
 * ({@code @Param} without values), so a store joins them by one constant here; the disk workloads
 * ({@link DiskBenchmark}, {@link OpenBenchmark}) list the subjects that keep data on disk.
 *
 * <p>Every cache subject goes through the JCache API; each names its provider class, because
 * several providers share this class path.
 */
public enum Subject {
  // ---- twat-cache: one constant per store URI (twat:db, twat:file, twat:universal join here)
  /** twat:memory bounded by the manager URI; Caffeine W-TinyLFU underneath. */
  TWAT_MEMORY_BOUNDED(
      "twat:memory bounded", twat(spec -> "twat:memory?maxEntries=" + spec.bound())),
  /** twat:memory unbounded. */
  TWAT_MEMORY_UNBOUNDED("twat:memory unbounded", twat(spec -> "twat:memory")),
  /** twat:file: one file per entry, in the spec's folder. */
  TWAT_FILE("twat:file", twatOnDisk("file", spec -> "")),
  /** twat:db: the embedded H2 database in the spec's folder, durability=process (kill -9 safe). */
  TWAT_DB("twat:db", twatOnDisk("db", spec -> spec.filling() ? "&durability=relaxed" : "")),
  /**
   * twat:universal with its default chain (heap tier over the file store); the heap tier holds
   * as many entries as a bounded heap subject (the whole heap workload), and its default 10,000
   * entries in the disk workloads.
   */
  TWAT_UNIVERSAL("twat:universal", twatOnDisk("universal",
      spec -> spec.folder() == null ? "&heapEntries=" + spec.bound() : "")),

  // ---- other JCache providers
  /** Caffeine's jcache module, bounded through its CaffeineConfiguration. */
  CAFFEINE_JCACHE_BOUNDED("Caffeine jcache bounded", Subject::caffeineJCacheBounded),
  /** Caffeine's jcache module, unbounded. */
  CAFFEINE_JCACHE_UNBOUNDED("Caffeine jcache unbounded", Subject::caffeineJCacheUnbounded),
  /** Ehcache 3, heap tier only, bounded in entries. */
  EHCACHE_HEAP("Ehcache 3 heap", Subject::ehcacheHeap),
  /** cache2k's JCache, its capacity raised from the default 1802 entries to the bound. */
  CACHE2K("cache2k jcache", Subject::cache2k),
  /** Ehcache 3, a heap tier of 1,000 entries over a persistent disk tier. */
  EHCACHE_HEAP_DISK("Ehcache 3 heap+disk", DiskHandles::ehcacheHeapDisk),

  // ---- raw baselines, no JCache
  /** Caffeine's own API, bounded: the heap baseline. */
  RAW_CAFFEINE_BOUNDED("raw Caffeine bounded", Subject::rawCaffeineBounded),
  /** A ConcurrentHashMap: the ceiling of an unbounded map. */
  CONCURRENT_HASH_MAP("ConcurrentHashMap", Subject::concurrentHashMap),
  /** A raw H2 MVStore map on disk: the disk baseline. */
  RAW_MVSTORE("raw H2 MVStore", DiskHandles::mvStore),
  /** A raw H2 database over JDBC, auto-commit. */
  RAW_H2_JDBC("raw H2 over JDBC", DiskHandles::h2Jdbc);

  /** The subject every heap ratio is taken against. */
  public static final Subject HEAP_BASELINE = RAW_CAFFEINE_BOUNDED;
  /** The subject every disk ratio is taken against. */
  public static final Subject DISK_BASELINE = RAW_MVSTORE;

  static final String TWAT_PROVIDER = "io.twat.cache.spi.TwatCachingProvider";
  static final String CAFFEINE_PROVIDER =
      "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
  static final String EHCACHE_PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";
  static final String CACHE2K_PROVIDER = "org.cache2k.jcache.provider.JCacheProvider";

  private final String label;
  @SuppressWarnings("ImmutableEnumChecker") // openers are stateless lambdas
  private final Opener opener;

  Subject(String label, Opener opener) {
    this.label = label;
    this.opener = opener;
  }

  /** Returns the name shown in tables and charts. */
  public String label() {
    return label;
  }

  /** Opens a new, empty cache of this subject as {@code spec} says. */
  public <V> Handle<V> open(Spec<V> spec) {
    return opener.open(spec);
  }

  /** Creates a subject's cache. */
  @FunctionalInterface
  private interface Opener {
    <V> Handle<V> open(Spec<V> spec);
  }

  private static Opener twat(Function<Spec<?>, String> uri) {
    return new Opener() {
      @Override
      public <V> Handle<V> open(Spec<V> spec) {
        return JCacheHandle.open(TWAT_PROVIDER, uri.apply(spec), spec.name(), jcacheDefaults(
            new MutableConfiguration<>(), spec));
      }
    };
  }

  /**
   * A twat-cache disk store of {@code kind} whose manager keeps its data in the spec's folder, with
   * the query settings {@code settings} gives (starting with {@code &}, or empty).
   */
  private static Opener twatOnDisk(String kind, Function<Spec<?>, String> settings) {
    return new Opener() {
      @Override
      public <V> Handle<V> open(Spec<V> spec) {
        Path folder = Folders.of(spec);
        // Always store-by-value: a disk store keeps a store-by-reference cache on the heap, and
        // would then measure a heap store. The heap workloads' String values are not copied.
        return JCacheHandle.open(TWAT_PROVIDER, "twat:" + kind + "?dir=" + folder.toAbsolutePath()
            + settings.apply(spec), spec.name(),
            jcacheDefaults(new MutableConfiguration<>(), spec).setStoreByValue(true),
            () -> Folders.deleteIfTemporary(spec, folder));
      }
    };
  }

  private static <V> MutableConfiguration<Integer, V> jcacheDefaults(
      MutableConfiguration<Integer, V> config, Spec<V> spec) {
    return config.setTypes(Integer.class, spec.valueType()).setStoreByValue(spec.storeByValue());
  }

  private static <V> Handle<V> caffeineJCacheBounded(Spec<V> spec) {
    CaffeineConfiguration<Integer, V> config = caffeineConfiguration(spec);
    config.setMaximumSize(OptionalLong.of(spec.bound()));
    return JCacheHandle.open(CAFFEINE_PROVIDER, null, spec.name(), config);
  }

  private static <V> Handle<V> caffeineJCacheUnbounded(Spec<V> spec) {
    return JCacheHandle.open(CAFFEINE_PROVIDER, null, spec.name(), caffeineConfiguration(spec));
  }

  private static <V> CaffeineConfiguration<Integer, V> caffeineConfiguration(Spec<V> spec) {
    CaffeineConfiguration<Integer, V> config = new CaffeineConfiguration<>();
    config.setTypes(Integer.class, spec.valueType());
    config.setStoreByValue(spec.storeByValue());
    return config;
  }

  private static <V> Handle<V> ehcacheHeap(Spec<V> spec) {
    CacheConfigurationBuilder<Integer, V> builder =
        CacheConfigurationBuilder.newCacheConfigurationBuilder(
            Integer.class, spec.valueType(), ResourcePoolsBuilder.heap(spec.bound()));
    return JCacheHandle.open(EHCACHE_PROVIDER, null, spec.name(),
        Eh107Configuration.fromEhcacheCacheConfiguration(copyingIfByValue(builder, spec).build()));
  }

  /**
   * Returns {@code builder} with the copiers Ehcache's JCache layer itself configures for
   * store-by-value when the spec asks for it: a cache configured through Ehcache's own API keeps
   * its heap tier by reference otherwise, even over a disk tier.
   */
  static <V> CacheConfigurationBuilder<Integer, V> copyingIfByValue(
      CacheConfigurationBuilder<Integer, V> builder, Spec<V> spec) {
    if (!spec.storeByValue()) {
      return builder;
    }
    return builder
        .withService(new DefaultCopierConfiguration<>(SerializingCopier.<Integer>asCopierClass(),
            DefaultCopierConfiguration.Type.KEY))
        .withService(new DefaultCopierConfiguration<>(SerializingCopier.<V>asCopierClass(),
            DefaultCopierConfiguration.Type.VALUE));
  }

  private static <V> Handle<V> cache2k(Spec<V> spec) {
    // Without entryCapacity, cache2k keeps 1802 entries and the workload would measure misses.
    // Given a cache2k configuration, cache2k-jcache ignores setStoreByValue(true) unless its JCache
    // section says copyAlwaysIfRequested (the by-value trial's tear-down check caught that).
    ExtendedMutableConfiguration<Integer, V> config = ExtendedMutableConfiguration.of(
        Cache2kBuilder.of(Integer.class, spec.valueType())
            .entryCapacity(spec.bound())
            .with(JCacheConfig.class, jcache -> jcache.copyAlwaysIfRequested(spec.storeByValue())));
    return JCacheHandle.open(CACHE2K_PROVIDER, null, spec.name(), jcacheDefaults(config, spec));
  }

  private static <V> Handle<V> rawCaffeineBounded(Spec<V> spec) {
    com.github.benmanes.caffeine.cache.Cache<Integer, Object> cache =
        Caffeine.newBuilder().maximumSize(spec.bound()).build();
    return raw(cache.asMap(), spec);
  }

  private static <V> Handle<V> concurrentHashMap(Spec<V> spec) {
    return raw(new ConcurrentHashMap<>(), spec);
  }

  private static <V> Handle<V> raw(ConcurrentMap<Integer, Object> map, Spec<V> spec) {
    return spec.storeByValue()
        ? new RawByValue<>(map, spec.valueType())
        : new RawByReference<>(map);
  }

  /** A raw map holding values as they are. */
  private static final class RawByReference<V> implements Handle<V> {
    private final ConcurrentMap<Integer, Object> map;

    RawByReference(ConcurrentMap<Integer, Object> map) {
      this.map = map;
    }

    @Override
    @SuppressWarnings("unchecked") // as a user of the raw map would: no check at run time
    public V get(Integer key) {
      return (V) map.get(key);
    }

    @Override
    public void put(Integer key, V value) {
      map.put(key, value);
    }

    @Override
    public void close() {
      map.clear();
    }
  }

  /**
   * A raw map holding serialized values: one serialization per put, one deserialization per get.
   */
  private static final class RawByValue<V> implements Handle<V> {
    private final ConcurrentMap<Integer, Object> map;
    private final Class<V> type;

    RawByValue(ConcurrentMap<Integer, Object> map, Class<V> type) {
      this.map = map;
      this.type = type;
    }

    @Override
    public V get(Integer key) {
      Object bytes = map.get(key);
      return bytes == null ? null : type.cast(JavaSerialization.deserialize((byte[]) bytes));
    }

    @Override
    public void put(Integer key, V value) {
      map.put(key, JavaSerialization.serialize(value));
    }

    @Override
    public void close() {
      map.clear();
    }
  }
}
