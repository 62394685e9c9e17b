/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.io.FileSystem;
import io.twat.cache.internal.store.PersistedCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings in a cache folder's {@code .cache-info}: written as {@code config.} lines, read
 * back, kept by a store that opens the folder for the same cache and types, dropped when the
 * folder is taken for other types, and read by earlier records' rules.
 */
final class CacheInfoSettingsTest {
  private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];
  private static final PersistedCache USERS =
      new PersistedCache("users", "java.lang.String", "java.lang.Long");

  @TempDir
  Path folder;

  private static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("version", "1");
    settings.put("expiry", "created");
    settings.put("expiry.duration", "5 MINUTES");
    settings.put("odd", "= : # ! \\ \u00e9\n");
    return settings;
  }

  private Optional<PersistedCache> read() throws Exception {
    return CacheInfo.read(FileSystem.system(), folder);
  }

  @Test
  void recordSettings_writesConfigLines_thatReadBackAsTheyWere() throws Exception {
    CacheInfo.write(FileSystem.system(), folder, USERS, /* generation= */ 1L, NO_ATTRIBUTES);

    assertTrue(CacheInfo.recordSettings(FileSystem.system(), folder, "users", settings(),
        NO_ATTRIBUTES));

    assertEquals(Optional.of(USERS.withSettings(settings())), read());
    String text = Files.readString(folder.resolve(CacheInfo.FILE_NAME), StandardCharsets.UTF_8);
    assertTrue(text.endsWith("""
        valueType=java.lang.Long
        config.version=1
        config.expiry=created
        config.expiry.duration=5 MINUTES
        config.odd=\\= \\: \\# \\! \\\\ \\u00e9\\u000a
        """),
        text);
  }

  @Test
  void recordSettings_ofAnotherCacheOrAFolderWithoutRecord_writesNothing() throws Exception {
    assertFalse(CacheInfo.recordSettings(FileSystem.system(), folder, "users", settings(),
        NO_ATTRIBUTES));
    assertEquals(Optional.empty(), read());

    CacheInfo.write(FileSystem.system(), folder, USERS, /* generation= */ 1L, NO_ATTRIBUTES);
    assertFalse(CacheInfo.recordSettings(FileSystem.system(), folder, "orders", settings(),
        NO_ATTRIBUTES));
    assertEquals(Optional.of(USERS), read());
  }

  @Test
  void attach_forTheSameCacheAndTypes_keepsTheSettings_andForOtherTypesDropsThem()
      throws Exception {
    FolderLayout layout = new FolderLayout(folder, FileSystem.system());
    CacheInfo.write(FileSystem.system(), folder, USERS.withSettings(settings()),
        /* generation= */ 1L, NO_ATTRIBUTES);

    CacheInfo.attach(layout, USERS, NO_ATTRIBUTES);
    assertEquals(Optional.of(USERS.withSettings(settings())), read());

    PersistedCache retyped = new PersistedCache("users", "java.lang.String", "java.lang.String");
    CacheInfo.attach(layout, retyped, NO_ATTRIBUTES);
    assertEquals(Optional.of(retyped), read(), "an empty folder taken for other types");
  }

  @Test
  void aRecordOfTheEarlierFormat_readsWithoutSettings_andUnusableLinesAreLeftOut()
      throws Exception {
    Files.writeString(folder.resolve(CacheInfo.FILE_NAME), """
        format=1
        cache=users
        keyType=java.lang.String
        valueType=java.lang.Long
        """, StandardCharsets.UTF_8);
    assertEquals(Optional.of(USERS), read());

    Files.writeString(folder.resolve(CacheInfo.FILE_NAME), "format=1\ncache=users\n"
        + "keyType=java.lang.String\nvalueType=java.lang.Long\nconfig.version=1\n"
        + "config.bad\\ name=x\nconfig.long=" + "x".repeat(PersistedCache.MAX_VALUE_LENGTH + 1)
        + "\nunknown=kept out\n", StandardCharsets.UTF_8);
    assertEquals(Optional.of(USERS.withSettings(Map.of("version", "1"))), read());
  }
}
