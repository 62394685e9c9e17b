/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.TwatConfiguration;
import io.twat.cache.internal.assembly.FileStoreFactory;
import io.twat.cache.internal.management.MBeans;
import io.twat.cache.testing.EmbeddedDatabases;
import io.twat.cache.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A cache on a disk store, reopened by {@code getCache} in a new manager (as a new JVM would),
 * has the configuration it was created with: expiry policy, statistics, management (with its
 * MXBeans), store-by-value, types and bounds. What cannot be recorded (code, keys) is said in the
 * log or refused; records of the earlier format, and damaged or planted ones, still open.
 */
class ReopenedConfigurationTest {
  private static final String KINDS = "kinds";

  @TempDir
  Path folder;

  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = LogCapture.of("io.twat.cache");
  }

  @AfterEach
  void stopCapturingAndShutDown() {
    log.close();
    EmbeddedDatabases.shutDown(folder);
  }

  static Stream<String> kinds() {
    return Stream.of("twat:file", "twat:db", "twat:universal",
        "twat:universal?tiers=memory,db,file", "twat:universal?tiers=db");
  }

  private URI uri(String kind) {
    return URI.create(kind + (kind.contains("?") ? "&" : "?") + "dir=" + folder);
  }

  /** Runs {@code work} with a manager of a fresh provider, as a new JVM would, then closes it. */
  private void inNewProvider(String kind, Consumer<CacheManager> work) {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      work.accept(provider.getCacheManager(uri(kind), null));
    } finally {
      provider.close();
    }
  }

  private static TwatConfiguration<String, Long> stringsToLongs() {
    TwatConfiguration<String, Long> configuration = new TwatConfiguration<>();
    configuration.setTypes(String.class, Long.class);
    return configuration;
  }

  @SuppressWarnings("unchecked")
  private static CompleteConfiguration<?, ?> configurationOf(Cache<?, ?> cache) {
    return cache.getConfiguration(CompleteConfiguration.class);
  }

  @SuppressWarnings("unchecked")
  private static TwatConfiguration<?, ?> twatConfigurationOf(Cache<?, ?> cache) {
    return cache.getConfiguration(TwatConfiguration.class);
  }

  private static boolean registered(CacheManager manager, MBeans.Type type, String cacheName) {
    return ManagementFactory.getPlatformMBeanServer().isRegistered(
        MBeans.objectName(type, manager.getURI().toString(), cacheName));
  }

  @ParameterizedTest
  @MethodSource(KINDS)
  void getCache_ofACacheCreatedWithExpiryStatisticsAndManagement_hasThemAll(String kind) {
    inNewProvider(kind, manager -> {
      TwatConfiguration<String, Long> configuration = stringsToLongs();
      configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
          new Duration(TimeUnit.MINUTES, 5)));
      configuration.setStatisticsEnabled(true).setManagementEnabled(true);
      manager.createCache("counts", configuration).put("a", 1L);
    });

    inNewProvider(kind, manager -> {
      Cache<String, Long> counts = manager.getCache("counts", String.class, Long.class);
      assertNotNull(counts);
      CompleteConfiguration<?, ?> reopened = configurationOf(counts);
      ExpiryPolicy policy = reopened.getExpiryPolicyFactory().create();
      assertInstanceOf(CreatedExpiryPolicy.class, policy);
      assertEquals(new Duration(TimeUnit.MINUTES, 5), policy.getExpiryForCreation());
      assertTrue(reopened.isStatisticsEnabled());
      assertTrue(reopened.isManagementEnabled());
      assertTrue(reopened.isStoreByValue());
      assertEquals(String.class, reopened.getKeyType());
      assertEquals(Long.class, reopened.getValueType());
      assertTrue(registered(manager, MBeans.Type.CacheConfiguration, "counts"));
      assertTrue(registered(manager, MBeans.Type.CacheStatistics, "counts"));
      assertEquals(1L, counts.get("a"));
    });
    assertEquals(List.of(), log.warnings());
  }

  @ParameterizedTest
  @MethodSource(KINDS)
  void getCache_ofACacheWithAClassFactoryPolicy_makesItFromTheClass(String kind) {
    inNewProvider(kind, manager -> {
      TwatConfiguration<String, Long> configuration = stringsToLongs();
      configuration.setExpiryPolicyFactory(FactoryBuilder.factoryOf(TenMinutesAfterWrite.class));
      configuration.setStatisticsEnabled(true).setManagementEnabled(true);
      manager.createCache("custom", configuration);
    });

    inNewProvider(kind, manager -> {
      CompleteConfiguration<?, ?> reopened =
          configurationOf(manager.getCache("custom", String.class, Long.class));
      assertEquals(FactoryBuilder.factoryOf(TenMinutesAfterWrite.class),
          reopened.getExpiryPolicyFactory());
      assertInstanceOf(TenMinutesAfterWrite.class, reopened.getExpiryPolicyFactory().create());
      assertTrue(reopened.isStatisticsEnabled());
      assertTrue(reopened.isManagementEnabled());
    });
    assertEquals(List.of(), log.warnings());
  }

  static Stream<Arguments> policies() {
    Duration minute = new Duration(TimeUnit.MINUTES, 1);
    Duration millis = new Duration(TimeUnit.MILLISECONDS, 1500);
    return Stream.of(
        Arguments.of(AccessedExpiryPolicy.factoryOf(minute), new AccessedExpiryPolicy(minute)),
        Arguments.of(ModifiedExpiryPolicy.factoryOf(millis), new ModifiedExpiryPolicy(millis)),
        Arguments.of(TouchedExpiryPolicy.factoryOf(Duration.ONE_DAY),
            new TouchedExpiryPolicy(Duration.ONE_DAY)),
        Arguments.of(CreatedExpiryPolicy.factoryOf(Duration.ZERO),
            new CreatedExpiryPolicy(Duration.ZERO)),
        Arguments.of(CreatedExpiryPolicy.factoryOf(Duration.ETERNAL),
            new CreatedExpiryPolicy(Duration.ETERNAL)),
        Arguments.of(new FactoryBuilder.SingletonFactory<ExpiryPolicy>(
            new ModifiedExpiryPolicy(new Duration(TimeUnit.DAYS, 3))),
            new ModifiedExpiryPolicy(new Duration(TimeUnit.DAYS, 3))),
        Arguments.of(EternalExpiryPolicy.factoryOf(), new EternalExpiryPolicy()),
        Arguments.of(FactoryBuilder.factoryOf(EternalExpiryPolicy.class),
            new EternalExpiryPolicy()));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void getCache_ofACacheWithAJCachePolicy_hasThatPolicyWithItsDuration(
      javax.cache.configuration.Factory<ExpiryPolicy> factory, ExpiryPolicy expected) {
    inNewProvider("twat:file", manager -> {
      TwatConfiguration<String, Long> configuration = stringsToLongs();
      configuration.setExpiryPolicyFactory(factory);
      manager.createCache("policy", configuration);
    });

    inNewProvider("twat:file", manager -> assertEquals(expected,
        configurationOf(manager.getCache("policy")).getExpiryPolicyFactory().create()));
    assertEquals(List.of(), log.warnings());
  }

  @ParameterizedTest
  @MethodSource(KINDS)
  void getCache_ofACacheWithBoundsOfItsOwn_hasThem_andInheritsTheOthers(String kind) {
    inNewProvider(kind, manager -> {
      TwatConfiguration<String, Long> bounded = stringsToLongs().setMaxEntries(100)
          .setMaxBytes(1_000_000);
      manager.createCache("bounded", bounded);
      manager.createCache("inheriting", stringsToLongs());
    });

    inNewProvider(kind, manager -> {
      TwatConfiguration<?, ?> bounded = twatConfigurationOf(manager.getCache("bounded"));
      assertEquals(100, bounded.getMaxEntries());
      assertEquals(1_000_000, bounded.getMaxBytes());
      TwatConfiguration<?, ?> inheriting = twatConfigurationOf(manager.getCache("inheriting"));
      assertEquals(TwatConfiguration.INHERIT, inheriting.getMaxEntries());
      assertEquals(TwatConfiguration.INHERIT, inheriting.getMaxBytes());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"lambda", "singleton of its own"})
  void getCache_ofACacheWhosePolicyCouldNotBeRecorded_isEternal_andSaysSo(String how) {
    javax.cache.configuration.Factory<ExpiryPolicy> factory = how.equals("lambda")
        ? () -> new CreatedExpiryPolicy(Duration.ONE_HOUR)
        : new FactoryBuilder.SingletonFactory<ExpiryPolicy>(new TenMinutesAfterWrite());
    inNewProvider("twat:db", manager -> {
      TwatConfiguration<String, Long> configuration = stringsToLongs();
      configuration.setExpiryPolicyFactory(factory);
      configuration.setStatisticsEnabled(true);
      manager.createCache("unrecorded", configuration);
    });
    assertEquals(List.of(), log.warnings(), "creating it warns of nothing");

    inNewProvider("twat:db", manager -> {
      CompleteConfiguration<?, ?> reopened = configurationOf(manager.getCache("unrecorded"));
      assertInstanceOf(EternalExpiryPolicy.class, reopened.getExpiryPolicyFactory().create());
      assertTrue(reopened.isStatisticsEnabled(), "the rest of the record is used");
    });
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("\"unrecorded\"") && warnings.get(0).contains(
        "expiry policy could not be recorded"), warnings.get(0));
  }

  @Test
  void runtimeSwitches_areNotRecorded_theCreatedConfigurationIs() {
    inNewProvider("twat:file", manager -> {
      manager.createCache("switched", stringsToLongs());
      manager.enableStatistics("switched", true);
      manager.enableManagement("switched", true);
    });

    inNewProvider("twat:file", manager -> {
      CompleteConfiguration<?, ?> reopened = configurationOf(manager.getCache("switched"));
      assertFalse(reopened.isStatisticsEnabled());
      assertFalse(reopened.isManagementEnabled());
      assertFalse(registered(manager, MBeans.Type.CacheConfiguration, "switched"));
    });
  }

  @ParameterizedTest
  @MethodSource(KINDS)
  void createCache_again_recordsTheLatestConfiguration(String kind) {
    inNewProvider(kind, manager -> {
      TwatConfiguration<String, Long> first = stringsToLongs();
      first.setStatisticsEnabled(true);
      first.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR));
      manager.createCache("changing", first).put("kept", 1L);
    });
    inNewProvider(kind, manager -> {
      TwatConfiguration<String, Long> second = stringsToLongs();
      second.setManagementEnabled(true);
      manager.createCache("changing", second);
    });

    inNewProvider(kind, manager -> {
      Cache<String, Long> reopened = manager.getCache("changing", String.class, Long.class);
      CompleteConfiguration<?, ?> configuration = configurationOf(reopened);
      assertFalse(configuration.isStatisticsEnabled());
      assertTrue(configuration.isManagementEnabled());
      assertInstanceOf(EternalExpiryPolicy.class,
          configuration.getExpiryPolicyFactory().create());
      assertEquals(1L, reopened.get("kept"));
    });
  }

  @ParameterizedTest
  @MethodSource(KINDS)
  void getCache_ofACacheWithALoaderAndListeners_reopensWithout_andSaysSo(String kind) {
    inNewProvider(kind, manager -> {
      TwatConfiguration<String, Long> configuration = stringsToLongs();
      configuration.setCacheLoaderFactory(() -> new javax.cache.integration.CacheLoader<>() {
        @Override
        public Long load(String key) {
          return 42L;
        }

        @Override
        public java.util.Map<String, Long> loadAll(Iterable<? extends String> keys) {
          return java.util.Map.of();
        }
      });
      configuration.setReadThrough(true);
      configuration.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
          () -> (CacheEntryCreatedListener<String, Long>) events -> { }, null, false, true));
      manager.createCache("coded", configuration);
    });

    inNewProvider(kind, manager -> {
      Cache<String, Long> reopened = manager.getCache("coded", String.class, Long.class);
      CompleteConfiguration<?, ?> configuration = configurationOf(reopened);
      assertNull(configuration.getCacheLoaderFactory());
      assertFalse(configuration.isReadThrough());
      assertFalse(configuration.getCacheEntryListenerConfigurations().iterator().hasNext());
      assertNull(reopened.get("absent"));
    });
    assertTrue(log.messages(Level.INFO).stream().anyMatch(message -> message.contains("\"coded\"")
        && message.contains("loader, listeners, which are code and not recorded")),
        () -> log.messages(Level.INFO).toString());
  }

  @ParameterizedTest
  @MethodSource(KINDS)
  void getCache_ofACacheWithKeysOfItsOwn_failsSayingToCreateItWithThem(String kind)
      throws Exception {
    KeyGenerator generator = KeyGenerator.getInstance("AES");
    generator.init(256);
    SecretKey key = generator.generateKey();
    inNewProvider(kind, manager -> manager.createCache("secret",
        stringsToLongs().setEncryptionKey(key)).put("a", 1L));

    inNewProvider(kind, manager -> {
      CacheException e = assertThrows(CacheException.class, () -> manager.getCache("secret"));
      assertTrue(e.getMessage().contains("encryption keys of its own")
          && e.getMessage().contains("setEncryptionKey"), e.getMessage());
      Cache<String, Long> withKeys = manager.createCache("secret",
          stringsToLongs().setEncryptionKey(key));
      assertEquals(1L, withKeys.get("a"), "the data is intact");
    });
  }

  @ParameterizedTest
  @MethodSource(KINDS)
  void getCache_ofAStoreByReferenceCache_findsNothing_asItsEntriesStayedOnTheHeap(String kind) {
    inNewProvider(kind, manager -> {
      TwatConfiguration<String, Long> configuration = stringsToLongs();
      configuration.setStoreByValue(false);
      manager.createCache("heap-only", configuration).put("a", 1L);
    });
    assertTrue(log.warnings().stream().allMatch(warning -> warning.contains("store-by-reference")),
        () -> log.warnings().toString());

    inNewProvider(kind, manager -> assertNull(manager.getCache("heap-only")));
  }

  @Test
  void aConfigurationFile_appliesOnReopen_whereTheRecordLeavesTheSettingOpen() throws Exception {
    Path data = folder.resolve("data");
    Path file = folder.resolve("caches.properties");
    Files.write(file, List.of("twat.cache.store=file", "twat.cache.dir=" + data,
        "twat.cache.caches.plain.expireAfterWrite=PT10M",
        "twat.cache.caches.timed.expireAfterWrite=PT10M"));
    TwatConfiguration<String, Long> timed = stringsToLongs();
    timed.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.FIVE_MINUTES));
    TwatCachingProvider creating = new TwatCachingProvider();
    try {
      CacheManager manager = creating.getCacheManager(file.toUri(), null);
      manager.createCache("plain", stringsToLongs());
      manager.createCache("timed", timed);
    } finally {
      creating.close();
    }

    TwatCachingProvider reopening = new TwatCachingProvider();
    try {
      CacheManager withFile = reopening.getCacheManager(file.toUri(), null);
      assertEquals(new ModifiedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, 600_000)),
          configurationOf(withFile.getCache("plain")).getExpiryPolicyFactory().create(),
          "the record holds what the application gave, eternal, which the file fills in");
      assertEquals(new CreatedExpiryPolicy(Duration.FIVE_MINUTES),
          configurationOf(withFile.getCache("timed")).getExpiryPolicyFactory().create(),
          "the recorded policy wins over the file, as the created one did");
      CacheManager withoutFile = reopening.getCacheManager(URI.create("twat:file?dir=" + data),
          null);
      assertInstanceOf(EternalExpiryPolicy.class,
          configurationOf(withoutFile.getCache("plain")).getExpiryPolicyFactory().create());
    } finally {
      reopening.close();
    }
  }

  // ---------------------------------------------------------------- records on disk

  /** The cache record of a twat:file cache, as files of every version so far name it. */
  private Path cacheInfo(String cacheName) {
    return folder.resolve(FileStoreFactory.folderName(cacheName)).resolve(".cache-info");
  }

  @Test
  void aFileRecordOfTheEarlierFormat_opensEternal_withTheDefaults_andSaysSo() throws Exception {
    inNewProvider("twat:file", manager -> {
      TwatConfiguration<String, Long> configuration = stringsToLongs();
      configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR));
      configuration.setStatisticsEnabled(true);
      manager.createCache("old", configuration).put("a", 1L);
    });
    // the record exactly as the version before configurations were recorded wrote it
    Files.writeString(cacheInfo("old"), """
        # twat-cache: the cache whose entries this folder holds
        format=1
        cache=old
        keyType=java.lang.String
        valueType=java.lang.Long
        """,
        StandardCharsets.UTF_8);

    inNewProvider("twat:file", manager -> {
      Cache<String, Long> old = manager.getCache("old", String.class, Long.class);
      CompleteConfiguration<?, ?> configuration = configurationOf(old);
      assertInstanceOf(EternalExpiryPolicy.class, configuration.getExpiryPolicyFactory().create());
      assertFalse(configuration.isStatisticsEnabled());
      assertFalse(configuration.isManagementEnabled());
      assertEquals(1L, old.get("a"));
    });
    assertEquals(List.of(), log.warnings());
    assertTrue(log.messages(Level.INFO).stream().anyMatch(message -> message.contains("\"old\"")
        && message.contains("recorded without its configuration")),
        () -> log.messages(Level.INFO).toString());
  }

  @Test
  void aDbOfTheEarlierFormat_opensEternal_andRecordsWhenCreatedAgain() throws Exception {
    // a database as the version before configurations were recorded made it: no settings table
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
        io.twat.cache.internal.store.db.DbStore.embeddedUrl(folder), "sa", "");
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE twat_cache ("
          + "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
          + "name VARCHAR(1000) NOT NULL UNIQUE, key_type VARCHAR(1000) NOT NULL, "
          + "value_type VARCHAR(1000) NOT NULL, format_version INTEGER NOT NULL)");
      statement.execute("CREATE TABLE twat_row (key_hash BIGINT NOT NULL PRIMARY KEY, "
          + "cache_id INTEGER NOT NULL, key_bytes VARBINARY NOT NULL, value_bytes VARBINARY, "
          + "checksum INTEGER NOT NULL, expires_at BIGINT NOT NULL, accessed_at BIGINT NOT NULL, "
          + "entry_size BIGINT NOT NULL)");
      statement.execute("INSERT INTO twat_cache (name, key_type, value_type, format_version) "
          + "VALUES ('old', 'java.lang.String', 'java.lang.Long', 1)");
    }

    inNewProvider("twat:db", manager -> {
      Cache<String, Long> old = manager.getCache("old", String.class, Long.class);
      CompleteConfiguration<?, ?> configuration = configurationOf(old);
      assertInstanceOf(EternalExpiryPolicy.class, configuration.getExpiryPolicyFactory().create());
      assertFalse(configuration.isStatisticsEnabled());
      old.put("a", 1L);
      assertEquals(1L, old.get("a"));
    });
    assertTrue(log.messages(Level.INFO).stream().anyMatch(message -> message.contains("\"old\"")
        && message.contains("recorded without its configuration")),
        () -> log.messages(Level.INFO).toString());
    inNewProvider("twat:db", manager -> manager.createCache("old", stringsToLongs()
        .setStatisticsEnabled(true)));
    inNewProvider("twat:db", manager -> {
      Cache<String, Long> old = manager.getCache("old", String.class, Long.class);
      assertTrue(configurationOf(old).isStatisticsEnabled());
      assertEquals(1L, old.get("a"));
    });
    assertEquals(List.of(), log.warnings());
  }

  /** Creates cache "planted" on twat:file, then appends {@code settings} lines to its record. */
  private void plant(String settings) throws Exception {
    inNewProvider("twat:file", manager -> manager.createCache("planted", stringsToLongs())
        .put("a", 1L));
    Path record = cacheInfo("planted");
    String kept = Files.readAllLines(record, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.startsWith("config.")).reduce("", (a, b) -> a + b + "\n");
    Files.writeString(record, kept + settings, StandardCharsets.UTF_8);
  }

  @Test
  void aDamagedRecord_opensWithTheDefaultsOfWhatItCannotGive_withOneWarning() throws Exception {
    plant("""
        config.version=1
        config.expiry=created
        config.expiry.duration=five minutes
        config.statistics=yes
        config.management=true
        config.maxEntries=-7
        config.ownKeys=false
        config.bad\\ name=x
        """);

    inNewProvider("twat:file", manager -> {
      Cache<String, Long> planted = manager.getCache("planted", String.class, Long.class);
      TwatConfiguration<?, ?> configuration = twatConfigurationOf(planted);
      assertInstanceOf(EternalExpiryPolicy.class, configuration.getExpiryPolicyFactory().create());
      assertFalse(configuration.isStatisticsEnabled());
      assertTrue(configuration.isManagementEnabled(), "what is whole is used");
      assertEquals(TwatConfiguration.INHERIT, configuration.getMaxEntries());
      assertEquals(1L, planted.get("a"));
    });
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("\"five minutes\"") && warnings.get(0).contains("\"yes\"")
        && warnings.get(0).contains("\"-7\""), warnings.get(0));
  }

  @Test
  void aRecordNamingAClassThatIsNoExpiryPolicy_neverInitializesIt() throws Exception {
    plant("config.version=1\nconfig.expiry=class\nconfig.expiry.class="
        + PlantedClass.Gadget.class.getName() + "\n");

    inNewProvider("twat:file", manager -> assertInstanceOf(EternalExpiryPolicy.class,
        configurationOf(manager.getCache("planted")).getExpiryPolicyFactory().create()));
    assertFalse(PlantedClass.gadgetInitialized, "the planted class was not even initialized");
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("not a public, concrete javax.cache.expiry.ExpiryPolicy"),
        warnings.get(0));
  }

  @Test
  void aRecordNamingAMissingPolicyClass_opensEternal_andSaysWhichClass() throws Exception {
    plant("""
        config.version=1
        config.expiry=class
        config.expiry.class=com.example.Gone
        config.statistics=true
        """);

    inNewProvider("twat:file", manager -> {
      CompleteConfiguration<?, ?> configuration = configurationOf(manager.getCache("planted"));
      assertInstanceOf(EternalExpiryPolicy.class, configuration.getExpiryPolicyFactory().create());
      assertTrue(configuration.isStatisticsEnabled());
    });
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("com.example.Gone"), warnings.get(0));
  }

  @Test
  void aRecordOfALaterVersion_opensWithTheDefaults_andSaysSo() throws Exception {
    plant("""
        config.version=2
        config.expiry=created
        config.expiry.duration=5 MINUTES
        config.statistics=true
        """);

    inNewProvider("twat:file", manager -> {
      CompleteConfiguration<?, ?> configuration = configurationOf(manager.getCache("planted"));
      assertInstanceOf(EternalExpiryPolicy.class, configuration.getExpiryPolicyFactory().create());
      assertFalse(configuration.isStatisticsEnabled());
    });
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("later version"), warnings.get(0));
  }

  @Test
  void aDamagedDbSetting_opensWithItsDefault() throws Exception {
    inNewProvider("twat:db", manager -> manager.createCache("planted", stringsToLongs()
        .setManagementEnabled(true)));
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
        io.twat.cache.internal.store.db.DbStore.embeddedUrl(folder), "sa", "");
        java.sql.Statement statement = connection.createStatement()) {
      assertEquals(1, statement.executeUpdate("UPDATE twat_cache_setting "
          + "SET setting_value = 'sometimes' WHERE setting_name = 'statistics'"));
      assertEquals(1, statement.executeUpdate("UPDATE twat_cache_setting "
          + "SET setting_value = 'weekly' WHERE setting_name = 'expiry'"));
    }

    inNewProvider("twat:db", manager -> {
      CompleteConfiguration<?, ?> configuration = configurationOf(manager.getCache("planted"));
      assertFalse(configuration.isStatisticsEnabled());
      assertTrue(configuration.isManagementEnabled());
      assertInstanceOf(EternalExpiryPolicy.class, configuration.getExpiryPolicyFactory().create());
    });
    List<String> warnings = log.warnings();
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("\"weekly\"") && warnings.get(0).contains("\"sometimes\""),
        warnings.get(0));
  }
}
