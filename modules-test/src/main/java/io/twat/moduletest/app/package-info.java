/** The application's entry point: it uses every store and reports what it got. */
package io.twat.moduletest.app;
