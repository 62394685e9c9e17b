/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Keeps the socket of H2's mixed mode ({@code AUTO_SERVER=TRUE}) on the loopback interface.
 *
 * <p>In mixed mode the first process that opens a database file serves it to the others over
 * TCP, and H2 binds that server socket to every interface unless its system property
 * {@value #BIND_PROPERTY} names an address. Whoever reaches the port and knows the key in the
 * lock file gets full SQL, which in H2 includes running Java. So:
 * <ul>
 *   <li>{@link #bindToLoopback()} sets {@value #BIND_PROPERTY} to the loopback address unless the
 *       user set it. H2 reads the property once, when its {@code SysProperties} class loads, so
 *       this runs before twat-cache loads H2 (see {@link DbStore} and {@link Database}); the
 *       setting holds for every H2 server of the JVM.</li>
 *   <li>{@link #check} refuses a database whose server would listen, or listens, beyond loopback
 *       because the user set {@value #BIND_PROPERTY} so: H2's effective bind address in this JVM
 *       (its {@code SysProperties.BIND_ADDRESS}) must be a loopback address, and on Linux no
 *       listening socket of this process on the port written in the lock file may have another
 *       local address ({@code /proc/net/tcp} and {@code tcp6}). When H2 was loaded before
 *       twat-cache (an application's own H2 database, say) and so binds every interface, it logs
 *       one WARNING with the fix ({@code -Dh2.bindAddress=127.0.0.1}) and opens: refusing would
 *       make twat:db unusable beside an H2 application database.</li>
 * </ul>
 *
 * <p>Thread-safe; its only state is whether that WARNING was logged.
 */
final class LoopbackServer {
  /** H2's system property for the address its servers bind to. */
  static final String BIND_PROPERTY = "h2.bindAddress";
  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  private static final String SYS_PROPERTIES = "org.h2.engine.SysProperties";
  private static final String LISTEN = "0A";
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final AtomicBoolean EARLY_H2_WARNED = new AtomicBoolean();

  private LoopbackServer() {
  }

  /** Sets H2's bind address to the loopback address, unless it is set already. */
  static void bindToLoopback() {
    synchronized (LoopbackServer.class) {
      if (System.getProperty(BIND_PROPERTY) == null) {
        System.setProperty(BIND_PROPERTY, InetAddress.getLoopbackAddress().getHostAddress());
      }
    }
  }

  /**
   * Returns the lock file of an embedded H2 database in mixed mode, or empty if {@code url} is
   * not such a URL (a server, an in-memory database, or a file without {@code AUTO_SERVER}).
   */
  static Optional<Path> lockFile(String url) {
    if (!url.toLowerCase(Locale.ROOT).contains(";auto_server=true")) {
      return Optional.empty();
    }
    return DbStore.embeddedBase(url).map(base -> Path.of(base + ".lock.db"));
  }


  /**
   * Checks that the database at {@code url}, if it is an embedded one in mixed mode, is served
   * on the loopback interface only.
   *
   * @throws StoreException saying where the server listens, or would, and how to fix it
   */
  static void check(String url) throws StoreException {
    Optional<Path> lock = lockFile(url);
    if (lock.isEmpty()) {
      return;
    }
    String effective = effectiveBindAddress();
    if (effective != null && !isLoopback(effective) && !chosenByUser()) {
      // H2 was loaded (by the application's own H2 database, say) before twat-cache could set the
      // bind address: refusing would make twat:db unusable beside an H2 application database, so
      // say once what is exposed and how to fix it, and go on.
      if (EARLY_H2_WARNED.compareAndSet(false, true)) {
        LOG.log(System.Logger.Level.WARNING, "H2 serves " + url + " to other processes (mixed "
            + "mode, AUTO_SERVER=TRUE) on " + describe(effective) + ", beyond this host's "
            + "loopback interface, where anyone who reaches the port with the key from its lock "
            + "file could run SQL. " + fix());
      }
      return;
    }
    if (effective != null && !isLoopback(effective)) {
      throw new StoreException("Refusing to open " + url + ": H2 would serve it to other "
          + "processes (mixed mode, AUTO_SERVER=TRUE) on " + describe(effective) + ", beyond "
          + "this host's loopback interface, and anyone who reaches that port with the key "
          + "could run SQL and Java in this process. " + fix());
    }
    Optional<Integer> port = serverPort(lock.get());
    if (port.isEmpty() || !Files.isReadable(Path.of("/proc/net/tcp"))) {
      return;
    }
    List<String> exposed = exposedListeners(port.get(), ownSockets());
    if (!exposed.isEmpty()) {
      throw new StoreException("Refusing to open " + url + ": this process serves it to other "
          + "processes (mixed mode, AUTO_SERVER=TRUE) on port " + port.get() + " at "
          + String.join(", ", exposed) + ", beyond this host's loopback interface. "
          + fix());
    }
  }

  /** Returns whether the user set H2's bind address to an address beyond loopback. */
  private static boolean chosenByUser() {
    String property = System.getProperty(BIND_PROPERTY);
    return property != null && !isLoopback(property);
  }

  private static String fix() {
    String property = System.getProperty(BIND_PROPERTY);
    if (property != null && !isLoopback(property)) {
      return "The system property " + BIND_PROPERTY + " is set to \"" + property + "\"; remove "
          + "it or set it to 127.0.0.1.";
    }
    return "H2 was loaded before twat-cache could set " + BIND_PROPERTY + " (H2 reads it once): "
        + "start the JVM with -D" + BIND_PROPERTY + "=127.0.0.1.";
  }

  private static String describe(String address) {
    return address.isEmpty() ? "every interface" : "the address " + address;
  }

  /**
   * Returns the address H2's servers bind to in this JVM ("" for every interface), or null if
   * H2's class cannot tell (another version of H2).
   */
  static String effectiveBindAddress() {
    try {
      Class<?> type = Class.forName(SYS_PROPERTIES, /* initialize= */ true,
          LoopbackServer.class.getClassLoader());
      Object value = type.getField("BIND_ADDRESS").get(null);
      return value == null ? "" : value.toString().trim();
    } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
      LOG.log(Level.DEBUG, "Could not read H2's bind address: {0}", e.toString());
      return null;
    }
  }

  /** Returns whether {@code address} is empty (every interface) or not a loopback address. */
  private static boolean isLoopback(String address) {
    if (address.isEmpty()) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Returns the port H2 wrote into its lock file ({@code server=host:port}), if it did. */
  static Optional<Integer> serverPort(Path lockFile) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(lockFile)) {
      properties.load(in);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not read the lock file {0}: {1}", lockFile, e.toString());
      return Optional.empty();
    }
    String server = properties.getProperty("server", "");
    int colon = server.lastIndexOf(':');
    try {
      return colon < 0 ? Optional.empty()
          : Optional.of(Integer.parseInt(server.substring(colon + 1).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Returns the inodes of this process's sockets (Linux: {@code /proc/self/fd}). */
  static Set<String> ownSockets() {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[") && target.endsWith("]")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException | UnsupportedOperationException e) {
          // a descriptor closed meanwhile
        }
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "Could not list this process's sockets: {0}", e.toString());
    }
    return inodes;
  }

  /**
   * Returns the local addresses, other than loopback ones, at which a socket among
   * {@code inodes} listens on {@code port} (Linux: {@code /proc/net/tcp} and {@code tcp6}); an
   * empty set of inodes means every socket.
   */
  static List<String> exposedListeners(int port, Set<String> inodes) {
    List<String> exposed = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(table));
      } catch (IOException e) {
        continue;
      }
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] fields = SPACES.split(line.trim(), -1);
        if (fields.length < 10 || !fields[3].equals(LISTEN)
            || !(inodes.isEmpty() || inodes.contains(fields[9]))) {
          continue;
        }
        int colon = fields[1].indexOf(':');
        if (colon < 0 || Integer.parseInt(fields[1].substring(colon + 1), 16) != port) {
          continue;
        }
        InetAddress address = procAddress(fields[1].substring(0, colon));
        if (address == null || !address.isLoopbackAddress()) {
          exposed.add(address == null ? fields[1]
              : address.isAnyLocalAddress() ? "every interface (" + address.getHostAddress() + ")"
              : address.getHostAddress());
        }
      }
    }
    return exposed;
  }

  /** Decodes an address of {@code /proc/net/tcp*}: 32-bit words in the host's byte order. */
  static InetAddress procAddress(String hex) {
    if (hex.length() != 8 && hex.length() != 32) {
      return null;
    }
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = (word * 4 + (little ? 3 - i : i)) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
