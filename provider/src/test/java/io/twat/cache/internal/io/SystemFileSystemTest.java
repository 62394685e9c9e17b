/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSystem#system()} does what {@code java.nio.file} does, with the same exceptions. */
final class SystemFileSystemTest {
  private final FileSystem files = FileSystem.system();

  @TempDir
  Path temp;

  private static ByteBuffer[] parts(String... texts) {
    ByteBuffer[] parts = new ByteBuffer[texts.length];
    for (int i = 0; i < texts.length; i++) {
      parts[i] = ByteBuffer.wrap(texts[i].getBytes(StandardCharsets.UTF_8));
    }
    return parts;
  }

  @Test
  void writeNew_writesThePartsInOrder_andReadAllBytesReadsThemBack() throws Exception {
    Path file = temp.resolve("f");
    ByteBuffer[] parts = parts("head-", "", "body-", "tail");

    files.writeNew(file, parts, /* force= */ true);

    assertEquals("head-body-tail", Files.readString(file));
    assertArrayEquals("head-body-tail".getBytes(StandardCharsets.UTF_8), files.readAllBytes(file));
    for (ByteBuffer part : parts) {
      assertFalse(part.hasRemaining(), "every part is consumed");
    }
  }

  @Test
  void writeNew_refusesAFileThatExists_andLeavesIt() throws Exception {
    Path file = Files.writeString(temp.resolve("f"), "old");

    assertThrows(FileAlreadyExistsException.class,
        () -> files.writeNew(file, parts("new"), /* force= */ false));

    assertEquals("old", Files.readString(file));
  }

  @Test
  void readAllBytes_ofAMissingFile_isNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> files.readAllBytes(temp.resolve("missing")));
  }

  @Test
  void moveAtomically_replacesTheTarget() throws Exception {
    Path source = Files.writeString(temp.resolve("new"), "new");
    Path target = Files.writeString(temp.resolve("old"), "old");

    files.moveAtomically(source, target);

    assertFalse(Files.exists(source));
    assertEquals("new", Files.readString(target));
  }

  @Test
  void forceFolder_andForceOfAnOpenFile_succeedOnALocalFolder() throws Exception {
    Path file = temp.resolve("f");
    try (FileChannel channel = files.open(file,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
      channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      channel.force(/* metaData= */ false);
    }

    files.forceFolder(temp);

    assertEquals(3, files.size(file));
  }

  @Test
  void folders_areCreatedListedAndDeleted() throws Exception {
    Path folder = temp.resolve("a").resolve("b");

    files.createDirectories(folder);
    Files.writeString(folder.resolve("x"), "x");
    List<Path> listed = new ArrayList<>();
    try (DirectoryStream<Path> stream = files.list(folder)) {
      stream.forEach(listed::add);
    }

    assertTrue(files.isDirectory(folder));
    assertEquals(List.of(folder.resolve("x")), listed);
    assertTrue(files.deleteIfExists(folder.resolve("x")));
    assertFalse(files.deleteIfExists(folder.resolve("x")), "deleting nothing says so");
    assertFalse(files.exists(folder.resolve("x")));
    assertThrows(NoSuchFileException.class, () -> files.list(temp.resolve("missing")));
  }

  @Test
  void attributes_showTheSizeAndTheTimeSet() throws Exception {
    Path file = Files.write(temp.resolve("f"), new byte[42]);

    files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L));

    assertEquals(42, files.attributes(file).size());
    assertEquals(1_000_000L, files.attributes(file).lastModifiedTime().toMillis());
    assertThrows(NoSuchFileException.class, () -> files.attributes(temp.resolve("missing")));
  }
}
