/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.moduletest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.moduletest.app.Main;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider on the module path, as an application that says only
 * {@code requires io.twat.cache;} runs it: {@link Main} in a real JVM whose
 * {@code --module-path} holds the provider, cache-api, Caffeine, H2 and the application (the
 * jars of this build, or the provider's classes folder in a build that stops before
 * {@code package}), launched with {@code -m} and no other module options. Each store must get
 * its real backend (Caffeine, not the built-in LRU; the database, not the file store), with no
 * WARNING, and the application's own classes must read back from disk.
 */
class ModulePathTest {
  private static final String APP = "io.twat.moduletest.app/" + Main.class.getName();
  private static final String PROVIDER = "io.twat.cache.TwatCaches";
  private static final String CACHE_API = "javax.cache.Cache";
  private static final String CAFFEINE = "com.github.benmanes.caffeine.cache.Caffeine";
  private static final String H2 = "org.h2.Driver";
  private static final String STORED = "Note[meet here at Point[x=3, y=4]]";

  @TempDir
  Path temp;

  @Test
  void everyStore_getsItsRealBackend_andReadsTheApplicationsValuesBack() throws Exception {
    Run run = run(List.of(PROVIDER, CACHE_API, CAFFEINE, H2));

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.fact("module provider").endsWith(" explicit"), run::describe);
    assertEquals("io.twat.cache.spi.TwatCachingProvider", run.fact("provider"), run::describe);
    assertTrue(run.fact("backend memory").startsWith("heap(caffeine"), run::describe);
    assertTrue(run.fact("backend file").startsWith("file("), run::describe);
    assertTrue(run.fact("backend db").startsWith("db(jdbc:h2:"), run::describe);
    assertTrue(run.fact("backend universal").startsWith("heap(caffeine"), run::describe);
    assertTrue(run.fact("backend universal").contains("-> file("), run::describe);
    assertTrue(run.fact("backend universal-db").startsWith("heap(caffeine"), run::describe);
    assertTrue(run.fact("backend universal-db").contains("-> db(jdbc:h2:"), run::describe);
    assertTrue(run.fact("backend universal-db").contains("| file("), run::describe);
    for (String store : List.of("memory", "file", "db", "universal", "universal-db")) {
      assertEquals(STORED, run.fact("read " + store), run::describe);
      assertEquals(run.fact("backend " + store), run.fact("jmx " + store), run::describe);
    }
    assertFalse(run.stderr.contains("WARNING"), run::describe);
  }

  @Test
  void withoutH2_twatDbFallsBackToTheFileStore_withAWarningNamingTheModulePath()
      throws Exception {
    Run run = run(List.of(PROVIDER, CACHE_API, CAFFEINE));

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.fact("backend memory").startsWith("heap(caffeine"), run::describe);
    assertTrue(run.fact("backend db").startsWith("file("), run::describe);
    assertEquals(STORED, run.fact("read db"), run::describe);
    assertEquals(STORED, run.fact("read universal-db"), run::describe);
    assertTrue(run.stderr.contains("H2 (org.h2.Driver) was not found on the module path: twat:db"),
        run::describe);
    assertFalse(run.stderr.contains("Caffeine ("), run::describe);
  }

  @Test
  void withoutCaffeine_theJvmRefusesToStart_namingTheMissingModule() throws Exception {
    Run run = run(List.of(PROVIDER, CACHE_API, H2));

    assertNotEquals(0, run.exitCode, run::describe);
    // The launcher prints the boot layer's failure on standard output.
    assertTrue((run.stdout + run.stderr).contains(
        "Module com.github.benmanes.caffeine not found, required by io.twat.cache"), run::describe);
  }

  /** Runs the application with the jars of these classes and its own on the module path. */
  private Run run(List<String> libraries) throws Exception {
    List<String> modulePath = new ArrayList<>();
    for (String library : libraries) {
      modulePath.add(location(Class.forName(library, /* initialize= */ false,
          ModulePathTest.class.getClassLoader())));
    }
    modulePath.add(location(Main.class));
    Path data = Files.createDirectories(temp.resolve("data"));
    Path stdout = temp.resolve("stdout.txt");
    Path stderr = temp.resolve("stderr.txt");
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dtwat.cache.dir=" + temp.resolve("disk-root"),
        "--module-path", String.join(File.pathSeparator, modulePath),
        "-m", APP, data.toString());
    Process process = new ProcessBuilder(command)
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try {
      assertTrue(process.waitFor(2, TimeUnit.MINUTES), () -> "the application finished; stderr: "
          + readQuietly(stderr));
      return new Run(command, process.exitValue(), Files.readString(stdout),
          Files.readString(stderr));
    } finally {
      process.destroyForcibly();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Returns the jar (or classes folder) a class was loaded from. */
  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** What the application printed: one fact per line, {@code <what> <store> <text>}. */
  private static final class Run {
    private final List<String> command;
    private final int exitCode;
    private final String stdout;
    private final String stderr;
    private final Map<String, String> facts = new HashMap<>();

    Run(List<String> command, int exitCode, String stdout, String stderr) {
      this.command = command;
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
      for (String line : stdout.split("\\R", -1)) {
        String[] words = line.split(" ", 3);
        if (words.length == 3) {
          facts.put(words[0] + " " + words[1], words[2]);
        } else if (words.length == 2) {
          facts.put(words[0], words[1]);
        }
      }
    }

    /** Returns what the application printed after {@code key}, or a note that it did not. */
    String fact(String key) {
      return facts.getOrDefault(key, "(nothing printed for " + key + ")");
    }

    String describe() {
      return "exit code " + exitCode + " of " + String.join(" ", command) + "\nstdout:\n" + stdout
          + "\nstderr:\n" + stderr.lines().limit(80).collect(Collectors.joining("\n"));
    }
  }
}
