/** The asynchronous view of a cache ({@code acache}): {@link io.twat.cache.async.AsyncCache}. */
package io.twat.cache.async;
