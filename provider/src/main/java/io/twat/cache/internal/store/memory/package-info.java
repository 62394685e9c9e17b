/** The on-heap stores: Caffeine (W-TinyLFU) and, later, a built-in fallback. */
package io.twat.cache.internal.store.memory;
