/** Configuration: cache manager URIs, the settings they carry, and {@link io.twat.cache.config.TwatConfiguration}. */
package io.twat.cache.config;
