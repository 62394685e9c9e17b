/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link Environment} whose system properties and environment variables a test sets, so that
 * no test touches the JVM's own.
 *
 * <p>Not thread-safe: set it up before handing it to the code under test.
 */
public final class FakeEnvironment implements Environment {
  private final Map<String, String> properties = new HashMap<>();
  private final Map<String, String> variables = new HashMap<>();

  /** Sets the system property {@code name}; returns this. */
  public FakeEnvironment withProperty(String name, String value) {
    properties.put(name, value);
    return this;
  }

  /** Sets the environment variable {@code name}; returns this. */
  public FakeEnvironment withVariable(String name, String value) {
    variables.put(name, value);
    return this;
  }

  @Override
  public String property(String name) {
    return properties.get(name);
  }

  @Override
  public String variable(String name) {
    return variables.get(name);
  }

  @Override
  public Iterable<String> propertyNames() {
    return List.copyOf(properties.keySet());
  }
}
