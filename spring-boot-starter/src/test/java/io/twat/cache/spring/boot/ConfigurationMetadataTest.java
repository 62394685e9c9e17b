/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata IDEs complete from names every manager setting of the README's
 * configuration reference, in Boot's kebab-case.
 */
class ConfigurationMetadataTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| `twat\\.cache\\.\\w+` \\|");

  /** A Java object in the Properties, which no properties file can hold. */
  private static final List<String> CODE_ONLY = List.of("encryptionKey");

  @Test
  void metadata_namesEverySettingOfTheReadme() throws IOException {
    String metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's output").isNotNull();
      metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../README.md"))) {
      Matcher row = ROW.matcher(line);
      if (row.find() && !CODE_ONLY.contains(row.group(1))) {
        keys.add(row.group(1));
      }
    }

    assertThat(keys).hasSizeGreaterThan(10);
    for (String key : keys) {
      String property = "twat.cache." + key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
      assertThat(metadata).as(property).contains("\"name\": \"" + property + "\"");
    }
    assertThat(metadata)
        .contains("\"name\": \"twat.cache.store\"", "\"name\": \"twat.cache.caches\"");
  }
}
