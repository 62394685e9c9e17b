package io.twat.cache.spi;

import io.twat.cache.config.ManagerSettings;
import io.twat.cache.serial.Serializer;
import io.twat.cache.store.Store;
import io.twat.cache.store.StoreException;
import io.twat.cache.store.StoreFactory;
import io.twat.cache.store.StoreSpec;
import io.twat.cache.store.file.FileStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Makes the {@link FileStore}s of one {@code twat:file} manager: each cache in its own folder
 * inside the manager's, named after the cache (letters, digits, {@code . _ -} kept) plus a short
 * hash of the full name, so that any name is a safe and unique folder.
 *
 * <p>Each store's serializer allows the JDK's value types, the cache's declared key and value
 * types, and the manager's {@code allow} patterns (see {@link StoreSerializers}).
 *
 * <p>Thread-safe and immutable.
 */
final class FileStoreFactory implements StoreFactory {
  private static final int READABLE_NAME_LENGTH = 48;

  private final Path managerFolder;
  private final List<String> allow;
  private final FileStore.Options options;

  FileStoreFactory(Path managerFolder, ManagerSettings settings) {
    this.managerFolder = managerFolder;
    this.allow = settings.allow();
    this.options = FileStore.Options.defaults().withFsync(settings.fsync())
        .withCompression(settings.compress(), FileStore.Options.DEFAULT_COMPRESS_THRESHOLD);
  }

  @Override
  public <K> Store<K> create(StoreSpec spec) throws StoreException {
    Serializer serializer = StoreSerializers.forStore(allow, spec);
    return FileStore.open(managerFolder.resolve(folderName(spec.cacheName())), serializer, spec, options);
  }

  @Override
  public boolean copiesValues() {
    return true;
  }

  /** Returns the folder name of a cache: its readable part plus a hash of the whole name. */
  static String folderName(String cacheName) {
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
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cacheName.getBytes(StandardCharsets.UTF_8));
      return readable + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
