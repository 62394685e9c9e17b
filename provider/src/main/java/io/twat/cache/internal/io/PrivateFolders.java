/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * Makes and checks the store's folder so that only its owner can read or change it: on POSIX,
 * folders are created 0700 and files 0600; an existing folder owned by another user, or writable
 * by its group or by others, is refused, and one merely readable by them is tightened to 0700.
 * On other file systems (Windows) the checks are skipped and the platform's defaults apply.
 *
 * <p>Stateless and thread-safe.
 */
public final class PrivateFolders {
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFolders() {
  }

  /** Returns whether {@code path} lives on a file system with POSIX permissions. */
  public static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Returns the attributes to create a private folder with (none off POSIX). */
  public static FileAttribute<?>[] folderAttributes(Path path) {
    return isPosix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FOLDER)}
        : new FileAttribute<?>[0];
  }

  /** Returns the attributes to create a private file with (none off POSIX). */
  public static FileAttribute<?>[] fileAttributes(Path path) {
    return isPosix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  /**
   * Creates {@code folder} (and missing parents) private, or checks that the existing one is.
   *
   * @throws UnsafeFolderException if the folder is not a folder, belongs to someone else, is
   *     writable by others, or cannot be created or written
   */
  public static void prepare(Path folder) throws UnsafeFolderException {
    prepare(folder, FileSystem.system());
  }

  /**
   * Creates {@code folder} (and missing parents) private through {@code fileSystem}, or checks
   * that the existing one is; the permission checks go to the platform directly.
   *
   * @throws UnsafeFolderException as {@link #prepare(Path)}
   */
  public static void prepare(Path folder, FileSystem fileSystem) throws UnsafeFolderException {
    try {
      if (fileSystem.exists(folder) && !fileSystem.isDirectory(folder)) {
        throw new UnsafeFolderException("The cache folder " + folder + " is a file, not a folder; "
            + "remove it or choose another folder");
      }
      if (!fileSystem.exists(folder)) {
        fileSystem.createDirectories(folder, folderAttributes(folder));
      }
      if (isPosix(folder)) {
        checkPosix(folder);
      }
      if (!Files.isWritable(folder)) {
        throw new UnsafeFolderException(
            "The cache folder "
                + folder
                + " is not writable by this user; "
                + "fix its permissions or choose another folder");
      }
    } catch (UnsafeFolderException e) {
      throw e;
    } catch (IOException e) {
      throw new UnsafeFolderException("Could not create the cache folder " + folder + ": " + e
          + "; check that its parent exists and is writable, and that the path is not too long", e);
    }
  }

  /**
   * Checks the folder itself, following a symbolic link to it: a link's own permissions are
   * always rwxrwxrwx and mean nothing, the folder it leads to is what others could write (the
   * file store's folders inside such a link are checked the same way).
   */
  private static void checkPosix(Path folder) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
    PosixFileAttributes attributes = view.readAttributes();
    UserPrincipal me = currentUser(folder.getFileSystem());
    if (!attributes.owner().equals(me)) {
      throw new UnsafeFolderException(
          "The cache folder "
              + folder
              + " belongs to "
              + attributes.owner().getName()
              + ", not to "
              + me.getName()
              + " who runs this process; a cache folder must be private to its "
              + "user. Choose a folder of your own (the dir setting or twat.cache.dir).");
    }
    Set<PosixFilePermission> permissions = attributes.permissions();
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new UnsafeFolderException(
          "The cache folder "
              + folder
              + " is writable by its group or by others ("
              + PosixFilePermissions.toString(permissions)
              + "), so they could plant entries that this process "
              + "would read. Run chmod 700 on it, or choose a private folder.");
    }
    if (!permissions.equals(FOLDER)) {
      Set<PosixFilePermission> tightened = EnumSet.copyOf(permissions);
      tightened.retainAll(FOLDER);
      tightened.addAll(FOLDER);
      view.setPermissions(tightened);
    }
  }

  /**
   * Makes the regular file {@code file} readable and writable by its owner only (0600), whatever
   * the umask it was created under; a symbolic link or a file off POSIX is left alone.
   *
   * @throws IOException if the permissions cannot be read or changed (the file is another
   *     user's, or is gone: {@link java.nio.file.NoSuchFileException})
   */
  public static void makePrivateFile(Path file) throws IOException {
    if (!isPosix(file)) {
      return;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes attributes = view.readAttributes();
    if (attributes.isRegularFile() && !attributes.permissions().equals(FILE)) {
      view.setPermissions(FILE);
    }
  }

  /** Returns the user running this process, as the file system knows it. */
  private static UserPrincipal currentUser(java.nio.file.FileSystem fileSystem) throws IOException {
    String name = System.getProperty("user.name");
    if (name != null && !name.isBlank() && !"?".equals(name)) {
      try {
        return fileSystem.getUserPrincipalLookupService().lookupPrincipalByName(name);
      } catch (IOException e) {
        // fall through: the user has no entry in the user database (as in some containers)
      }
    }
    Path probe = Files.createTempFile("twat-cache-owner", ".probe");
    try {
      return Files.getOwner(probe);
    } finally {
      Files.deleteIfExists(probe);
    }
  }
}
