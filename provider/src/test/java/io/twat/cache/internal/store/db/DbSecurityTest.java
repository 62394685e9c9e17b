/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.store.StoreException;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's exposure: its mixed-mode server listens on loopback only, its files
 * are 0600 whatever the umask, and its folder may be a link to a private folder.
 */
final class DbSecurityTest {
  private static final String RW_OWNER = "rw-------";

  @TempDir
  Path temp;

  private final List<DbStore<?>> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(DbStore::close);
  }

  private DbStore<Object> open(Path folder, String name) throws StoreException {
    DbStore<Object> store = EmbeddedDb.open(folder, name);
    opened.add(store);
    return store;
  }

  private static boolean linux() {
    return Files.isReadable(Path.of("/proc/net/tcp"))
        && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  private static String permissions(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void mixedModeServer_listensOnLoopbackOnly() throws Exception {
    assumeTrue(linux(), "reads the listening sockets from /proc/net/tcp and tcp6 (Linux only)");
    Path folder = temp.resolve("db");
    open(folder, "c");

    Path lock = folder.resolve(DbStore.EMBEDDED_FILE + ".lock.db");
    Optional<Integer> port = LoopbackServer.serverPort(lock);
    assertTrue(port.isPresent(), "the lock file names the server's port");
    assertTrue(LoopbackServer.ownSockets().size() > 0, "this process has the server's socket");
    // every socket on the port, this process's or another's
    assertEquals(List.of(), LoopbackServer.exposedListeners(port.get(), Set.of()));
    String bound = LoopbackServer.effectiveBindAddress();
    assertTrue(InetAddress.getByName(bound).isLoopbackAddress(), bound);
  }

  @Test
  void procAddresses_decodeLoopbackAndEveryInterface() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN,
        "the samples are /proc/net/tcp lines of a little-endian host");
    assertEquals("127.0.0.1", LoopbackServer.procAddress("0100007F").getHostAddress());
    assertTrue(LoopbackServer.procAddress("0100007F").isLoopbackAddress());
    assertTrue(LoopbackServer.procAddress("00000000").isAnyLocalAddress());
    assertTrue(LoopbackServer.procAddress("00000000000000000000000000000000")
        .isAnyLocalAddress());
    assertTrue(LoopbackServer.procAddress("00000000000000000000000001000000")
        .isLoopbackAddress(), "::1");
    assertTrue(LoopbackServer.procAddress("0000000000000000FFFF00000100007F")
        .isLoopbackAddress(), "::ffff:127.0.0.1");
    assertFalse(LoopbackServer.procAddress("0200000A").isLoopbackAddress(), "10.0.0.2");
  }

  @Test
  void lockFile_ofEmbeddedMixedModeUrlsOnly() {
    Path folder = temp.toAbsolutePath();
    assertEquals(Optional.of(folder.resolve("twat-cache.lock.db")),
        LoopbackServer.lockFile(DbStore.embeddedUrl(folder)));
    assertEquals(Optional.of(Path.of("/x/data.lock.db")),
        LoopbackServer.lockFile("jdbc:h2:file:/x/data;auto_server=true"));
    assertEquals(Optional.empty(), LoopbackServer.lockFile("jdbc:h2:file:/x/data"));
    assertEquals(Optional.empty(),
        LoopbackServer.lockFile("jdbc:h2:tcp://host/x;AUTO_SERVER=TRUE"));
    assertEquals(Optional.empty(), LoopbackServer.lockFile("jdbc:postgresql://host/db"));
  }

  @Test
  void h2BindAddress_isSetToLoopbackBeforeH2Loads() throws Exception {
    // DbStore's class sets it (a value the user set would be kept)
    assertTrue(DbStore.embeddedUrl(temp).contains("AUTO_SERVER=TRUE"));
    String property = System.getProperty(LoopbackServer.BIND_PROPERTY);
    assertTrue(property != null && InetAddress.getByName(property).isLoopbackAddress(),
        String.valueOf(property));
  }

  @Test
  void databaseFiles_are0600AfterOpen_evenWhenMadeWorldReadable() throws Exception {
    Path folder = temp.resolve("db");
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX permissions only");
    open(folder, "first");
    Path data = folder.resolve(DbStore.EMBEDDED_FILE + ".mv.db");
    Path lock = folder.resolve(DbStore.EMBEDDED_FILE + ".lock.db");
    assertEquals(RW_OWNER, permissions(data));
    assertEquals(RW_OWNER, permissions(lock));
    assertEquals("rwx------", permissions(folder));

    // what a umask of 000 would have made them; the next store to open fixes them
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-rw-"));
    open(folder, "second");

    assertEquals(RW_OWNER, permissions(data));
    assertEquals(RW_OWNER, permissions(lock));
  }

  @Test
  void folderThatIsALinkToAPrivateFolder_opens() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX permissions only");
    Path real = Files.createDirectory(temp.resolve("real"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);

    DbStore<Object> store = open(link, "linked");

    assertTrue(store.url().contains(link.toString()), store.url());
    assertTrue(Files.exists(real.resolve(DbStore.EMBEDDED_FILE + ".mv.db")));
  }

  @Test
  void folderThatIsALinkToAnOpenFolder_isRefusedByTheFolderItLeadsTo() throws Exception {
    assumeTrue(PrivateFolders.isPosix(temp), "POSIX permissions only");
    Path real = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);

    StoreException thrown = assertThrows(StoreException.class, () -> open(link, "linked"));

    assertTrue(thrown.getMessage().contains("writable by its group or by others (rwxrwxrwx)"),
        thrown.getMessage());
    assertFalse(Files.exists(real.resolve(DbStore.EMBEDDED_FILE + ".mv.db")));
  }
}
