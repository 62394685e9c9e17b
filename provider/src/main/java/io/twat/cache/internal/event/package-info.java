/** Cache entry events: listener registrations, per-listener ordered delivery, synchronous waits. */
package io.twat.cache.internal.event;
