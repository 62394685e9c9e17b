/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.core.CacheFacade;
import io.twat.cache.testing.LogCapture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * twat:file through the JCache API: where its data goes, and that it outlives the JVM's managers.
 */
class FileManagerTest {
  @TempDir
  Path folder;

  @SuppressWarnings("NonApiType") // a Serializable list type, which the cache declares
  private static MutableConfiguration<String, ArrayList<String>> listsByValue() {
    @SuppressWarnings("unchecked")
    Class<ArrayList<String>> listType = (Class<ArrayList<String>>) (Class<?>) ArrayList.class;
    return new MutableConfiguration<String, ArrayList<String>>().setTypes(String.class, listType);
  }

  @Test
  void entries_survive_closingTheProviderAndOpeningANewOne() {
    URI uri = URI.create("twat:file?dir=" + folder);
    TwatCachingProvider first = new TwatCachingProvider();
    try {
      Cache<String, ArrayList<String>> cache =
          first.getCacheManager(uri, null).createCache("lists", listsByValue());
      cache.put("k", new ArrayList<>(List.of("a", "b")));
    } finally {
      first.close();
    }

    TwatCachingProvider second = new TwatCachingProvider();
    try {
      Cache<String, ArrayList<String>> reopened =
          second.getCacheManager(uri, null).createCache("lists", listsByValue());

      assertEquals(List.of("a", "b"), reopened.get("k"));
      assertTrue(
          reopened.unwrap(CacheFacade.class).backend().startsWith("file("),
          reopened.unwrap(CacheFacade.class).backend());
    } finally {
      second.close();
    }
  }

  @Test
  void dirInProperties_placesTheCacheFolderThere_withTheCacheNameInIt() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("twat.cache.dir", folder.toString());
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(URI.create("twat:file"), null, properties);
      manager.createCache("users/eu", listsByValue()).put("k", new ArrayList<>(List.of("v")));

      try (Stream<Path> children = Files.list(folder)) {
        List<String> names = children.map(path -> path.getFileName().toString()).toList();
        assertEquals(1, names.size(), names::toString);
        assertTrue(names.get(0).matches("users_eu-[0-9a-f]{32}"), names::toString);
      }
    } finally {
      provider.close();
    }
  }

  @Test
  void storeByReferenceCache_onTwatFile_keepsReferencesOnTheHeap() {
    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<String, ArrayList<String>> cache;
      List<String> warnings;
      try (LogCapture log = LogCapture.of("io.twat.cache")) {
        cache = provider.getCacheManager(URI.create("twat:file?dir=" + folder), null)
            .createCache("refs", listsByValue().setStoreByValue(false));
        warnings = log.warnings();
      }
      assertEquals(1, warnings.size(), () -> "warnings: " + warnings);
      assertTrue(warnings.get(0).contains("store-by-reference"), warnings.get(0));
      ArrayList<String> value = new ArrayList<>(List.of("v"));
      cache.put("k", value);

      assertSame(value, cache.get("k"), "store-by-reference returns the same instance");
      assertTrue(cache.unwrap(CacheFacade.class).backend().startsWith("heap("));
    } finally {
      provider.close();
    }
  }
}
