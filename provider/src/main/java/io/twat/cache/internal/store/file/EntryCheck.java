/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.io.PrivateFolders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Checks one entry file with the store's own decoder ({@code EntryFormat.decode}) and reads the
 * header fields that need no key; given the keys, opens a sealed entry as the store does when it
 * reads it ({@link #check(Path, Sealer)}). The command line's ({@code cli} module's) window on the
 * entry format, which it uses from the class path (this package is not exported).
 *
 * <p>Stateless and thread-safe.
 */
public final class EntryCheck {
  private EntryCheck() {
  }

  /**
   * What a check found.
   *
   * @param damage why the file is not a whole entry, or empty if it is
   * @param encrypted whether the header says the entry is sealed (then only its length, header
   *     and checksum were checked: opening it needs the key)
   * @param expiresAt the header's deadline (epoch milliseconds; {@link Long#MAX_VALUE} = never),
   *     or -1 when the header is unreadable
   * @param sealDamage when the file is whole and keys were given: why it does not open with them
   *     (the AES-GCM authentication, bound to the header and the file's name, failed; or the entry
   *     is not sealed at all); empty if it opens, or if it is damaged or no keys were given
   */
  public record Result(Optional<String> damage, boolean encrypted, long expiresAt,
      Optional<String> sealDamage) {
    /** A result of a check without keys. */
    public Result(Optional<String> damage, boolean encrypted, long expiresAt) {
      this(damage, encrypted, expiresAt, Optional.empty());
    }

    /** Returns whether the file is a whole entry (as far as the check without keys can tell). */
    public boolean whole() {
      return damage.isEmpty();
    }

    /** Returns whether the file is whole and, if keys were given, opens with them. */
    public boolean opens() {
      return damage.isEmpty() && sealDamage.isEmpty();
    }
  }

  /** Returns whether {@code name} is an entry file's name (64 lower-case hex digits). */
  public static boolean isEntryName(String name) {
    return FolderLayout.isEntryName(name);
  }

  /**
   * Moves a damaged entry file aside as the store moves what it cannot use (see {@code
   * EntryWriter.removeNonFile}): to {@code NAME.PID.N.quarantined} beside it, which the store
   * never counts or reads as an entry. It holds the key's lock meanwhile (the stripe of the cache
   * folder's lock file that the store's writers take, in this JVM and across processes) and
   * checks the file again under it, so a file that a writer replaced with a whole entry, or
   * removed, since it was found damaged is left alone. The command line's {@code verify --repair}.
   *
   * @param file an entry file of a cache folder ({@code FOLDER/xx/NAME})
   * @return where the file now is, or empty if it was whole or gone by the time the lock was held
   * @throws IOException if the lock file cannot be used or the file cannot be moved
   */
  public static Optional<Path> quarantine(Path file) throws IOException {
    return quarantine(file, /* sealer= */ null);
  }

  /**
   * Moves a damaged entry file aside as {@link #quarantine(Path)} does; with {@code sealer} (the
   * cache's keys), a file that is whole but does not open with them is damaged too, and is checked
   * with them again under the key's lock ({@link #check(Path, Sealer)}).
   *
   * @param file an entry file of a cache folder ({@code FOLDER/xx/NAME})
   * @param sealer the cache's keys, or null to check without them
   * @return where the file now is, or empty if it was whole (and opened with the keys) or gone by
   *     the time the lock was held
   * @throws IOException if the lock file cannot be used or the file cannot be moved
   */
  public static Optional<Path> quarantine(Path file, Sealer sealer) throws IOException {
    Path entry = file.toAbsolutePath().normalize();
    Path folder = entry.getParent().getParent();
    KeyLocks locks = KeyLocks.acquire(folder.resolve(FolderLayout.LOCK_FILE),
        PrivateFolders.fileAttributes(folder));
    try {
      KeyLocks.Held held = locks.lock(FolderLayout.stripeOf(entry));
      try {
        Result now;
        try {
          now = check(entry, sealer);
        } catch (NoSuchFileException removedMeanwhile) {
          return Optional.empty();
        }
        if (now.opens()) {
          return Optional.empty();
        }
        Path aside = entry.resolveSibling(entry.getFileName() + "."
            + ProcessHandle.current().pid() + "." + System.nanoTime() + ".quarantined");
        Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
        return Optional.of(aside);
      } finally {
        held.unlock();
      }
    } finally {
      locks.release();
    }
  }

  /**
   * Reads {@code file} and checks it as the store does when it reads it: length, magic, version,
   * flags, CRC32C, and for plain entries the inflated length; a slotted file (see {@link
   * SlottedFile}) for its newest whole record. Never deletes or changes the file.
   *
   * @throws IOException if the file cannot be read
   */
  public static Result check(Path file) throws IOException {
    return check(file, /* sealer= */ null);
  }

  /**
   * Reads {@code file} and checks it as {@link #check(Path)} does; then, if it is whole and
   * {@code sealer} is not null, decodes it once more as the store of those keys reads it
   * ({@code EntryFormat.decode} with the sealer and the file's name): a sealed entry's key bytes
   * and value are opened (AES-GCM, bound to the header and the name, so changed bytes, a file
   * moved from another entry's name and one sealed with other keys all fail) and a deflated value
   * is inflated; a plain entry is refused, as a store that encrypts refuses it. Why it failed is
   * the result's {@link Result#sealDamage}. Never deletes or changes the file.
   *
   * @param sealer the cache's keys, or null to check without them
   * @throws IOException if the file cannot be read
   */
  public static Result check(Path file, Sealer sealer) throws IOException {
    byte[] bytes;
    try {
      bytes = SlottedFile.recordOf(Files.readAllBytes(file));
    } catch (CorruptEntryException e) {
      return new Result(Optional.of(e.getMessage()), /* encrypted= */ false, -1);
    }
    Result result = check(bytes);
    if (sealer == null || !result.whole()) {
      return result;
    }
    Optional<String> sealDamage;
    try {
      EntryFormat.decode(bytes, sealer, FolderLayout.hashOf(file));
      sealDamage = Optional.empty();
    } catch (CorruptEntryException e) {
      sealDamage = Optional.of("does not open with the key: " + e.getMessage());
    }
    return new Result(result.damage(), result.encrypted(), result.expiresAt(), sealDamage);
  }

  /** The checks of {@link #check(Path)} over the file's bytes. */
  private static Result check(byte[] bytes) {
    if (bytes.length < EntryFormat.HEADER_SIZE_1 + EntryFormat.TRAILER_SIZE) {
      return new Result(Optional.of("truncated: " + bytes.length + " bytes, shorter than a header"),
          /* encrypted= */ false, -1);
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    boolean encrypted = (header.get(5) & EntryFormat.FLAG_ENCRYPTED) != 0;
    long expiresAt = header.getLong(8);
    if (!encrypted) {
      try {
        EntryFormat.decode(bytes);
        return new Result(Optional.empty(), false, expiresAt);
      } catch (CorruptEntryException e) {
        return new Result(Optional.of(e.getMessage()), false, expiresAt);
      }
    }
    return new Result(sealedDamage(bytes, header), true, expiresAt);
  }

  /** The checks of a sealed entry that need no key: magic, version, lengths, checksum. */
  private static Optional<String> sealedDamage(byte[] bytes, ByteBuffer header) {
    if (header.getInt(0) != EntryFormat.MAGIC) {
      return Optional.of("not an entry file (bad magic)");
    }
    byte version = header.get(4);
    int headerSize;
    if (version == EntryFormat.VERSION) {
      headerSize = EntryFormat.HEADER_SIZE;
    } else if (version == EntryFormat.VERSION_1) {
      headerSize = EntryFormat.HEADER_SIZE_1;
    } else {
      return Optional.of("entry format version " + version + " is not known");
    }
    long sealed = Integer.toUnsignedLong(header.getInt(20));
    long expected = headerSize + sealed + EntryFormat.TRAILER_SIZE;
    if (bytes.length != expected) {
      return Optional.of("length " + bytes.length + " bytes, the header says " + expected);
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - EntryFormat.TRAILER_SIZE);
    int stored = header.getInt(bytes.length - EntryFormat.TRAILER_SIZE);
    return (int) crc.getValue() == stored ? Optional.empty() : Optional.of("checksum mismatch");
  }
}
