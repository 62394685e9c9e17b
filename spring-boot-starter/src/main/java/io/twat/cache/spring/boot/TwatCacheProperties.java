/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code twat.cache.*} properties of an application: the store, the manager's settings of the
 * README's configuration reference (written in any of Boot's relaxed forms: {@code
 * twat.cache.max-entries}, {@code twat.cache.maxEntries}, {@code TWAT_CACHE_MAXENTRIES}) and the
 * caches to create with their own bounds and expiry.
 *
 * <p>The manager settings are passed on by name: each property of the manager that is set becomes
 * the query setting of the same name in the manager's URI ({@code twat:<store>?key=value&...};
 * the secrets {@code user}, {@code password} and {@code keyStorePassword} go in the {@code
 * Properties} instead), so the provider checks them and a bad value fails with its message. A
 * setting without a property here can still be given as {@code twat.cache.settings.<key>}.
 * Mutable, for binding only: not thread-safe.
 */
@ConfigurationProperties("twat.cache")
public class TwatCacheProperties {
  /** The kinds of store, as in the URIs twat:memory, twat:db, twat:file and twat:universal. */
  public enum Store {
    /** Caffeine (or the built-in store) on the heap. */
    MEMORY,
    /** A database: embedded H2 in {@code dir}, or the JDBC {@code url}. */
    DB,
    /** One file per entry under {@code dir}. */
    FILE,
    /** A heap tier over the disk (db and/or file, see {@code tiers}). */
    UNIVERSAL
  }

  /** Whether to auto-configure twat-cache's CacheManager. */
  private boolean enabled = true;

  /** The store of every cache of the manager. */
  private Store store = Store.MEMORY;

  /** Whether caches count their statistics (needed for the cache.gets and similar meters). */
  private boolean statistics = true;

  /** Bounds every cache to this many entries; 0 is unbounded. */
  private Long maxEntries;

  /**
   * The manager's folder (absolute); default: the disk root + /file, /db or /universal. Ignored
   * by the memory store.
   */
  private Path dir;

  /** Whether every write is forced to the device before it returns (file, universal). */
  private Boolean fsync;

  /** none or deflate: compress values of 4 KiB and more (file, universal). */
  private String compress;

  /** Classes a disk store may deserialize besides the JDK's value types (pkg.* and pkg.**). */
  private List<String> allow;

  /** The eviction order: tinylfu, lru or fifo (memory, universal). */
  private String policy;

  /** The JDBC URL of the database, without a password (db, universal). */
  private String url;

  /** The database user (db, universal). */
  private String user;

  /** The database password (db, universal). */
  private String password;

  /** process, fsync or relaxed: what a returned write survives (embedded H2). */
  private String durability;

  /** The chain of twat:universal, top first: memory,file, memory,db,file, file, db,file or db. */
  private List<String> tiers;

  /** With tiers db,file: values smaller than this go to the db store, larger to the file store. */
  private DataSize threshold;

  /** The bound of each cache's heap tier (universal). */
  private Long heapEntries;

  /** How long, in milliseconds, a heap-tier copy answers a get before the disk is read again. */
  private Long maxStaleMillis;

  /** Bounds the bytes of each cache on disk; 0 is unbounded. */
  private DataSize maxBytes;

  /** A file only its owner can read holding the AES-256 key(s) that encrypt entries at rest. */
  private Path keyFile;

  /** A PKCS12 KeyStore holding the AES-256 secret keys named by key-alias. */
  private Path keyStore;

  /** The key-store entries to use: the first encrypts, the others only decrypt. */
  private List<String> keyAlias;

  /** The key-store password. */
  private String keyStorePassword;

  /** Further settings of the configuration reference, by their URI query key. */
  private Map<String, String> settings = new LinkedHashMap<>();

  /** The caches to create at startup, by name, with their own bounds and expiry. */
  private Map<String, CacheProperties> caches = new LinkedHashMap<>();

  /** One cache's own settings; unset ones follow the manager's. */
  public static class CacheProperties {
    /** Entries expire this long after they were created or last updated. */
    private Duration expireAfterWrite;

    /** Entries expire this long after they were created, read or updated. */
    private Duration expireAfterAccess;

    /** Entries expire this long after they were created. */
    private Duration expireAfterCreate;

    /** Bounds this cache to this many entries; 0 is unbounded. */
    private Long maxEntries;

    /** Bounds this cache's bytes on disk; 0 is unbounded. */
    private DataSize maxBytes;

