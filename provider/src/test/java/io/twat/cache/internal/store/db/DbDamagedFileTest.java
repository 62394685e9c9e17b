/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.testing.LogCapture;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
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
  private Path original;

  @BeforeEach
  void writeADatabase() throws Exception {
    log = LogCapture.of(DbStore.class.getName());
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
    original = folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db");
    assertFalse(Files.exists(folder.resolve(DbStore.EMBEDDED_FILE + ".lock.db")), "closed");
  }

  @AfterEach
  void stopCapturing() {
    log.close();
  }

  @Test
  void truncated_opensAndIsWritable() throws Exception {
    for (int seed = 0; seed < SEEDS; seed++) {
      trial("truncated-" + seed, truncation(seed), /* checkValues= */ false,
          /* checkWritable= */ true);
    }
  }

  /**
   * Known gap: H2 opens a file truncated after a complete older chunk at that older state,
   * without an error, so a key may read an older value (seed 0 here: 18 of 100 keys). Nothing
   * at the SQL level tells such a file from a healthy one.
   */
  @Disabled("H2 rolls a truncated file back to its last complete chunk (issue 16, item 9)")
  @Test
  void truncated_neverReadsAnOlderValue() throws Exception {
    for (int seed = 0; seed < SEEDS; seed++) {
      trial("truncated-" + seed, truncation(seed), /* checkValues= */ true,
          /* checkWritable= */ true);
    }
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
    }, /* checkValues= */ true, /* checkWritable= */ true);

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
   * {@code checkWritable}, that a new key can be written; returns the folder. (Random bit flips
   * can leave a file that opens and reads but fails a later write, for example with its table
   * missing: damage met after opening is not recovered here.)
   */
  private Path trial(String name, Damage damage, boolean checkValues, boolean checkWritable)
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
    try {
      for (int i = 0; i < KEYS; i++) {
        String expected = "v-" + i + "-" + "x".repeat(i * 7);
        StoreEntry entry;
        try {
          entry = store.get("k" + i);
        } catch (StoreException e) {
          entry = null; // a damaged row that cannot be read is lost, not wrong
        }
        if (checkValues && entry != null && !expected.equals(entry.value())) {
          wrong.add("k" + i + "=" + entry.value());
        }
      }
      if (checkWritable) {
        store.compute("new", (key, old) -> new StoreEntry("written", StoreEntry.NEVER));
        assertEquals("written", store.get("new").value(), name + ": writable after opening");
      }
    } finally {
      store.close();
      Database.closeUnusedNow();
    }
    assertEquals(List.of(), wrong, name + ": values other than the last one written");
    long moved = EmbeddedFile.movedAside() - movedBefore;
    assertEquals(moved, movedAside(folder).size(), name + ": moved files");
    assertEquals(moved, log.messages(Level.SEVERE).size() - errorsBefore,
        name + ": one ERROR line per file moved aside");
    return folder;
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
