/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.io;

import static io.twat.cache.testing.FaultyFileSystem.anyPath;
import static io.twat.cache.testing.FaultyFileSystem.nameEndsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.testing.FaultyFileSystem;
import io.twat.cache.testing.FaultyFileSystem.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test file system fails what it is told to, where it is told to, and nothing else. */
final class FaultyFileSystemTest {
  private final FaultyFileSystem files = new FaultyFileSystem(FileSystem.system());

  @TempDir
  Path temp;

  private static ByteBuffer[] bytes(int... lengths) {
    ByteBuffer[] parts = new ByteBuffer[lengths.length];
    for (int i = 0; i < lengths.length; i++) {
      byte[] part = new byte[lengths[i]];
      Arrays.fill(part, (byte) (i + 1));
      parts[i] = ByteBuffer.wrap(part);
    }
    return parts;
  }

  @Test
  void withoutFaults_everyOperationGoesThrough() throws Exception {
    Path file = temp.resolve("f");

    files.writeNew(file, bytes(3, 4), /* force= */ true);
    files.moveAtomically(file, temp.resolve("g"));
    files.forceFolder(temp);

    assertEquals(7, files.size(temp.resolve("g")));
    assertArrayEquals(new byte[] {1, 1, 1, 2, 2, 2, 2}, files.readAllBytes(temp.resolve("g")));
    assertEquals(0, files.faultsRaised());
  }

  @Test
  void failedWrite_failsOnlyTheMatchingPaths_untilCleared() throws Exception {
    files.fail(Operation.WRITE, nameEndsWith(".tmp"));

    IOException e = assertThrows(IOException.class,
        () -> files.writeNew(temp.resolve("a.tmp"), bytes(5), /* force= */ false));
    files.writeNew(temp.resolve("a"), bytes(5), /* force= */ false);

    assertTrue(e.getMessage().contains("Simulated WRITE failure"), e.getMessage());
    assertEquals(0, Files.size(temp.resolve("a.tmp")), "created, nothing written");
    assertEquals(5, Files.size(temp.resolve("a")));
    assertEquals(1, files.faultsRaised());
    files.clearFaults();
    files.writeNew(temp.resolve("b.tmp"), bytes(5), /* force= */ false);
    assertEquals(5, Files.size(temp.resolve("b.tmp")));
  }

  @Test
  void fullDisk_writesWhatFits_thenNoSpaceLeftOnDevice() throws Exception {
    files.fillDiskAfter(10);
    Path file = temp.resolve("f");

    IOException e = assertThrows(IOException.class,
        () -> files.writeNew(file, bytes(4, 4, 4), /* force= */ false));

    assertEquals("No space left on device", e.getMessage());
    assertArrayEquals(new byte[] {1, 1, 1, 1, 2, 2, 2, 2, 3, 3}, Files.readAllBytes(file),
        "the bytes that fitted are on disk, as on a real full disk");
    assertThrows(IOException.class, () -> files.writeNew(temp.resolve("g"), bytes(1), false));
    Files.delete(file);
    files.clearFaults();
    files.writeNew(file, bytes(4, 4, 4), /* force= */ false);
    assertEquals(12, Files.size(file));
  }

  @Test
  void fullDisk_leavesRoomForExactlyTheBytesGiven() throws Exception {
    files.fillDiskAfter(8);

    files.writeNew(temp.resolve("f"), bytes(8), /* force= */ false);

    assertThrows(IOException.class, () -> files.writeNew(temp.resolve("g"), bytes(1), false));
  }

  @Test
  void failedMove_matchesTheSourceOrTheTarget_withTheExceptionGiven() throws Exception {
    Path source = Files.writeString(temp.resolve("source"), "s");
    files.fail(Operation.MOVE, path -> path.getFileName().toString().equals("target"),
        path -> new AtomicMoveNotSupportedException(null, path.toString(), "simulated"));

    assertThrows(AtomicMoveNotSupportedException.class,
        () -> files.moveAtomically(source, temp.resolve("target")));
    files.moveAtomically(source, temp.resolve("other"));

    assertEquals("s", Files.readString(temp.resolve("other")));
  }

  @Test
  void failedForce_ofAFileOrAFolder() throws Exception {
    files.fail(Operation.FORCE, anyPath());

    assertThrows(IOException.class, () -> files.forceFolder(temp));
    assertThrows(IOException.class, () -> files.writeNew(temp.resolve("f"), bytes(3), true));
    files.writeNew(temp.resolve("g"), bytes(3), /* force= */ false);

    assertEquals(3, Files.size(temp.resolve("f")), "written, but not forced");
    assertEquals(2, files.faultsRaised());
  }

  @Test
  void failedOpenReadDeleteListAndAttributes() throws Exception {
    Path file = Files.write(temp.resolve("f"), new byte[] {1});
    files.fail(Operation.READ, anyPath());
    try (FileChannel channel = files.open(file, Set.of(StandardOpenOption.READ))) {
      assertThrows(IOException.class, () -> channel.read(ByteBuffer.allocate(1)));
      assertThrows(IOException.class, () -> channel.map(FileChannel.MapMode.READ_ONLY, 0, 1));
    }
    files.fail(Operation.OPEN, anyPath());
    files.fail(Operation.DELETE, anyPath());
    files.fail(Operation.LIST, anyPath());
    files.fail(Operation.ATTRIBUTES, anyPath());
    files.fail(Operation.CREATE_DIRECTORIES, anyPath());

    assertThrows(IOException.class, () -> files.readAllBytes(file));
    assertThrows(IOException.class, () -> files.deleteIfExists(file));
    assertThrows(IOException.class, () -> files.list(temp));
    assertThrows(IOException.class, () -> files.size(file));
    assertThrows(IOException.class, () -> files.attributes(file));
    assertThrows(IOException.class, () -> files.createDirectories(temp.resolve("d")));
    assertTrue(files.exists(file), "asking whether a file exists never fails");
  }

  @Test
  void privateFolders_createTheFolderThroughTheFileSystem() {
    files.fail(Operation.CREATE_DIRECTORIES, anyPath());
    Path folder = temp.resolve("cache");

    UnsafeFolderException e = assertThrows(UnsafeFolderException.class,
        () -> PrivateFolders.prepare(folder, files));

    assertTrue(e.getMessage().contains("Could not create the cache folder " + folder),
        e.getMessage());
    assertTrue(e.getMessage().contains("Simulated CREATE_DIRECTORIES failure"), e.getMessage());
  }
}
