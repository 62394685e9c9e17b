package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Configuration sits above the stores: it has its own setting values (Compression, Durability,
 * ...) and the assembly maps them to the stores' types, so config imports no store, no assembly
 * and not the core.
 */
class ConfigImportsTest {
  private static final List<String> FORBIDDEN = List.of("import io.twat.cache.internal.store",
      "import io.twat.cache.internal.assembly", "import io.twat.cache.internal.core");

  @Test
  void configSources_importNoStoreNoAssemblyAndNoCore() throws IOException {
    Path sources = Path.of("src", "main", "java", "io", "twat", "cache", "internal", "config");
    List<String> offending = new ArrayList<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
            offending.add(file.getFileName() + ": " + line);
          }
        }
      }
    }
    assertEquals(List.of(), offending);
  }
}
