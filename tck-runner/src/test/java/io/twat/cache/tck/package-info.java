/** Checks of the TCK run itself, beside the TCK's own tests. */
package io.twat.cache.tck;
