/** Read-through and write-through: adapters over the user's CacheLoader and CacheWriter. */
package io.twat.cache.internal.integration;
