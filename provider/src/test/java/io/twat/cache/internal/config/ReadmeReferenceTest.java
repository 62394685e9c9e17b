/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's configuration reference complete and true: every setting the code accepts
 * has a row, and the row names exactly the stores the code applies it to.
 */
class ReadmeReferenceTest {

  @Test
  void everySetting_hasARowNamingTheStoresItAppliesTo() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting setting : Setting.values()) {
      String start = "| `" + setting.key() + "` | `" + setting.propertyName() + "` |";
      Optional<String> row = readme.lines().filter(line -> line.startsWith(start)).findFirst();
      assertTrue(
          row.isPresent(), "README's configuration reference lacks a row for " + setting.key());
      String[] cells = row.get().split(" \\| ", -1);
      String kinds = Arrays.stream(StoreKind.values()).filter(setting.kinds()::contains)
          .map(kind -> kind.uriName().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
      assertEquals(
          kinds, cells[4].trim(), "the stores column of README's row for " + setting.key());
    }
    assertTrue(readme.contains("`" + ManagerSettings.DEFAULT_URI_PROPERTY + "`"));
    assertTrue(readme.contains("`" + ManagerSettings.DEFAULT_URI_VARIABLE + "`"));
  }
}
