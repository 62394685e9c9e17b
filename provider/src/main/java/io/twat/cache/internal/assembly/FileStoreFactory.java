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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the {@link FileStore}s of one {@code twat:file} manager: each cache in its own folder
 * inside the manager's, named after the cache (letters, digits, {@code . _ -} kept) plus a short
 * hash of the full name, so that any name is a safe and unique folder.
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
    return FileStore.open(
        managerFolder.resolve(folderName(spec.cacheName())), serializer, spec, storeOptions);
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
        if (cache.isPresent()
            && folderName(cache.get().cacheName()).equals(folder.getFileName().toString())) {
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

  @Override
  public boolean keepsCaches() {
    return true;
  }

  /** Records the settings in the cache's folder, next to its name and types. */
  @Override
  public boolean recordSettings(String cacheName, Map<String, String> settings)
      throws StoreException {
    return FileStore.recordSettings(managerFolder.resolve(folderName(cacheName)), cacheName,
        settings);
  }

  @Override
  public boolean destroyPersisted(String cacheName) throws StoreException {
    Path folder = managerFolder.resolve(folderName(cacheName));
    Optional<PersistedCache> cache = FileStore.persisted(folder);
    if (cache.isEmpty() || !cache.get().cacheName().equals(cacheName)) {
      return false;
    }
    FileStore.destroyFolder(folder);
    return true;
  }

  /** Returns the folder name of a cache: its readable part plus a hash of the whole name. */
  public static String folderName(String cacheName) {
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
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(cacheName.getBytes(StandardCharsets.UTF_8));
      return readable + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
