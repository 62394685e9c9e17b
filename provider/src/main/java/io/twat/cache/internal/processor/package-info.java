/** Entry processors: the {@code MutableEntry} that records what a processor did. */
package io.twat.cache.internal.processor;
