/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.config.FakeEnvironment;
import io.twat.cache.internal.config.StoreKind;
import io.twat.cache.internal.core.TwatCacheManager;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwatCachingProviderTest {
  private static final URI MEMORY = URI.create("twat:memory");
  private static final URI BOUNDED = URI.create("twat:memory?maxEntries=10");

  private final FakeEnvironment environment = new FakeEnvironment();
  private final TwatCachingProvider provider = new TwatCachingProvider(environment);
  private final List<URLClassLoader> loaders = new ArrayList<>();

  @AfterEach
  void closeEverything() throws IOException {
    provider.close();
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  private ClassLoader otherLoader() {
    URLClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    loaders.add(loader);
    return loader;
  }

  private static long maxEntries(CacheManager manager) {
    return manager.unwrap(TwatCacheManager.class).settings().maxEntries();
  }

  // ---------------------------------------------------------------- discovery and features

  @Test
  void caching_getCachingProvider_findsTwatCachingProvider() {
    CachingProvider found = Caching.getCachingProvider();

    assertInstanceOf(TwatCachingProvider.class, found);
  }

  @Test
  void isSupported_storeByReference_isTrue() {
    assertTrue(provider.isSupported(OptionalFeature.STORE_BY_REFERENCE));
  }

  @Test
  void isSupported_anythingElse_isFalse() {
    for (OptionalFeature feature : OptionalFeature.values()) {
      if (feature != OptionalFeature.STORE_BY_REFERENCE) {
        assertFalse(provider.isSupported(feature), feature::name);
      }
    }
    assertFalse(provider.isSupported(null));
  }

  @Test
  void getDefaultClassLoader_isTheProvidersLoader() {
    assertSame(TwatCachingProvider.class.getClassLoader(), provider.getDefaultClassLoader());
  }

  @Test
  void getDefaultProperties_isEmptyAndNotShared() {
    Properties defaults = provider.getDefaultProperties();
    defaults.setProperty("twat.cache.maxEntries", "1");

    assertTrue(provider.getDefaultProperties().isEmpty());
  }

  // ---------------------------------------------------------------- default URI

  @Test
  void getDefaultURI_whenNothingIsSet_isTwatMemory() {
    assertEquals(MEMORY, provider.getDefaultURI());
  }

  @Test
  void getDefaultURI_whenVariableIsSet_isTheVariable() {
    environment.withVariable("TWAT_CACHE_DEFAULT_URI", "twat:memory?maxEntries=2");

    assertEquals(URI.create("twat:memory?maxEntries=2"), provider.getDefaultURI());
  }

  @Test
  void getDefaultURI_whenPropertyAndVariableAreSet_isTheProperty() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=1")
        .withVariable("TWAT_CACHE_DEFAULT_URI", "twat:memory?maxEntries=2");

    assertEquals(URI.create("twat:memory?maxEntries=1"), provider.getDefaultURI());
  }

  @Test
  void getDefaultURI_whenPropertyIsNotTwatUri_failsNamingTheProperty() {
    environment.withProperty("twat.cache.defaultUri", "urn:x");

    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, provider::getDefaultURI);

    assertTrue(thrown.getMessage().contains("twat.cache.defaultUri"), thrown::getMessage);
  }

  @Test
  void getCacheManager_withoutArguments_usesTheDefaultUriAndItsSettings() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=3");

    CacheManager manager = provider.getCacheManager();

    assertEquals(URI.create("twat:memory?maxEntries=3"), manager.getURI());
    assertEquals(3L, maxEntries(manager));
  }

  // ---------------------------------------------------------------- one manager per (class loader,
  // URI)

  @Test
  void getCacheManager_sameUriAndLoaderTwice_isTheSameManager() {
    ClassLoader loader = provider.getDefaultClassLoader();

    assertSame(
        provider.getCacheManager(BOUNDED, loader), provider.getCacheManager(BOUNDED, loader));
  }

  @Test
  void getCacheManager_equalButDistinctUriObjects_isTheSameManager() {
    CacheManager first = provider.getCacheManager(URI.create("twat:memory?maxEntries=10"), null);

    assertSame(first, provider.getCacheManager(URI.create("twat:memory?maxEntries=10"), null));
  }

  @Test
  void getCacheManager_differentUri_isAnotherManager() {
    assertNotSame(provider.getCacheManager(MEMORY, null), provider.getCacheManager(BOUNDED, null));
  }

  @Test
  void getCacheManager_differentClassLoader_isAnotherManager() {
    ClassLoader other = otherLoader();

    CacheManager onDefault = provider.getCacheManager(MEMORY, null);
    CacheManager onOther = provider.getCacheManager(MEMORY, other);

    assertNotSame(onDefault, onOther);
    assertSame(other, onOther.getClassLoader());
    assertSame(onOther, provider.getCacheManager(MEMORY, other));
  }

  @Test
  void getCacheManager_nullUriAndLoader_meanTheDefaults() {
    CacheManager manager = provider.getCacheManager(null, null);

    assertEquals(provider.getDefaultURI(), manager.getURI());
    assertSame(provider.getDefaultClassLoader(), manager.getClassLoader());
    assertSame(manager, provider.getCacheManager());
    assertSame(
        manager,
        provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader()));
  }

  @Test
  void getCacheManager_knowsItsProviderUriAndProperties() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.maxEntries", "4");
    properties.setProperty("framework.setting", "kept");

    CacheManager manager = provider.getCacheManager(MEMORY, null, properties);

    assertSame(provider, manager.getCachingProvider());
    assertEquals(MEMORY, manager.getURI());
    assertEquals("kept", manager.getProperties().getProperty("framework.setting"));
    assertEquals(4L, maxEntries(manager));
  }

  @Test
  void getCacheManager_laterChangesToTheGivenProperties_doNotReachTheManager() {
    Properties properties = new Properties();
    properties.setProperty("framework.setting", "before");
    CacheManager manager = provider.getCacheManager(MEMORY, null, properties);

    properties.setProperty("framework.setting", "after");

    assertEquals("before", manager.getProperties().getProperty("framework.setting"));
  }

  @Test
  void getCacheManager_nullProperties_givesEmptyProperties() {
    CacheManager manager = provider.getCacheManager(MEMORY, null, null);

    assertTrue(manager.getProperties().isEmpty());
  }

  @Test
  void getCacheManager_existingManager_keepsItsFirstProperties() {
    Properties first = new Properties();
    first.setProperty("twat.cache.maxEntries", "4");
    Properties second = new Properties();
    second.setProperty("twat.cache.maxEntries", "8");

    CacheManager manager = provider.getCacheManager(MEMORY, null, first);

    assertSame(manager, provider.getCacheManager(MEMORY, null, second));
    assertEquals(4L, maxEntries(manager));
  }

  @Test
  void getCacheManager_afterManagerClose_isANewOpenManager() {
    CacheManager first = provider.getCacheManager(MEMORY, null);
    first.close();

    CacheManager second = provider.getCacheManager(MEMORY, null);

    assertNotSame(first, second);
    assertTrue(first.isClosed());
    assertFalse(second.isClosed());
  }

  // ---------------------------------------------------------------- URIs

  @Test
  void getCacheManager_nonTwatUri_isNamedByItsUriButUsesTheDefaultKindAndSettings() {
    environment.withProperty("twat.cache.defaultUri", "twat:memory?maxEntries=6");
    URI uri = URI.create("urn:x");

    CacheManager manager = provider.getCacheManager(uri, null);

    assertEquals(uri, manager.getURI());
    assertEquals(StoreKind.MEMORY, manager.unwrap(TwatCacheManager.class).settings().kind());
    assertEquals(6L, maxEntries(manager));
    assertNotSame(manager, provider.getCacheManager());
  }

  @Test
  void getCacheManager_queryWinsOverProperties() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.maxEntries", "50");

    assertEquals(10L, maxEntries(provider.getCacheManager(BOUNDED, null, properties)));
  }

  @Test
  void getCacheManager_propertiesWinOverSystemProperties() {
    environment.withProperty("twat.cache.maxEntries", "30");
    Properties properties = new Properties();
    properties.setProperty("twat.cache.maxEntries", "50");

    assertEquals(50L, maxEntries(provider.getCacheManager(MEMORY, null, properties)));
  }

  @Test
  void getCacheManager_unknownKind_failsListingValidKinds() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> provider.getCacheManager(URI.create("twat:nosuch"), null));

    assertTrue(thrown.getMessage().contains("memory"), thrown::getMessage);
  }

  @Test
  void getCacheManager_afterAFailedUri_stillServesValidUris() {
    URI bad = URI.create("twat:memory?maxEntries=-1");
    assertThrows(IllegalArgumentException.class, () -> provider.getCacheManager(bad, null));

    CacheManager manager = provider.getCacheManager(MEMORY, null);

    assertFalse(manager.isClosed());
    assertThrows(IllegalArgumentException.class, () -> provider.getCacheManager(bad, null));
  }

  @Test
  void getCacheManager_badPropertyValue_failsAndCreatesNoManager() {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.maxEntries", "abc");
    assertThrows(
        IllegalArgumentException.class, () -> provider.getCacheManager(MEMORY, null, properties));

    assertEquals(0L, maxEntries(provider.getCacheManager(MEMORY, null)));
  }

  // ---------------------------------------------------------------- closing

  @Test
  void close_closesEveryManagerOfEveryLoader() {
    CacheManager a = provider.getCacheManager(MEMORY, null);
    CacheManager b = provider.getCacheManager(BOUNDED, null);
    CacheManager c = provider.getCacheManager(MEMORY, otherLoader());

    provider.close();

    assertTrue(a.isClosed());
    assertTrue(b.isClosed());
    assertTrue(c.isClosed());
  }

  @Test
  void close_thenGetCacheManager_givesANewManager() {
    CacheManager before = provider.getCacheManager(MEMORY, null);
    provider.close();

    CacheManager after = provider.getCacheManager(MEMORY, null);

    assertNotSame(before, after);
    assertFalse(after.isClosed());
  }

  @Test
  void closeClassLoader_closesOnlyThatLoadersManagers() {
    ClassLoader other = otherLoader();
    CacheManager onDefault = provider.getCacheManager(MEMORY, null);
    CacheManager onOther = provider.getCacheManager(MEMORY, other);
    CacheManager boundedOnOther = provider.getCacheManager(BOUNDED, other);

    provider.close(other);

    assertTrue(onOther.isClosed());
    assertTrue(boundedOnOther.isClosed());
    assertFalse(onDefault.isClosed());
    assertSame(onDefault, provider.getCacheManager(MEMORY, null));
  }

  @Test
  void closeClassLoader_null_closesTheDefaultLoadersManagers() {
    CacheManager onDefault = provider.getCacheManager(MEMORY, null);
    CacheManager onOther = provider.getCacheManager(MEMORY, otherLoader());

    provider.close((ClassLoader) null);

    assertTrue(onDefault.isClosed());
    assertFalse(onOther.isClosed());
  }

  @Test
  void closeUriAndClassLoader_closesOnlyThatManager() {
    ClassLoader other = otherLoader();
    CacheManager target = provider.getCacheManager(BOUNDED, other);
    CacheManager sameLoader = provider.getCacheManager(MEMORY, other);
    CacheManager sameUri = provider.getCacheManager(BOUNDED, null);

    provider.close(BOUNDED, other);

    assertTrue(target.isClosed());
    assertFalse(sameLoader.isClosed());
    assertFalse(sameUri.isClosed());
    assertNotSame(target, provider.getCacheManager(BOUNDED, other));
  }

  @Test
  void closeUriAndClassLoader_nulls_closeTheDefaultManager() {
    CacheManager defaultManager = provider.getCacheManager();
    CacheManager bounded = provider.getCacheManager(BOUNDED, null);

    provider.close(null, null);

    assertTrue(defaultManager.isClosed());
    assertFalse(bounded.isClosed());
  }

  @Test
  void closeUriAndClassLoader_unknownManager_doesNothing() {
    CacheManager manager = provider.getCacheManager(MEMORY, null);

    provider.close(BOUNDED, null);
    provider.close(MEMORY, otherLoader());
    provider.close(otherLoader());

    assertFalse(manager.isClosed());
  }

  @Test
  void close_twice_isHarmless() {
    CacheManager manager = provider.getCacheManager(MEMORY, null);

    provider.close();
    provider.close();

    assertTrue(manager.isClosed());
  }

  @Test
  void managerClose_doesNotAffectOtherManagers() {
    CacheManager closed = provider.getCacheManager(MEMORY, null);
    CacheManager open = provider.getCacheManager(BOUNDED, null);

    closed.close();

    assertFalse(open.isClosed());
    assertSame(open, provider.getCacheManager(BOUNDED, null));
  }

  @Test
  void managerClose_ofAnOldManager_doesNotForgetItsReplacement() {
    CacheManager old = provider.getCacheManager(MEMORY, null);
    old.close();
    CacheManager replacement = provider.getCacheManager(MEMORY, null);

    old.close();

    assertSame(replacement, provider.getCacheManager(MEMORY, null));
  }

  // ---------------------------------------------------------------- class loaders

  @Test
  void registry_doesNotKeepAClassLoaderAlive_whoseManagerWasNeverClosed() throws IOException {
    WeakReference<ClassLoader> loader = openManagerOnAThrowawayLoader();

    for (int i = 0; i < 20 && loader.get() != null; i++) {
      System.gc();
    }

    assertNull(loader.get(), "the provider's registry keeps an unused class loader reachable");
  }

  @Test
  void registry_doesNotKeepAClassLoaderAlive_whoseStoreByValueCacheHoldsEntries()
      throws IOException {
    WeakReference<ClassLoader> loader = openStoreByValueCacheOnAThrowawayLoader();

    for (int i = 0; i < 20 && loader.get() != null; i++) {
      System.gc();
    }

    assertNull(
        loader.get(), "a store-by-value cache keeps its manager's unused class loader reachable");
  }

  private WeakReference<ClassLoader> openStoreByValueCacheOnAThrowawayLoader() throws IOException {
    try (URLClassLoader throwaway = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
      Cache<String, ArrayList<String>> cache = provider.getCacheManager(MEMORY, throwaway)
          .createCache("byValue", new MutableConfiguration<String, ArrayList<String>>());
      cache.put("k", new ArrayList<>(List.of("v")));
      cache.get("k");
      return new WeakReference<>(throwaway);
    }
  }

  private WeakReference<ClassLoader> openManagerOnAThrowawayLoader() throws IOException {
    try (URLClassLoader throwaway = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
      provider.getCacheManager(MEMORY, throwaway);
      return new WeakReference<>(throwaway);
    }
  }
}
