/** JCache expiry policies turned into deadlines against the cache's {@link io.twat.cache.Ticker}. */
package io.twat.cache.internal.expiry;