    /** Whether the cache counts statistics; default: twat.cache.statistics. */
    private Boolean statistics;

    /** Whether keys and values are copied (store-by-value, the JCache default). */
    private boolean storeByValue = true;

    public Duration getExpireAfterWrite() {
      return expireAfterWrite;
    }

    public void setExpireAfterWrite(Duration expireAfterWrite) {
      this.expireAfterWrite = expireAfterWrite;
    }

    public Duration getExpireAfterAccess() {
      return expireAfterAccess;
    }

    public void setExpireAfterAccess(Duration expireAfterAccess) {
      this.expireAfterAccess = expireAfterAccess;
    }

    public Duration getExpireAfterCreate() {
      return expireAfterCreate;
    }

    public void setExpireAfterCreate(Duration expireAfterCreate) {
      this.expireAfterCreate = expireAfterCreate;
    }

    public Long getMaxEntries() {
      return maxEntries;
    }

    public void setMaxEntries(Long maxEntries) {
      this.maxEntries = maxEntries;
    }

    public DataSize getMaxBytes() {
      return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
      this.maxBytes = maxBytes;
    }

    public Boolean getStatistics() {
      return statistics;
    }

    public void setStatistics(Boolean statistics) {
      this.statistics = statistics;
    }

    public boolean isStoreByValue() {
      return storeByValue;
    }

    public void setStoreByValue(boolean storeByValue) {
      this.storeByValue = storeByValue;
    }
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Store getStore() {
    return store;
  }

  public void setStore(Store store) {
    this.store = store;
  }

  public boolean isStatistics() {
    return statistics;
  }

  public void setStatistics(boolean statistics) {
    this.statistics = statistics;
  }

  public Long getMaxEntries() {
    return maxEntries;
  }

  public void setMaxEntries(Long maxEntries) {
    this.maxEntries = maxEntries;
  }

  public Path getDir() {
    return dir;
  }

  public void setDir(Path dir) {
    this.dir = dir;
  }

  public Boolean getFsync() {
    return fsync;
  }

  public void setFsync(Boolean fsync) {
    this.fsync = fsync;
  }

  public String getCompress() {
    return compress;
  }

  public void setCompress(String compress) {
    this.compress = compress;
  }

  public List<String> getAllow() {
    return allow;
  }

  public void setAllow(List<String> allow) {
    this.allow = allow;
  }

  public String getPolicy() {
    return policy;
  }

  public void setPolicy(String policy) {
    this.policy = policy;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getDurability() {
    return durability;
  }

  public void setDurability(String durability) {
    this.durability = durability;
  }

  public List<String> getTiers() {
    return tiers;
  }

  public void setTiers(List<String> tiers) {
    this.tiers = tiers;
  }

  public DataSize getThreshold() {
    return threshold;
  }

  public void setThreshold(DataSize threshold) {
    this.threshold = threshold;
  }

  public Long getHeapEntries() {
    return heapEntries;
  }

  public void setHeapEntries(Long heapEntries) {
    this.heapEntries = heapEntries;
  }

  public Long getMaxStaleMillis() {
    return maxStaleMillis;
  }

  public void setMaxStaleMillis(Long maxStaleMillis) {
    this.maxStaleMillis = maxStaleMillis;
  }

  public DataSize getMaxBytes() {
    return maxBytes;
  }

  public void setMaxBytes(DataSize maxBytes) {
    this.maxBytes = maxBytes;
  }

  public Path getKeyFile() {
    return keyFile;
  }

  public void setKeyFile(Path keyFile) {
    this.keyFile = keyFile;
  }

  public Path getKeyStore() {
    return keyStore;
  }

  public void setKeyStore(Path keyStore) {
    this.keyStore = keyStore;
  }

  public List<String> getKeyAlias() {
    return keyAlias;
  }

  public void setKeyAlias(List<String> keyAlias) {
    this.keyAlias = keyAlias;
  }

  public String getKeyStorePassword() {
    return keyStorePassword;
  }

  public void setKeyStorePassword(String keyStorePassword) {
    this.keyStorePassword = keyStorePassword;
  }

  public Map<String, String> getSettings() {
    return settings;
  }

  public void setSettings(Map<String, String> settings) {
    this.settings = settings;
  }

  public Map<String, CacheProperties> getCaches() {
    return caches;
  }

  public void setCaches(Map<String, CacheProperties> caches) {
    this.caches = caches;
  }
}
