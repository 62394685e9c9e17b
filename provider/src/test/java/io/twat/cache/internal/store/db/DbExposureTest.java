/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.testing.ChildJvms;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM whose H2 would serve the embedded database beyond loopback refuses to open it, says why
 * and how to fix it, and leaves no socket of its own listening beyond loopback.
 */
final class DbExposureTest {
  @TempDir
  Path temp;

  private ChildJvms jvms;

  @BeforeEach
  void prepare() {
    jvms = new ChildJvms(ExposedServerWorker.class, temp);
  }

  @AfterEach
  void killLeftovers() {
    jvms.close();
  }

  private String[] run(String mode) throws Exception {
    Path folder = temp.resolve(mode);
    Process process = jvms.start(mode + ".log", mode, folder.toString());
    BufferedReader output = ChildJvms.output(process);
    String[] lines = {output.readLine(), output.readLine()};
    jvms.finish(process, mode + ".log", /* minutes= */ 2);
    return lines;
  }

  /**
   * Checks that the refused database was closed, and its server with it: the lock file that
   * names the server's port is gone, or (Linux) no socket of the child listens on the port
   * beyond loopback.
   */
  private static void assertServerGone(String exposed) {
    assertTrue(exposed.equals("exposed: unknown") || exposed.equals("exposed: []"), exposed);
  }

  @Test
  void h2LoadedBeforeTwatCache_opensWithOneWarningNamingTheSystemProperty() throws Exception {
    String[] lines = run("early-h2");

    assertEquals("opened", lines[0], "an application's own H2 must not make twat:db unusable");
    String log = Files.readString(temp.resolve("early-h2.log"));
    assertTrue(log.contains("every interface"), log);
    assertTrue(log.contains("-Dh2.bindAddress=127.0.0.1"), log);
  }

  @Test
  void bindAddressSetToEveryInterface_refusesNamingTheSetting() throws Exception {
    String[] lines = run("bind-all");

    assertTrue(lines[0].startsWith("refused: Refusing to open"), lines[0]);
    assertTrue(lines[0].contains("h2.bindAddress is set to \"0.0.0.0\""), lines[0]);
    assertServerGone(lines[1]);
  }
}
