/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.db.Journal.Contents;
import io.twat.cache.internal.store.db.Journal.Entry;
import io.twat.cache.internal.store.db.Journal.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file's format and its recovery from a torn or damaged tail. */
final class JournalTest {
  @TempDir
  Path folder;

  private static final List<Entry> WRITTEN = List.of(
      new Entry(1, 0, Kind.ROW, bytes(100, 1)),
      new Entry(1, 7, Kind.DELETE, bytes(12, 2)),
      new Entry(2, 0, Kind.ROW, bytes(0, 3)),
      new Entry(2, 0, Kind.ABORT, bytes(0, 4)),
      new Entry(3, 65_535, Kind.ROW, bytes(1_100, 5)));

  @Test
  void recordsAppended_readBackWhole_inOrder() throws Exception {
    byte[] file = written();

    Contents contents = Journal.read(file);

    assertEquals(42L, contents.id());
    assertFalse(contents.stoppedEarly());
    assertEntries(WRITTEN, contents.entries());
  }

  @Test
  void everyTruncation_keepsTheWholeRecordsBeforeTheCut() throws Exception {
    byte[] file = written();
    List<Integer> ends = recordEnds();

    for (int length = Journal.HEADER; length <= file.length; length++) {
      Contents contents = Journal.read(Arrays.copyOf(file, length));

      int whole = 0;
      while (whole < ends.size() && ends.get(whole) <= length) {
        whole++;
      }
      assertEntries(WRITTEN.subList(0, whole), contents.entries());
      assertEquals(!ends.contains(length) && length != Journal.HEADER, contents.stoppedEarly(),
          "cut at " + length);
    }
  }

  @Test
  void aDamagedRecord_endsTheJournalThere_andTheRecordsBeforeItStay() throws Exception {
    byte[] file = written();
    List<Integer> ends = recordEnds();
    SplittableRandom random = new SplittableRandom(18);

    for (int round = 0; round < 4_000; round++) {
      int record = random.nextInt(WRITTEN.size());
      int start = record == 0 ? Journal.HEADER : ends.get(record - 1);
      int at = start + random.nextInt(ends.get(record) - start);
      byte[] damaged = file.clone();
      damaged[at] ^= (byte) (1 + random.nextInt(255));

      Contents contents = Journal.read(damaged);

      assertTrue(contents.stoppedEarly(), "byte " + at + " of record " + record);
      assertEntries(WRITTEN.subList(0, record), contents.entries());
    }
  }

  @Test
  void aDamagedOrTornHeader_isNotAJournal() throws Exception {
    byte[] file = written();

    for (int at = 0; at < Journal.HEADER; at++) {
      byte[] damaged = file.clone();
      damaged[at] ^= 0x10;
      assertThrows(IOException.class, () -> Journal.read(damaged), "byte " + at);
    }
    for (int length = 0; length < Journal.HEADER; length++) {
      byte[] torn = Arrays.copyOf(file, length);
      assertThrows(IOException.class, () -> Journal.read(torn), length + " bytes");
    }
  }

  @Test
  void truncate_leavesTheHeader_andAppendsGoOnAfterIt() throws Exception {
    Path path = folder.resolve("j");
    try (Journal journal = Journal.create(FileSystem.system(), path, 9)) {
      journal.append(1, 1, Kind.ROW, bytes(50, 1));
      journal.truncate();
      journal.append(2, 1, Kind.DELETE, bytes(5, 2));
    }

    Contents contents = Journal.read(Files.readAllBytes(path));

    assertEntries(List.of(new Entry(2, 1, Kind.DELETE, bytes(5, 2))), contents.entries());
  }

  @Test
  void create_refusesAnExistingFile_andAppendRefusesBadArguments() throws Exception {
    Path path = folder.resolve("j");
    try (Journal journal = Journal.create(FileSystem.system(), path, 1)) {
      assertThrows(IOException.class, () -> Journal.create(FileSystem.system(), path, 2));
      assertThrows(IllegalArgumentException.class,
          () -> journal.append(0, 0, Kind.ROW, bytes(1, 1)));
      assertThrows(IllegalArgumentException.class,
          () -> journal.append(1, 65_536, Kind.ROW, bytes(1, 1)));
      assertThrows(IllegalArgumentException.class,
          () -> journal.append(1, -1, Kind.ROW, bytes(1, 1)));
    }
    assertEquals(Journal.HEADER, Files.size(path), "nothing was written by a refused append");
  }

  private byte[] written() throws IOException {
    Path path = folder.resolve("journal-" + System.nanoTime());
    try (Journal journal = Journal.create(FileSystem.system(), path, 42)) {
      for (Entry entry : WRITTEN) {
        journal.append(entry.seq(), entry.stripe(), entry.kind(), entry.payload());
      }
    }
    return Files.readAllBytes(path);
  }

  /** Returns where each record of {@link #WRITTEN} ends in the file. */
  private static List<Integer> recordEnds() {
    List<Integer> ends = new ArrayList<>();
    int at = Journal.HEADER;
    for (Entry entry : WRITTEN) {
      at += Journal.RECORD_HEAD + entry.payload().length + Journal.RECORD_TAIL;
      ends.add(at);
    }
    return ends;
  }

  private static void assertEntries(List<Entry> expected, List<Entry> actual) {
    assertEquals(expected.size(), actual.size(), "records");
    for (int i = 0; i < expected.size(); i++) {
      Entry e = expected.get(i);
      Entry a = actual.get(i);
      assertEquals(e.seq(), a.seq());
      assertEquals(e.stripe(), a.stripe());
      assertEquals(e.kind(), a.kind());
      assertArrayEquals(e.payload(), a.payload());
    }
  }

  private static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
