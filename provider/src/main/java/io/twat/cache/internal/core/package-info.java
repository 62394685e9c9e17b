/** The facade: the cache manager and the cache, the only place where JCache semantics live. */
package io.twat.cache.internal.core;
