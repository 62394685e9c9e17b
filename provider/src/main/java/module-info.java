/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The twat-cache JCache provider. An application on the module path needs only
 * {@code requires io.twat.cache;} and the jars of the provider, {@code cache-api}, Caffeine and
 * (for {@code twat:db} and {@code twat:universal}'s db tier) H2 on {@code --module-path};
 * {@code Caching.getCachingProvider()} finds the provider through the service it provides.
 *
 * <p>The API is {@code io.twat.cache}, {@code io.twat.cache.spi} and
 * {@code io.twat.cache.management} (the {@code CacheTiers} MXBean interface, which JMX calls by
 * reflection from an unnamed module, so its package must be exported to all); nothing under
 * {@code io.twat.cache.internal} is exported. {@code cache.api}, the automatic module of
 * {@code javax.cache:cache-api} 1.1.1 (which names no module, so its name comes from the jar's
 * file name; other JCache modules require it by the same name), is required transitively, since
 * the API's types extend and return JCache's.
 *
 * <p>How the optional libraries are found on the module path (on the class path this descriptor
 * is ignored and a missing library only makes the provider fall back, with one WARNING):
 * <ul>
 *   <li>Caffeine is required, not {@code requires static}: a module on the module path is
 *       resolved only when a resolved module requires it or it provides a service a resolved
 *       module uses, and Caffeine provides none, so an optional dependence would leave Caffeine
 *       out of every application that does not require it itself and put {@code twat:memory} on
 *       the built-in LRU store although the jar is right there. So on the module path Caffeine
 *       is mandatory (it is a compile dependency of the Maven artifact, so it is on the module
 *       path wherever the provider is); an application that wants the provider without Caffeine
 *       runs it on the class path, where the built-in LRU and FIFO stores take over.</li>
 *   <li>H2 needs no directive and stays optional: the provider reaches it only through JDBC
 *       ({@code DriverManager}) and {@code Class.forName}, which need no readability, and its
 *       jar, when it is on the module path, is always resolved: {@code java.sql}, required here,
 *       uses the {@code java.sql.Driver} service that H2 provides, so service binding adds it
 *       (as it adds the driver of any other database named by {@code url=}); and it is an
 *       automatic module, which the resolver adds with {@code cache.api}. What an automatic H2
 *       needs, {@code java.sql}, is resolved because this module requires it (the provider
 *       jar's former automatic module did not, which is why it once took a present H2 for a
 *       missing one). Without H2, {@code twat:db} keeps its caches in the file store, with one
 *       WARNING, as on the class path.</li>
 * </ul>
 *
 * <p>Values of the application's own classes are stored and read back by Java serialization,
 * which needs neither {@code exports} nor {@code opens} of the application's packages: the
 * stores resolve the classes through the cache manager's class loader, then the thread's context
 * class loader.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.twat.cache {
  requires transitive cache.api;
  requires com.github.benmanes.caffeine;
  // The CacheTiers MXBean's figures rebuild themselves from JMX's CompositeData.
  requires transitive java.management;
  requires java.sql;
  // Only where H2 is there (twat:db): H2 creates JournalOpenGuard, its event listener, by name.
  requires static com.h2database;

  exports io.twat.cache;
  exports io.twat.cache.spi;
  exports io.twat.cache.management;
  exports io.twat.cache.internal.store.db to com.h2database;

  provides javax.cache.spi.CachingProvider with io.twat.cache.spi.TwatCachingProvider;
}
