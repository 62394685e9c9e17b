/** Store-by-value: copiers that keep the cache's values apart from the caller's objects. */
package io.twat.cache.internal.copy;
