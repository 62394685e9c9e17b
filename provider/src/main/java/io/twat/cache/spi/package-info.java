/** The entry point: the JCache {@code CachingProvider} that {@code Caching.getCachingProvider()} finds. */
package io.twat.cache.spi;
