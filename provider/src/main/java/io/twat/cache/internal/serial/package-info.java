/**
 * Turning keys and values into bytes and back for the disk stores, with fast paths for common
 * types and an allow-list that every read of Java-serialized bytes goes through.
 */
package io.twat.cache.internal.serial;
