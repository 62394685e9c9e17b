/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.crypto;

import io.twat.cache.internal.io.PrivateFolders;
import io.twat.cache.internal.io.UnsafeFolderException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The trust key file of one manager, {@value #FILE_NAME} in its folder: read on first use, and
 * generated then if it does not exist (256 random bits from {@link SecureRandom}, in a file
 * created {@code 0600} in the {@code 0700} folder). Its format is a key file's (see
 * {@link KeySources}): one Base64 key per line after {@code #} comment lines, the first key
 * signing, the others only verifying (to rotate, put a new key first); or 32 raw bytes. To let
 * several hosts trust each other's values, give them all the same file.
 *
 * <p>What can go wrong is handled so that the cache keeps working, with one WARNING saying what
 * happened and how to fix it, and without trust for what only the key could vouch for:
 * <ul>
 *   <li>a damaged file (not a key file, keys of another length) is moved aside to
 *       {@code trust.key.damaged} and a new key is generated; values signed with the old key are
 *       then refused, so they read as misses;
 *   <li>a file its group or others may read or change is not used, since others may know the key
 *       (fix the permissions, or delete it to have a new one generated);
 *   <li>a folder that cannot be made private, or a file that cannot be read or written, leaves
 *       the manager without a trust key.
 * </ul>
 * Two processes generating the key at once agree on one: each writes a temporary file and links it
 * into place only if no key file exists yet, else reads the one that won.
 *
 * <p>Thread-safe: the first call loads (or generates) the keys, later calls return them.
 */
public final class TrustKeyFile implements Supplier<Optional<TrustKeys>> {
  /** The name of the trust key file in a manager's folder. */
  public static final String FILE_NAME = "trust.key";
  private static final Logger LOG = System.getLogger(TrustKeyFile.class.getName());
  private static final String KEY_NEEDS = "a trust key has 32 bytes (44 Base64 characters)";

  private final Path folder;
  private final Path file;
  private final Optional<String> sharingWarning;
  private final SecureRandom random;
  private volatile Optional<TrustKeys> loaded;

  /**
   * Creates the trust key file of a manager; nothing is read or written until {@link #get()}.
   *
   * @param folder the manager's folder
   * @param sharingWarning logged at WARNING, after the file's path, when this process generates a
   *     new key (for a manager whose data other hosts share, which will not trust it yet); empty to
   *     log the generation at INFO only
   */
  public TrustKeyFile(Path folder, Optional<String> sharingWarning) {
    this(folder, sharingWarning, new SecureRandom());
  }

  TrustKeyFile(Path folder, Optional<String> sharingWarning, SecureRandom random) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.file = folder.resolve(FILE_NAME);
    this.sharingWarning = Objects.requireNonNull(sharingWarning, "sharingWarning");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Returns the path of the file. */
  public Path path() {
    return file;
  }

  /**
   * Returns the manager's trust keys, reading or generating the file on the first call; empty if
   * the file can be neither used nor made (then a WARNING said why, once).
   */
  @Override
  public Optional<TrustKeys> get() {
    Optional<TrustKeys> keys = loaded;
    if (keys == null) {
      synchronized (this) {
        keys = loaded;
        if (keys == null) {
          keys = load();
          loaded = keys;
        }
      }
    }
    return keys;
  }

  private Optional<TrustKeys> load() {
    try {
      // Two rounds: a damaged file is moved aside in the first, or another process's key is
      // found when linking ours into place; the second round reads what is there.
      for (int round = 0; round < 2; round++) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          Optional<TrustKeys> existing = readOrSetAside();
          if (existing.isPresent()) {
            return existing;
          }
        }
        Optional<TrustKeys> generated = generate();
        if (generated.isPresent()) {
          return generated;
        }
      }
      throw new Unavailable("another process keeps replacing it; check what writes to " + folder);
    } catch (Unavailable e) {
      LOG.log(Level.WARNING, "The trust key file " + file + " cannot be used: " + e.getMessage()
          + ". Until this is fixed and the application restarted, values of classes outside the "
          + "allow-list (the JDK's value types, the cache's declared types and the allow setting) "
          + "are refused when read back from disk, and read as misses.");
      return Optional.empty();
    }
  }

  /** Reads the keys of the existing file; moves a damaged file aside and returns empty. */
  private Optional<TrustKeys> readOrSetAside() throws Unavailable {
    try {
      KeySources.checkPrivate(file);
    } catch (IllegalArgumentException e) {
      throw new Unavailable(e.getMessage() + "; if others may have read it, delete it instead, and "
          + "a new key will be generated", e);
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new Unavailable("it could not be read (" + e + "); check that it is a file this user "
          + "can read", e);
    }
    try {
      return Optional.of(TrustKeys.of(KeySources.parseKeys(file, content, KEY_NEEDS)));
    } catch (IllegalArgumentException damaged) {
      Path aside = folder.resolve(FILE_NAME + ".damaged");
      try {
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new Unavailable("it is damaged (" + damaged.getMessage() + ") and could not be moved "
            + "aside (" + e + "); delete it, and a new key will be generated", e);
      }
      LOG.log(Level.WARNING, "The trust key file " + file + " is damaged (" + damaged.getMessage()
          + "); moved it to " + aside + " and generating a new key. Values signed with the old key "
          + "are refused and read as misses; if the old file was a key shared with other hosts, "
          + "fix it and put it back.");
      return Optional.empty();
    }
  }

  /** Generates a key into the file, unless another process made one first (then empty). */
  private Optional<TrustKeys> generate() throws Unavailable {
    try {
      PrivateFolders.prepare(folder);
    } catch (UnsafeFolderException e) {
      throw new Unavailable(e.getMessage(), e);
    }
    byte[] key = new byte[TrustKeys.KEY_BYTES];
    random.nextBytes(key);
    byte[] content = ("# twat-cache trust key: values this cache wrote and signed with it are\n"
        + "# read back. Keep it private (0600). Hosts sharing a database share this file.\n"
        + "# The first key signs, keys on later lines only verify (to rotate, add a key first).\n"
        + Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
    Path temp = folder.resolve(FILE_NAME + "." + HexFormat.of().toHexDigits(random.nextLong())
        + ".tmp");
    try {
      Files.createFile(temp, PrivateFolders.fileAttributes(temp));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(/* metaData= */ true);
      }
      if (!linkIntoPlace(temp)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      throw new Unavailable("a new key could not be written into it (" + e + "); check that "
          + folder + " is writable by this user", e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "Could not delete the temporary file {0}: {1}", temp, e);
      }
    }
    if (sharingWarning.isPresent()) {
      LOG.log(Level.WARNING, "Generated the trust key file " + file + ". " + sharingWarning.get());
    } else {
      LOG.log(Level.INFO, "Generated the trust key file " + file + ": the values of classes "
          + "outside the allow-list that this manager's caches write are signed with it, so they "
          + "read back after a restart.");
    }
    return Optional.of(TrustKeys.of(List.of(key)));
  }

  /** Puts {@code temp} in place as the key file unless one exists; returns whether it did. */
  private boolean linkIntoPlace(Path temp) throws IOException {
    try {
      Files.createLink(file, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException noHardLinks) {
      try {
        Files.move(temp, file); // without REPLACE_EXISTING: fails if another process won
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      }
    }
  }

  @Override
  public String toString() {
    return "TrustKeyFile[" + file + "]";
  }

  /** The file cannot be used; the message says why and how to fix it. */
  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message);
    }

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
