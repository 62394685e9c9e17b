/** Test support shared by the provider's tests: real child JVMs for tests of several processes. */
package io.twat.cache.testing;
