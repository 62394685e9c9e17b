/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.assembly;

import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.file.Compression;
import io.twat.cache.internal.store.file.FileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the {@link FileStore}s of one {@code twat:file} manager: each cache in its own folder
 * inside the manager's, named after the cache (up to 48 letters, digits, {@code . _ -} kept) plus
 * the first 128 bits of the SHA-256 of the full name, so that any name is a safe folder of its
 * own. The store checks the cache that the folder records as well: a folder that records another
 * cache is refused, never shared.
 *
 * <p>Earlier versions named the folder with a 32-bit hash ({@link #legacyFolderName}), which two
 * names can share. A cache whose folder of the earlier name exists, records this very cache (a
 * damaged record still counts if its {@code cache} line names the cache), and whose folder of the
 * current name does not exist yet, is renamed to the current name in one step
 * when it is opened (or, where that fails, used where it is, with one WARNING); the caches on
 * disk are listed under either name.
 *
 * <p>Each store's serializer allows the JDK's value types, the cache's declared key and value
 * types, and the manager's {@code allow} patterns, and reads back what the cache signed (see {@link
 * StoreSerializers}).
 *
 * <p>Encryption: a cache's own keys (from its {@code TwatConfiguration}) win over the manager's,
 * which come from exactly one of {@code keyFile}, {@code keyStore} or {@code SecretKey} objects in
 * the Properties; they are loaded once, when the manager is made, so bad keys fail there.
 *
 * <p>Each cache folder records its cache (see {@link FileStore#persisted}), so the factory lists
 * the caches on disk for managers of later JVMs.
 *
 * <p>Thread-safe and immutable.
 */
public final class FileStoreFactory implements StoreFactory {
  private static final System.Logger LOG = System.getLogger(FileStoreFactory.class.getName());
  private static final int READABLE_NAME_LENGTH = 48;
  private static final int CURRENT_HASH_BYTES = 16;
  private static final int LEGACY_HASH_BYTES = 4;

  private final Path managerFolder;
  private final StoreSerializers serializers;
  private final FileStore.Options options;

  /**
   * Creates the factory of a manager.
   *
   * @throws IllegalArgumentException if the encryption settings are contradictory or their keys
   *     cannot be loaded (a key file readable by others, a wrong KeyStore password, ...)
   */
  FileStoreFactory(Path managerFolder, ManagerSettings settings, StoreSerializers serializers) {
    this.managerFolder = managerFolder;
    this.serializers = serializers;
    Sealer sealer = StoreKeyrings.of(settings).map(Sealer::new).orElse(null);
    this.options = FileStore.Options.defaults().withFsync(settings.fsync())
        .withCompression(compression(settings.compress()),
            FileStore.Options.DEFAULT_COMPRESS_THRESHOLD)
        .withSealer(sealer);
  }

  /** Maps the {@code compress} setting to the file store's type. */
  private static Compression compression(io.twat.cache.internal.config.Compression setting) {
    return switch (setting) {
      case NONE -> Compression.NONE;
      case DEFLATE -> Compression.DEFLATE;
    };
  }

  @Override
  public <K> Store<K> create(StoreSpec spec) throws StoreException {
    FileStore.Options storeOptions =
        spec.keyring() == null ? options : options.withSealer(new Sealer(spec.keyring()));
    Serializer serializer = serializers.forStore(spec, storeOptions.sealer());
    return FileStore.open(openedFolder(spec.cacheName()), serializer, spec, storeOptions);
  }

  /**
   * Returns the folder in which to open the cache {@code cacheName}: the folder of its current
   * name, into which a folder of the earlier name that records this cache is renamed first.
   */
  private Path openedFolder(String cacheName) throws StoreException {
    Path current = managerFolder.resolve(folderName(cacheName));
    Optional<Path> legacy = legacyFolder(cacheName);
    if (legacy.isEmpty()) {
      return current;
    }
    try {
      Files.move(legacy.get(), current, StandardCopyOption.ATOMIC_MOVE);
      LOG.log(System.Logger.Level.INFO, "Renamed the folder {0} of cache \"{1}\", named by an "
          + "earlier version of twat-cache, to {2}", legacy.get(), cacheName, current);
      return current;
    } catch (NoSuchFileException | FileAlreadyExistsException | DirectoryNotEmptyException e) {
      return current; // another process or manager renamed it meanwhile
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not rename the folder {0} of cache \"{1}\", "
          + "named by an earlier version of twat-cache, to {2} ({3}); the cache uses it where it "
          + "is. Rename it by hand while no process uses it", legacy.get(), cacheName, current, e);
      return legacy.get();
    }
  }

  /**
   * Returns the folder of the earlier name of {@code cacheName}, if it holds that very cache and
   * no folder of the current name exists.
   */
  private Optional<Path> legacyFolder(String cacheName) {
    Path current = managerFolder.resolve(folderName(cacheName));
    Path legacy = managerFolder.resolve(legacyFolderName(cacheName));
    if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(legacy)) {
      return Optional.empty();
    }
    try {
      Optional<PersistedCache> recorded = FileStore.persisted(legacy);
      if (recorded.isPresent() && recorded.get().cacheName().equals(cacheName)) {
        return Optional.of(legacy);
      }
    } catch (StoreException e) {
      if (FileStore.statedCacheName(legacy).filter(cacheName::equals).isPresent()) {
        return Optional.of(legacy); // a damaged record of this cache: the store rebuilds it
      }
      LOG.log(System.Logger.Level.WARNING, "The folder {0}, named by an earlier version of "
          + "twat-cache, may hold cache \"{1}\", but its record cannot be read ({2}); the cache "
          + "opens in {3} instead. Move the folder there by hand to keep its entries", legacy,
          cacheName, e.getMessage(), current);
    }
    return Optional.empty();
  }

  /** Returns the folder that holds, or will hold, the cache {@code cacheName}; renames nothing. */
  private Path existingFolder(String cacheName) {
    return legacyFolder(cacheName)
        .orElseGet(() -> managerFolder.resolve(folderName(cacheName)));
  }

  @Override
  public boolean copiesValues() {
    return true;
  }

  /** Returns the caches recorded in the folders of the manager's folder. */
  @Override
  public List<PersistedCache> persistedCaches() throws StoreException {
    List<PersistedCache> caches = new ArrayList<>();
    try (DirectoryStream<Path> folders =
        Files.newDirectoryStream(managerFolder, Files::isDirectory)) {
      for (Path folder : folders) {
        Optional<PersistedCache> cache;
        try {
          cache = FileStore.persisted(folder);
        } catch (StoreException e) {
          LOG.log(
              System.Logger.Level.WARNING,
              "Skipping the cache folder {0}: {1}",
              folder,
              e.getMessage());
          continue;
        }
        if (cache.isPresent() && isFolderOf(folder, cache.get().cacheName())) {
          caches.add(cache.get());
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new StoreException(
          "Could not list the cache folders in " + managerFolder + ": " + e, e);
    }
    return caches;
  }

  /**
   * Returns whether {@code folder} is where the cache {@code cacheName} lives: the folder of its
   * current name, or of its earlier name while no folder of the current name exists.
   */
  private boolean isFolderOf(Path folder, String cacheName) {
    String name = folder.getFileName().toString();
    if (name.equals(folderName(cacheName))) {
      return true;
    }
    return name.equals(legacyFolderName(cacheName))
        && !Files.exists(managerFolder.resolve(folderName(cacheName)), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public boolean keepsCaches() {
    return true;
  }

  /** Records the settings in the cache's folder, next to its name and types. */
  @Override
  public boolean recordSettings(String cacheName, Map<String, String> settings)
      throws StoreException {
    return FileStore.recordSettings(existingFolder(cacheName), cacheName, settings);
  }

  @Override
  public boolean destroyPersisted(String cacheName) throws StoreException {
    Path folder = existingFolder(cacheName);
    Optional<PersistedCache> cache = FileStore.persisted(folder);
    if (cache.isEmpty() || !cache.get().cacheName().equals(cacheName)) {
      return false;
    }
    FileStore.destroyFolder(folder);
    return true;
  }

  /**
   * Returns the folder name of a cache: its readable part plus the first 128 bits of the SHA-256
   * of its UTF-8 bytes, in hex.
   */
  public static String folderName(String cacheName) {
    return readablePart(cacheName) + "-" + hashHex(cacheName, CURRENT_HASH_BYTES);
  }

  /**
   * Returns the folder name that versions before this one gave a cache: its readable part plus a
   * 32-bit hash, which two names can share; only for finding the caches they wrote.
   */
  static String legacyFolderName(String cacheName) {
    return readablePart(cacheName) + "-" + hashHex(cacheName, LEGACY_HASH_BYTES);
  }

  /** Returns up to 48 characters of the name, others than letters, digits, . _ - as _. */
  private static String readablePart(String cacheName) {
    StringBuilder readable = new StringBuilder();
    for (int i = 0; i < cacheName.length() && readable.length() < READABLE_NAME_LENGTH; i++) {
      char c = cacheName.charAt(i);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      readable.append(safe ? c : '_');
    }
    if (readable.length() == 0 || readable.charAt(0) == '.') {
      readable.insert(0, 'c');
    }
    return readable.toString();
  }

  private static String hashHex(String cacheName, int bytes) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(cacheName.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
