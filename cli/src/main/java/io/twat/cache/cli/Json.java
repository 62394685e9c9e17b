/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * Writes the commands' machine output, maps (objects, in their iteration order), lists, strings,
 * numbers, booleans and null, as JSON text on one line, through Jackson.
 *
 * <p>Thread-safe: Jackson's mapper is, once configured.
 */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  /** Returns {@code value} as JSON text on one line. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Could not write the JSON output: " + e.getMessage(), e);
    }
  }
}
