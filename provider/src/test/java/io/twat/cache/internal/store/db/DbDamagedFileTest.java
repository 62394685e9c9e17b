/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged embedded database file (truncated, zeroed blocks, flipped bits) never makes the cache
 * unopenable: the file is moved aside with one ERROR line and counted, and what is read is either
 * the value written last or absent, never another one.
 */
final class DbDamagedFileTest {
  private static final int KEYS = 100;
  private static final int SEEDS = Integer.getInteger("twat.test.damageSeeds", 8);

  @TempDir
  Path temp;

  private LogCapture log;
  private LogCapture databaseLog; // damage met once open (see DbDamageWhileOpenTest)
  private Path original;

  @BeforeEach
  void writeADatabase() throws Exception {
    log = LogCapture.of(DbStore.class.getName());
    databaseLog = LogCapture.of(Database.class.getName());
    Path folder = temp.resolve("original");
    DbStore<Object> store = EmbeddedDb.open(folder, "c");
    try {
      for (String prefix : List.of("old-", "v-")) {
        for (int i = 0; i < KEYS; i++) {
          String value = prefix + i + "-" + "x".repeat(i * 7);
          store.compute("k" + i, (key, old) -> new StoreEntry(value, StoreEntry.NEVER));
        }
      }
    } finally {
      store.close();
    }
    Database.closeUnusedNow();
    // opened and closed once more by H2 alone: its last close usually marks the header clean
    try (Connection connection = EmbeddedDb.connect(folder)) {
      assertTrue(connection.isValid(/* timeout= */ 5));
    }
    original = folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db");
    assertFalse(Files.exists(folder.resolve(DbStore.EMBEDDED_FILE + ".lock.db")), "closed");
  }

  @AfterEach
  void stopCapturing() {
    log.close();
    databaseLog.close();
  }

  @Test
  void truncated_opensAndIsWritable() throws Exception {
    for (int seed = 0; seed < SEEDS; seed++) {
      trial("truncated-" + seed, truncation(seed), /* checkValues= */ false,
          /* checkWritable= */ true);
    }
  }

  /**
   * H2 opens a file truncated after a complete older chunk at that older state, without an error
   * (stale values, or no rows at all): such a file must be moved aside, counted and logged, so
   * that a key reads either its last value or, after a logged move, nothing.
   */
  @Test
  void truncated_neverReadsAnOlderValue_norLosesKeysSilently() throws Exception {
    for (int seed = 0; seed < SEEDS; seed++) {
      Trial trial = trial("truncated-" + seed, truncation(seed), /* checkValues= */ true,
          /* checkWritable= */ true);
      assertTrue(trial.missing() == 0 || trial.moved() == 1,
          "seed " + seed + ": " + trial.missing() + " keys lost without moving the file aside");
    }
  }

  /**
   * A file cut where the chunk its header names starts (the last one, after a clean close) lost
   * that chunk and what follows it: H2 alone may open it at an older state without
   * an error (before {@link RolledBackFile}, every key read nothing or its older value); it is
   * moved aside with one ERROR line instead.
   */
  @Test
  void truncatedAtItsLastChunk_isMovedAside() throws Exception {
    long before = EmbeddedFile.movedAside();
    Trial trial = trial("last-chunk", file -> {
      String header = new String(Files.readAllBytes(file), 0, 4096, StandardCharsets.ISO_8859_1);
      Matcher block = Pattern.compile("(?:^|,)block:([0-9a-f]+)").matcher(header);
      // H2 2.4.240 does not always mark the header clean on close (under load it has left it
      // unmarked); only a clean header names the last chunk, the case this test is about
      assumeTrue(header.contains(",clean:1,"), "H2 left the header unmarked: " + header);
      assertTrue(block.find(), "the header names its chunk: " + header);
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(Long.parseLong(block.group(1), 16) * 4096);
      }
    }, /* checkValues= */ true, /* checkWritable= */ true);

