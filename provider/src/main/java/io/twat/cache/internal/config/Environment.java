/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

/**
 * Where system-wide settings come from: system properties and environment variables. A seam so
 * that tests can give their own without touching the JVM's.
 *
 * <p>Implementations are thread-safe.
 */
public interface Environment {
  /** The JVM's system properties and the process environment. */
  Environment SYSTEM = new Environment() {
    @Override
    public String property(String name) {
      return System.getProperty(name);
    }

    @Override
    public String variable(String name) {
      return System.getenv(name);
    }

    @Override
    public Iterable<String> propertyNames() {
      return System.getProperties().stringPropertyNames();
    }
  };

  /** Returns the system property {@code name}, or null. */
  String property(String name);

  /** Returns the environment variable {@code name}, or null. */
  String variable(String name);

  /** Returns the names of all system properties. */
  Iterable<String> propertyNames();
}
