package io.twat.cache.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's configuration reference complete: every setting the code accepts is in it. */
class ReadmeReferenceTest {

  @Test
  void everySetting_isInTheReadmeReferenceTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting setting : Setting.values()) {
      assertTrue(readme.contains("| `" + setting.key() + "` | `" + setting.propertyName() + "` |"),
          "README's configuration reference lacks a row for " + setting.key());
    }
    assertTrue(readme.contains("`" + ManagerSettings.DEFAULT_URI_PROPERTY + "`"));
    assertTrue(readme.contains("`" + ManagerSettings.DEFAULT_URI_VARIABLE + "`"));
  }
}
