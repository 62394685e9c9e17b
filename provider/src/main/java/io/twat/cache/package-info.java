/**
 * The small public API beside JCache: {@link io.twat.cache.TwatCaches} finds a cache's folder,
 * reads its figures and clears every cache of a manager.
 */
package io.twat.cache;
