/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.ehcache.config.CacheConfiguration;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.impl.config.persistence.CacheManagerPersistenceConfiguration;
import org.ehcache.jsr107.EhcacheCachingProvider;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The disk subjects that are not twat-cache: Ehcache 3 with a persistent disk tier under its heap
 * tier (through the JCache API), and two raw baselines without JCache, an H2 MVStore map (the disk
 * baseline) and an H2 database over JDBC.
 */
final class DiskHandles {
  /** Entries Ehcache keeps in its heap tier over the disk tier: 1% of the disk workload's keys. */
  static final long EHCACHE_HEAP_ENTRIES = 1_000;
  /** The size of Ehcache's disk tier. */
  static final long EHCACHE_DISK_MIB = 4_096;

  private DiskHandles() {
  }

  /** Ehcache 3, a heap tier over a persistent disk tier in the spec's folder. */
  static <V> Handle<V> ehcacheHeapDisk(Spec<V> spec) {
    Path folder = Folders.of(spec);
    CacheConfiguration<Integer, V> cache =
        Subject.copyingIfByValue(
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                    Integer.class,
                    spec.valueType(),
                    ResourcePoolsBuilder.heap(EHCACHE_HEAP_ENTRIES)
                        .disk(EHCACHE_DISK_MIB, MemoryUnit.MB, /* persistent= */ true)),
                spec)
            .build();
    EhcacheCachingProvider provider =
        (EhcacheCachingProvider) Caching.getCachingProvider(Subject.EHCACHE_PROVIDER);
    // The cache is part of the manager's configuration (the only way to give a JCache manager a
    // persistence folder), so it is looked up rather than created.
    CacheManager manager =
        provider.getCacheManager(
            folder.toUri(),
            ConfigurationBuilder.newConfigurationBuilder()
                .withService(new CacheManagerPersistenceConfiguration(folder.toFile()))
                .withCache(spec.name(), cache)
                .build());
    return new JCacheHandle<>(
        manager,
        manager.getCache(spec.name(), Integer.class, spec.valueType()),
        () -> Folders.deleteIfTemporary(spec, folder));
  }

  /**
   * A raw H2 MVStore map, committed in the background. By value, values other than {@code byte[]}
   * are kept as Java-serialized bytes and deserialized on every get: MVStore's own serialization
   * keeps deserialized objects in its page cache and hands the same instance to every get, which a
   * caller that changes its copy would change for everyone (the by-value trial's check caught
   * that).
   */
  static <V> Handle<V> mvStore(Spec<V> spec) {
    Path folder = Folders.of(spec);
    MVStore store = new MVStore.Builder().fileName(folder.resolve("bench.mv").toString()).open();
    MVMap<Integer, Object> map = store.openMap(spec.name());
    boolean serialized = spec.storeByValue() && spec.valueType() != byte[].class;
    return new Handle<>() {
      @Override
      public V get(Integer key) {
        Object stored = map.get(key);
        return stored == null || !serialized ? spec.valueType().cast(stored)
            : spec.valueType().cast(JavaSerialization.deserialize((byte[]) stored));
      }

      @Override
      public void put(Integer key, V value) {
        map.put(key, serialized ? JavaSerialization.serialize(value) : value);
      }

      @Override
      public void close() {
        store.close();
        Folders.deleteIfTemporary(spec, folder);
      }

      @Override
      public void detach() {
        store.close();
      }
    };
  }

  /**
   * A raw H2 database over JDBC, one connection and two prepared statements per thread, auto-commit
   * on.
   */
  static <V> Handle<V> h2Jdbc(Spec<V> spec) {
    Path folder = Folders.of(spec);
    String url = "jdbc:h2:file:" + folder.resolve("bench").toAbsolutePath();
    List<Connection> connections = new ArrayList<>();
    try (Connection setup = DriverManager.getConnection(url);
        Statement statement = setup.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS entries (k INT PRIMARY KEY, v VARBINARY(1000000))");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not open H2 at " + url, e);
    }
    ThreadLocal<PreparedStatement[]> statements = ThreadLocal.withInitial(() -> {
      try {
        Connection connection = DriverManager.getConnection(url);
        synchronized (connections) {
          connections.add(connection);
        }
        return new PreparedStatement[] {
            connection.prepareStatement("SELECT v FROM entries WHERE k = ?"),
            connection.prepareStatement("MERGE INTO entries (k, v) KEY (k) VALUES (?, ?)")};
      } catch (SQLException e) {
        throw new IllegalStateException("Could not connect to H2 at " + url, e);
      }
    });
    return new Handle<>() {
      @Override
      public V get(Integer key) {
        PreparedStatement select = statements.get()[0];
        try {
          select.setInt(1, key);
          try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? fromBytes(rows.getBytes(1), spec.valueType()) : null;
          }
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void put(Integer key, V value) {
        PreparedStatement merge = statements.get()[1];
        try {
          merge.setInt(1, key);
          merge.setBytes(
              2, value instanceof byte[] bytes ? bytes : JavaSerialization.serialize(value));
          merge.executeUpdate();
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void close() {
        detach();
        Folders.deleteIfTemporary(spec, folder);
      }

      @Override
      public void detach() {
        synchronized (connections) {
          for (Connection connection : connections) {
            try {
              connection.close();
            } catch (SQLException e) {
              throw new IllegalStateException("Could not close H2 at " + url, e);
            }
          }
          connections.clear();
        }
      }
    };
  }

  private static <V> V fromBytes(byte[] bytes, Class<V> type) {
    return type == byte[].class
        ? type.cast(bytes)
        : type.cast(JavaSerialization.deserialize(bytes));
  }
}