    assertEquals(1, trial.moved(), "moved aside");
    assertEquals(before + 1, EmbeddedFile.movedAside());
    String error = log.messages(Level.SEVERE).get(log.messages(Level.SEVERE).size() - 1);
    // H2 alone opens such a file at an older state ("older than version ..."), or, where the
    // chunks left do not make a complete older state, fails to open it
    assertTrue(error.contains("start empty"), error);
    assertEquals(KEYS, trial.missing(), "the cache starts empty");
  }

  private Damage truncation(int seed) throws IOException {
    long length = new Random(seed).nextLong(Files.size(original));
    return file -> {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(length);
      }
    };
  }

  @Test
  void zeroedBlocks_opensAndReadsOnlyRightValues() throws Exception {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      trial("zeroed-" + seed, file -> {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          long blocks = raf.length() / 4096;
          for (int n = 0; n < 2; n++) {
            raf.seek(random.nextLong(blocks) * 4096);
            raf.write(new byte[4096]);
          }
        }
      }, /* checkValues= */ true, /* checkWritable= */ true);
    }
  }

  @Test
  void flippedBits_opensAndReadsOnlyRightValues() throws Exception {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      trial("flipped-" + seed, file -> {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          for (int n = 0; n < 16; n++) {
            long at = random.nextLong(raf.length());
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ (1 << random.nextInt(8)));
          }
        }
      }, /* checkValues= */ true, /* checkWritable= */ false);
    }
  }

  @Test
  void damagedHeader_isMovedAsidePrivately_withOneErrorLine_andCounted() throws Exception {
    long before = EmbeddedFile.movedAside();
    Path folder = trial("header", file -> {
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.write(new byte[8192]); // both file headers
      }
    }, /* checkValues= */ true, /* checkWritable= */ true).folder();

    assertEquals(before + 1, EmbeddedFile.movedAside());
    List<Path> aside = movedAside(folder);
    assertEquals(1, aside.size(), aside::toString);
    if (PrivateFolders.isPosix(folder)) {
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(aside.get(0))));
    }
    List<String> errors = log.messages(Level.SEVERE);
    assertEquals(1, errors.size(), errors::toString);
    String error = errors.get(0);
    assertTrue(error.contains(folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db").toString()), error);
    assertTrue(error.contains(aside.get(0).toString()), error);
    assertTrue(error.contains("start empty"), error);
  }

  private interface Damage {
    void apply(Path file) throws IOException;
  }

  /**
   * Copies the database to a new folder, damages the copy, opens it, checks, if
   * {@code checkValues}, that every key reads its last value or nothing and, if
   * {@code checkWritable}, that a new key can be written, or, where that write meets damage,
   * that the file is then recorded as damaged and the next open moves it aside and writes;
   * returns the folder. (Random bit flips can leave a file that opens and reads but fails a
   * later write in other ways, for example with its table missing.)
   */
  private Trial trial(String name, Damage damage, boolean checkValues, boolean checkWritable)
      throws Exception {
    Path folder = temp.resolve(name);
    Files.createDirectories(folder);
    Path file = folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db");
    Files.copy(original, file, StandardCopyOption.COPY_ATTRIBUTES);
    damage.apply(file);
    int errorsBefore = log.messages(Level.SEVERE).size();
    long movedBefore = EmbeddedFile.movedAside();

    DbStore<Object> store = EmbeddedDb.open(folder, "c");
    List<String> wrong = new ArrayList<>();
    int missing = 0;
    boolean damagedWrite = false;
    try {
      for (int i = 0; i < KEYS; i++) {
        String expected = "v-" + i + "-" + "x".repeat(i * 7);
        StoreEntry entry;
        try {
          entry = store.get("k" + i);
        } catch (StoreException e) {
          // damage a read meets once the file is open is a miss (see DbDamageWhileOpenTest);
          // random bit flips can also make a row unreadable in other ways (a cache record
          // found neither by id nor by name reads as destroyed): lost, not wrong
          if (checkWritable) {
            throw e;
          }
          entry = null;
        }
        if (entry == null) {
          missing++;
        } else if (checkValues && !expected.equals(entry.value())) {
          wrong.add("k" + i + "=" + entry.value());
        }
      }
      if (checkWritable) {
        try {
          store.compute("new", (key, old) -> new StoreEntry("written", StoreEntry.NEVER));
          assertEquals("written", store.get("new").value(), name + ": writable after opening");
        } catch (StoreException e) {
          // damage the write met once the file was open: recorded beside it (one ERROR line)
          assertTrue(e.getMessage().contains("is damaged"), e::getMessage);
          assertTrue(Files.exists(folder.resolve(EmbeddedFile.DAMAGE_FOUND)), name + ": recorded");
          damagedWrite = true;
        }
      }
    } finally {
      store.close();
      Database.closeUnusedNow();
    }
    if (damagedWrite) {
      // the next open, with no other process using the file, moves it aside and writes
      try (DbStore<Object> again = EmbeddedDb.open(folder, "c")) {
        again.compute("new", (key, old) -> new StoreEntry("written", StoreEntry.NEVER));
        assertEquals("written", again.get("new").value(), name + ": writable after reopening");
      } finally {
        Database.closeUnusedNow();
      }
      assertEquals(1, EmbeddedFile.movedAside() - movedBefore, name + ": moved aside");
    }
    assertEquals(List.of(), wrong, name + ": values other than the last one written");
    long moved = EmbeddedFile.movedAside() - movedBefore;
    assertEquals(moved, movedAside(folder).size(), name + ": moved files");
    assertEquals(moved, log.messages(Level.SEVERE).size() - errorsBefore,
        name + ": one ERROR line per file moved aside");
    return new Trial(folder, missing, moved);
  }

  /** What a trial found: its folder, the keys that read nothing, the files moved aside. */
  private record Trial(Path folder, int missing, long moved) {
  }

  private static List<Path> movedAside(Path folder) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(folder, DbStore.EMBEDDED_FILE + ".mv.db.damaged-*")) {
      files.forEach(found::add);
    }
    return found;
  }
}
