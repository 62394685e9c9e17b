/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java snippets of the README and of the guides in {@code docs/} true: each block
 * marked {@code <!-- snippet: File#region -->} must equal the region between
 * {@code // snippet:region} and {@code // end:region} in that example's source, so no snippet can
 * drift from code that compiles and runs. A Java block without a marker fails the test too.
 */
class ReadmeSnippetsTest {
  private static final Pattern MARKED_BLOCK =
      Pattern.compile("<!-- snippet: (\\w+)#(\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  private static final Pattern ANY_JAVA_BLOCK = Pattern.compile("```java\n");

  /** A block showing an example's resource: what follows the resource's first blank line. */
  private static final Pattern RESOURCE_BLOCK =
      Pattern.compile("<!-- resource: ([\\w.-]+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyMarkedReadmeSnippet_matchesItsExampleSource() throws IOException {
    assertFalse(
        checkSnippets(ROOT.resolve("README.md")).isEmpty(), "README has no marked snippets");
  }

  @Test
  void everyJavaSnippetOfTheGuides_isMarkedAndMatchesItsExampleSource() throws IOException {
    try (Stream<Path> guides = Files.list(ROOT.resolve("docs"))) {
      for (Path guide : guides.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        checkSnippets(guide);
      }
    }
  }

  @Test
  void theStarterExamplesProperties_inTheGuide_matchItsApplicationProperties() throws IOException {
    assertEquals(
        List.of("application.properties"),
        checkResources(ROOT.resolve("docs/integrations.md")),
        "integrations.md shows StarterExample's application.properties");
  }

  private static List<String> checkResources(Path document) throws IOException {
    Matcher matcher = RESOURCE_BLOCK.matcher(Files.readString(document));
    List<String> checked = new ArrayList<>();
    while (matcher.find()) {
      Path resource = ROOT.resolve("src-examples/src/main/resources/" + matcher.group(1));
      assertTrue(Files.exists(resource), document.getFileName() + " names a missing " + resource);
      String text = Files.readString(resource);
      assertEquals(
          text.substring(text.indexOf("\n\n") + 2),
          matcher.group(2),
          document.getFileName() + " shows " + matcher.group(1) + " other than it is");
      checked.add(matcher.group(1));
    }
    return checked;
  }

  private static List<String> checkSnippets(Path document) throws IOException {
    String text = Files.readString(document);
    Matcher matcher = MARKED_BLOCK.matcher(text);
    List<String> checked = new ArrayList<>();
    while (matcher.find()) {
      Path source =
          ROOT.resolve(
              "src-examples/src/main/java/io/twat/cache/examples/" + matcher.group(1) + ".java");
      assertTrue(
          Files.exists(source), document.getFileName() + " names a missing example " + source);
      assertEquals(
          region(Files.readString(source), matcher.group(2)),
          matcher.group(3),
          document.getFileName()
              + " snippet "
              + matcher.group(1)
              + "#"
              + matcher.group(2)
              + " differs from its source");
      checked.add(matcher.group(1) + "#" + matcher.group(2));
    }
    Matcher any = ANY_JAVA_BLOCK.matcher(text);
    int blocks = 0;
    while (any.find()) {
      blocks++;
    }
    assertEquals(
        checked.size(),
        blocks,
        document.getFileName()
            + " has a Java block without a <!-- snippet: Example#region --> marker; take it from a"
            + " compiled example in src-examples");
    return checked;
  }

  private static String region(String source, String name) {
    int start = source.indexOf("// snippet:" + name + "\n");
    int end = source.indexOf("// end:" + name + "\n");
    assertTrue(start >= 0 && end > start, "region " + name + " not found");
    String[] lines =
        source
            .substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end) + 1)
            .lines()
            .toArray(String[]::new);
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
