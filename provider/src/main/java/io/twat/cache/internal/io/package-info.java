/**
 * File-system helpers shared by the file and db stores: private folders and disk usage.
 */
package io.twat.cache.internal.io;
