/** Configuration: cache manager URIs, the settings they carry, and {@link io.twat.cache.TwatConfiguration}. */
package io.twat.cache.internal.config;
