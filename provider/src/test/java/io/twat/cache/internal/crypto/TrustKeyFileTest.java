/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trust key file: generated private on first use, read later, and what happens when it is not
 * usable.
 */
class TrustKeyFileTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path temp;

  private Path folder;
  private LogCapture log;

  @BeforeEach
  void setUp() {
    folder = temp.resolve("manager");
    log = LogCapture.of(TrustKeyFile.class.getName());
  }

  @AfterEach
  void stopListening() {
    log.close();
  }

  @Test
  void firstUse_generatesAPrivateKeyFile_thatLaterInstancesRead() throws Exception {
    TrustKeyFile first = new TrustKeyFile(folder, Optional.empty());
    assertFalse(Files.exists(folder), "nothing is made before the first use");

    TrustKeys generated = first.get().orElseThrow();

    assertTrue(Files.isRegularFile(folder.resolve(TrustKeyFile.FILE_NAME)));
    if (PrivateFolders.isPosix(folder)) {
      assertEquals("rw-------", permissions(folder.resolve(TrustKeyFile.FILE_NAME)));
      assertEquals("rwx------", permissions(folder));
    }
    assertEquals(1, log.messages(Level.INFO).size(), () -> "INFO: " + log.messages(Level.INFO));
    assertEquals(List.of(), log.warnings());
    TrustKeys later = new TrustKeyFile(folder, Optional.empty()).get().orElseThrow();
    assertEquals(generated.currentId(), later.currentId(), "a later process reads the same key");
    assertTrue(verifies(later, signed(generated)));
    assertEquals(List.of(TrustKeyFile.FILE_NAME), names(folder), "no temporary file is left");
    assertTrue(first.get().orElseThrow() == generated, "loaded once");
  }

  @Test
  void processesGeneratingAtOnce_agreeOnOneKey() throws Exception {
    int count = 6;
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        TrustKeyFile file = new TrustKeyFile(folder, Optional.empty());
        ids.add(pool.submit(() -> {
          start.await();
          return file.get().orElseThrow().currentId();
        }));
      }
      start.countDown();
      Set<Integer> distinct = new java.util.HashSet<>();
      for (Future<Integer> id : ids) {
        distinct.add(id.get());
      }
      assertEquals(1, distinct.size(), "one key for all");
      assertEquals(List.of(TrustKeyFile.FILE_NAME), names(folder));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSharedKeyFileWithSeveralKeys_signsWithTheFirst_andVerifiesWithAll() throws Exception {
    byte[] current = randomKey();
    byte[] older = randomKey();
    String content = "# shared by the hosts\n" + base64(current) + "\n\n" + base64(older) + "\n";
    writePrivate(folder.resolve(TrustKeyFile.FILE_NAME),
        content.getBytes(StandardCharsets.US_ASCII));

    TrustKeys keys = new TrustKeyFile(folder, Optional.empty()).get().orElseThrow();

    assertEquals(TrustKeys.of(List.of(current)).currentId(), keys.currentId());
    assertTrue(verifies(keys, signed(TrustKeys.of(List.of(older)))));
    assertEquals(List.of(), log.messages(Level.INFO), "nothing generated");
  }

  @Test
  void aFileOf32RawBytes_isAKey() throws Exception {
    byte[] raw = randomKey();
    writePrivate(folder.resolve(TrustKeyFile.FILE_NAME), raw);

    assertEquals(TrustKeys.of(List.of(raw)).currentId(),
        new TrustKeyFile(folder, Optional.empty()).get().orElseThrow().currentId());
  }

  @Test
  void aDamagedFile_isMovedAside_andANewKeyGenerated_withOneWarning() throws Exception {
    byte[] damaged = "not a key at all".getBytes(StandardCharsets.US_ASCII);
    writePrivate(folder.resolve(TrustKeyFile.FILE_NAME), damaged);

    Optional<TrustKeys> keys = new TrustKeyFile(folder, Optional.empty()).get();

    assertTrue(keys.isPresent());
    Path aside = folder.resolve(TrustKeyFile.FILE_NAME + ".damaged");
    assertTrue(Arrays.equals(damaged, Files.readAllBytes(aside)));
    TrustKeys reread = new TrustKeyFile(folder, Optional.empty()).get().orElseThrow();
    assertEquals(keys.get().currentId(), reread.currentId(), "the new key is in the file");
    assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
    assertTrue(log.warnings().get(0).contains("is damaged"), log.warnings().get(0));
    assertTrue(log.warnings().get(0).contains(".damaged"), log.warnings().get(0));
  }

  @Test
  void aKeyOfTheWrongLength_isDamaged() throws Exception {
    byte[] shortKey = (base64(new byte[16]) + "\n").getBytes(StandardCharsets.US_ASCII);
    writePrivate(folder.resolve(TrustKeyFile.FILE_NAME), shortKey);

    assertTrue(new TrustKeyFile(folder, Optional.empty()).get().isPresent());

    assertTrue(log.warnings().get(0).contains("a trust key has 32 bytes"), log.warnings().get(0));
  }

  @Test
  void aFileOthersMayRead_isNotUsed_andLeftAlone_withAWarningSayingHowToFixIt() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX permissions");
    Path file = folder.resolve(TrustKeyFile.FILE_NAME);
    byte[] content = (base64(randomKey()) + "\n").getBytes(StandardCharsets.US_ASCII);
    writePrivate(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Optional<TrustKeys> keys = new TrustKeyFile(folder, Optional.empty()).get();

    assertTrue(keys.isEmpty());
    assertTrue(Arrays.equals(content, Files.readAllBytes(file)), "the file is left as it was");
    assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
    assertTrue(log.warnings().get(0).contains("chmod 600"), log.warnings().get(0));
    assertTrue(log.warnings().get(0).contains("refused"), log.warnings().get(0));
  }

  @Test
  void aFolderThatCannotBeMade_leavesNoKey_withAWarning() throws Exception {
    Files.writeString(temp.resolve("manager"), "a file where the folder should be");

    assertTrue(new TrustKeyFile(folder, Optional.empty()).get().isEmpty());

    assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
    assertTrue(log.warnings().get(0).contains("is a file, not a folder"), log.warnings().get(0));
  }

  @Test
  void generatingForASharedDatabase_warnsHowToShareTheKey() {
    assertTrue(
        new TrustKeyFile(folder, Optional.of("Copy it to the other hosts.")).get().isPresent());

    assertEquals(1, log.warnings().size(), () -> "warnings: " + log.warnings());
    String warning = log.warnings().get(0);
    assertTrue(warning.contains("Copy it to the other hosts."), warning);
    assertTrue(warning.contains(folder.resolve(TrustKeyFile.FILE_NAME).toString()), warning);
  }

  private static void writePrivate(Path file, byte[] content) throws Exception {
    PrivateFolders.prepare(file.getParent());
    Files.createFile(file, PrivateFolders.fileAttributes(file));
    Files.write(file, content);
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<String> names(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static byte[] signed(TrustKeys keys) {
    byte[] out = new byte[5 + TrustKeys.TRAILER_BYTES];
    keys.sign(out, 5);
    return out;
  }

  private static boolean verifies(TrustKeys keys, byte[] signed) {
    return keys.verify(signed, 0, signed.length);
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] randomKey() {
    byte[] key = new byte[TrustKeys.KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }
}
