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
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's Java snippets true: each block marked {@code <!-- snippet: File#region -->}
 * must equal the region between {@code // snippet:region} and {@code // end:region} in that
 * example's source, so no snippet can drift from code that compiles and runs.
 */
class ReadmeSnippetsTest {
  private static final Pattern MARKED_BLOCK =
      Pattern.compile("<!-- snippet: (\\w+)#(\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyMarkedReadmeSnippet_matchesItsExampleSource() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    String readme = Files.readString(root.resolve("README.md"));
    Matcher matcher = MARKED_BLOCK.matcher(readme);
    List<String> checked = new ArrayList<>();
    while (matcher.find()) {
      Path source = root.resolve("src-examples/src/main/java/io/twat/cache/examples/" + matcher.group(1) + ".java");
      assertTrue(Files.exists(source), "README names a missing example " + source);
      assertEquals(region(Files.readString(source), matcher.group(2)), matcher.group(3),
          "README snippet " + matcher.group(1) + "#" + matcher.group(2) + " differs from its source");
      checked.add(matcher.group(1) + "#" + matcher.group(2));
    }
    assertFalse(checked.isEmpty(), "README has no marked snippets");
  }

  private static String region(String source, String name) {
    int start = source.indexOf("// snippet:" + name + "\n");
    int end = source.indexOf("// end:" + name + "\n");
    assertTrue(start >= 0 && end > start, "region " + name + " not found");
    String[] lines = source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end) + 1).split("\n");
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
