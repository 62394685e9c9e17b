/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.moduletest.app;

import io.twat.cache.TwatCaches;
import io.twat.cache.management.CacheTiersMXBean;
import io.twat.moduletest.app.model.Note;
import io.twat.moduletest.app.model.Point;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Stores a {@link Note} in a cache on every store and reads it back, printing one line per fact
 * for the test to check: {@code <what> <store> <text>}, e.g. {@code backend db db(jdbc:h2:...)}.
 * A disk store's value is read through a fresh manager after the first is closed, so it comes
 * from the disk. Exits with 0 when it ran through, whatever it found.
 *
 * <p>Usage: {@code java --module-path ... -m io.twat.moduletest.app/io.twat.moduletest.app.Main
 * <folder>}, where the folder (empty) takes the disk stores' data.
 */
public final class Main {
  private static final String CACHE = "notes";

  private Main() {
  }

  /**
   * Runs the application.
   *
   * @param args the folder for the disk stores' data
   * @throws Exception if a cache cannot be used: the JVM exits with a stack trace
   */
  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    Module provider = TwatCaches.class.getModule();
    System.out.println("module provider " + provider.getDescriptor().toNameAndVersion()
        + (provider.getDescriptor().isAutomatic() ? " automatic" : " explicit"));
    Map<String, URI> stores = new LinkedHashMap<>();
    stores.put("memory", URI.create("twat:memory"));
    stores.put("file", diskUri("twat:file", folder.resolve("file"), ""));
    stores.put("db", diskUri("twat:db", folder.resolve("db"), ""));
    stores.put("universal", diskUri("twat:universal", folder.resolve("universal"), ""));
    stores.put("universal-db", diskUri("twat:universal", folder.resolve("universal-db"),
        "&tiers=memory,db,file"));
    CachingProvider caching = Caching.getCachingProvider();
    System.out.println("provider " + caching.getClass().getName());
    Note note = new Note("meet here", new Point(3, 4));
    for (Map.Entry<String, URI> store : stores.entrySet()) {
      run(caching, store.getKey(), store.getValue(), note);
    }
  }

  /**
   * A disk store's URI: its folder, and no {@code allow}: a {@link Note} holds a {@link Point},
   * which is not the cache's declared value type, and reads back because the cache signed it.
   */
  private static URI diskUri(String kind, Path dir, String more) {
    return URI.create(kind + "?dir=" + dir.toUri().getPath() + more);
  }

  private static void run(CachingProvider caching, String store, URI uri, Note note)
      throws MalformedObjectNameException {
    ClassLoader loader = Main.class.getClassLoader();
    CacheManager manager = caching.getCacheManager(uri, loader);
    Cache<String, Note> cache = manager.createCache(CACHE, new MutableConfiguration<String, Note>()
        .setTypes(String.class, Note.class)
        .setManagementEnabled(true)
        .setStatisticsEnabled(true));
    System.out.println("backend " + store + " " + TwatCaches.of(cache).backend());
    cache.put("k", note);
    System.out.println("jmx " + store + " " + tiersBean(store, uri).getBackend());
    if (store.equals("memory")) {
      System.out.println("read " + store + " " + cache.get("k"));
      manager.close();
      return;
    }
    manager.close();
    CacheManager fresh = caching.getCacheManager(uri, loader);
    Cache<String, Note> reopened = fresh.getCache(CACHE, String.class, Note.class);
    System.out.println("read " + store + " " + (reopened == null ? "no cache" : reopened.get("k")));
    fresh.close();
  }

  /** Returns a proxy of the cache's CacheTiers MXBean, as a JMX client in the JVM gets it. */
  private static CacheTiersMXBean tiersBean(String store, URI uri)
      throws MalformedObjectNameException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> names = server.queryNames(
        new ObjectName("io.twat.cache:type=CacheTiers,Cache=" + CACHE + ",*"), null);
    if (names.size() != 1) {
      throw new IllegalStateException("Expected one CacheTiers MXBean for " + uri + ": " + names);
    }
    CacheTiersMXBean bean = JMX.newMXBeanProxy(server, names.iterator().next(),
        CacheTiersMXBean.class);
    bean.getTiers().forEach(tier -> System.out.println(
        "tier " + store + " " + tier.getRole() + " " + tier.getEntries()));
    return bean;
  }
}
