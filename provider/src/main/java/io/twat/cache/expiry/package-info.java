/** Time and expiry: the {@link io.twat.cache.expiry.Ticker} seam and JCache expiry policies turned into deadlines. */
package io.twat.cache.expiry;
