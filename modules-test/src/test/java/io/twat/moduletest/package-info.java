/** The module path test: real JVMs running the application module against the built jars. */
package io.twat.moduletest;
