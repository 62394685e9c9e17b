package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real JVMs on one twat:universal folder: read-modify-write never works on a heap tier's
 * stale copy.
 */
final class UniversalProcessesTest {
  @TempDir
  Path temp;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), UniversalWorker.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    started.add(process);
    return process;
  }

  @Test
  void threeJvmsInvokingIncrementsOnOneKey_countExactlyEveryIncrement() throws Exception {
    Path dir = temp.resolve("shared");
    List<Process> workers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      workers.add(start(temp.resolve("worker" + i + ".log"), "increment", dir.toString(), "300"));
    }
    List<BufferedReader> outputs = new ArrayList<>();
    for (Process worker : workers) {
      BufferedReader output = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("ready", output.readLine());
      outputs.add(output);
    }
    for (Process worker : workers) {
      worker.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      worker.getOutputStream().flush();
    }

    for (int i = 0; i < workers.size(); i++) {
      Process worker = workers.get(i);
      String output = outputs.get(i).readLine();
      assertTrue(worker.waitFor(3, TimeUnit.MINUTES), "worker " + i + " finished");
      assertEquals(0, worker.exitValue(), "worker " + i + " exit code; stderr: "
          + Files.readString(temp.resolve("worker" + i + ".log")));
      assertEquals("done", output);
    }

    TwatCachingProvider provider = new TwatCachingProvider();
    try {
      Cache<String, Integer> cache = provider.getCacheManager(UniversalWorker.uri(dir.toString()), null)
          .createCache(UniversalWorker.CACHE, UniversalWorker.configuration());
      assertEquals(900, cache.get(UniversalWorker.KEY));
    } finally {
      provider.close();
    }
  }
}
