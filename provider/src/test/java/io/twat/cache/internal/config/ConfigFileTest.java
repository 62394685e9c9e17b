/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration files named by a manager's URI: where they are found, their keys, precedence. */
class ConfigFileTest {
  private static final URI MEMORY = URI.create("classpath:twat-cache-config/memory.properties");

  private final FakeEnvironment environment = new FakeEnvironment();

  @TempDir
  Path folder;

  private ManagerSettings resolve(URI uri) {
    return ManagerSettings.resolve(uri, new Properties(), environment);
  }

  private ManagerSettings resolve(URI uri, Properties properties) {
    return ManagerSettings.resolve(uri, properties, environment);
  }

  private URI write(String name, String... lines) throws IOException {
    Path file = folder.resolve(name);
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file.toUri();
  }

  private IllegalArgumentException failure(URI uri) {
    return assertThrows(IllegalArgumentException.class, () -> resolve(uri));
  }

  private static void assertMentions(Throwable thrown, String... parts) {
    for (String part : parts) {
      assertTrue(thrown.getMessage().contains(part),
          () -> "'" + thrown.getMessage() + "' lacks '" + part + "'");
    }
  }

  // ---------------------------------------------------------------- where files are found

  @Test
  void classpathFile_givesTheStoreTheSettingsAndThePerCacheSettings() {
    ManagerSettings settings = resolve(MEMORY);

    assertEquals(StoreKind.MEMORY, settings.kind());
    assertEquals(500L, settings.maxEntries());
    assertEquals(ManagerSettings.MemoryPolicy.LRU, settings.policy());
    assertFalse(settings.cacheSettings("books").isEmpty());
    assertFalse(settings.cacheSettings("com.example.Author").isEmpty());
    assertTrue(settings.cacheSettings("other").isEmpty());
  }

  @Test
  void classpathFile_withLeadingSlashes_isTheSameResource() {
    assertEquals(500L, resolve(URI.create("classpath:/twat-cache-config/memory.properties"))
        .maxEntries());
    assertEquals(500L, resolve(URI.create("classpath:///twat-cache-config/memory.properties"))
        .maxEntries());
  }

  @Test
  void classpathFile_isFoundThroughTheGivenClassLoader() throws IOException {
    Files.writeString(folder.resolve("only-here.properties"), "twat.cache.maxEntries=42\n");
    URI uri = URI.create("classpath:only-here.properties");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
      assertEquals(42L, ManagerSettings.resolve(uri, null, environment, loader).maxEntries());
    }
    IllegalArgumentException elsewhere = failure(uri);
    assertMentions(elsewhere, "classpath:only-here.properties", "does not exist",
        "no resource 'only-here.properties'");
  }

  @Test
  void fileUri_readsTheFile() throws IOException {
    URI uri = write("cache.properties", "twat.cache.store=file", "twat.cache.dir=" + folder,
        "twat.cache.maxBytes=2GiB");

    ManagerSettings settings = resolve(uri);

    assertEquals(StoreKind.FILE, settings.kind());
    assertEquals(Optional.of(folder), settings.dir());
    assertEquals(2L << 30, settings.maxBytes());
  }

  @Test
  void jarUri_readsTheEntry() throws IOException {
    Path jar = folder.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("config/cache.properties"));
      out.write("twat.cache.store=universal\ntwat.cache.heapEntries=77\n"
          .getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    URI uri = URI.create("jar:" + jar.toUri() + "!/config/cache.properties");

    ManagerSettings settings = resolve(uri);

    assertEquals(StoreKind.UNIVERSAL, settings.kind());
    assertEquals(77L, settings.heapEntries());
    IllegalArgumentException missing = failure(URI.create("jar:" + jar.toUri() + "!/nothing"));
    assertMentions(missing, "nothing", "does not exist");
  }

  @Test
  void jarUri_intoANonLocalJar_isRefused() {
    IllegalArgumentException thrown =
        failure(URI.create("jar:http://example.com/app.jar!/cache.properties"));

    assertMentions(thrown, "local jar", "jar:file:");
  }

  @Test
  void missingFile_failsNamingIt() {
    URI uri = folder.resolve("absent.properties").toUri();

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, uri.toString(), "does not exist");
  }

  @Test
  void relativeFileUri_failsSayingHowToWriteIt() {
    IllegalArgumentException thrown = failure(URI.create("file:cache.properties"));

    assertMentions(thrown, "file:cache.properties", "file:///");
  }

  // ---------------------------------------------------------------- precedence

  @Test
  void theFile_winsOverProperties_whichWinOverSystemProperties_overTheDefaults()
      throws IOException {
    environment.withProperty("twat.cache.maxEntries", "1").withProperty("twat.cache.compress",
        "deflate").withProperty("twat.cache.maxBytes", "1KiB");
    Properties properties = new Properties();
    properties.setProperty("twat.cache.maxEntries", "2");
    properties.setProperty("twat.cache.maxBytes", "1MiB");
    URI uri = write("p.properties", "twat.cache.store=file", "twat.cache.maxEntries=3");

    ManagerSettings settings = resolve(uri, properties);

    assertEquals(3L, settings.maxEntries());
    assertEquals(1L << 20, settings.maxBytes());
    assertEquals(Compression.DEFLATE, settings.compress());
    assertFalse(settings.fsync());
  }

  @Test
  void withoutStore_theDefaultUrisStoreAndQueryApply_belowTheFile() throws IOException {
    environment.withProperty("twat.cache.defaultUri", "twat:file?maxEntries=7&compress=deflate");
    Properties properties = new Properties();
    properties.setProperty("twat.cache.compress", "none");
    URI uri = write("d.properties", "twat.cache.maxEntries=9");

    ManagerSettings settings = resolve(uri, properties);

    assertEquals(StoreKind.FILE, settings.kind());
    assertEquals(9L, settings.maxEntries());
    assertEquals(Compression.DEFLATE, settings.compress());
  }

  @Test
  void withStore_theDefaultUriIsIgnored() throws IOException {
    environment.withProperty("twat.cache.defaultUri", "twat:file?fsync=true");

    URI uri = write("m.properties", "twat.cache.store=MEMORY");

    assertEquals(StoreKind.MEMORY, resolve(uri).kind());
  }

  @Test
  void anEmptyFile_isTheDefaultStoreWithDefaults() throws IOException {
    ManagerSettings settings = resolve(write("empty.properties", "# nothing"));

    assertEquals(StoreKind.MEMORY, settings.kind());
    assertEquals(0L, settings.maxEntries());
  }

  // ---------------------------------------------------------------- checked at once

  @ParameterizedTest
  @ValueSource(strings = {"twat.cache.maxEntrys=1", "maxEntries=1", "hibernate.cache.x=1",
      "twat.cache.defaultUri=twat:memory", "twat.cache.caches.books=1", "twat.cache.caches..x=1"})
  void unknownKey_failsNamingTheFileAndTheKey_andListingTheKeys(String line) throws IOException {
    URI uri = write("unknown.properties", line);

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, uri.toString(), "'" + line.substring(0, line.indexOf('=')) + "'",
        "twat.cache.store", "maxEntries", "twat.cache.caches.<cache name>.<key>",
        "expireAfterWrite");
  }

  @Test
  void unknownPerCacheKey_failsNamingTheFileTheKeyAndTheCachesSettings() throws IOException {
    URI uri = write("cache-key.properties", "twat.cache.caches.books.maxEntrys=1");

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, uri.toString(), "'maxEntrys'", "twat.cache.caches.books.maxEntrys",
        "maxEntries, expireAfterWrite");
  }

  @Test
  void badValue_failsNamingTheFileTheKeyTheValueAndWhatIsAllowed() throws IOException {
    URI uri = write("bad.properties", "twat.cache.maxEntries=-1");

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, uri.toString(), "twat.cache.maxEntries", "maxEntries=-1",
        Setting.MAX_ENTRIES.allowed());
  }

  @Test
  void badPerCacheDuration_failsNamingTheFileTheKeyTheValueAndWhatIsAllowed() throws IOException {
    URI uri = write("bad-duration.properties", "twat.cache.caches.books.expireAfterWrite=10m");

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, uri.toString(), "twat.cache.caches.books.expireAfterWrite",
        "expireAfterWrite=10m", "ISO-8601", "PT10M");
  }

  @Test
  void badStore_failsListingTheStores() throws IOException {
    URI uri = write("store.properties", "twat.cache.store=disk");

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, uri.toString(), "twat.cache.store", "store=disk",
        "memory, db, file or universal");
  }

  @Test
  void aSettingOfAnotherStore_failsSayingItDoesNotApply() throws IOException {
    URI dir = write("dir.properties", "twat.cache.store=memory", "twat.cache.dir=/var/cache/x");
    URI bytes = write("bytes.properties", "twat.cache.store=memory",
        "twat.cache.caches.books.maxBytes=1MiB");

    assertMentions(failure(dir), dir.toString(), "does not apply to twat:memory");
    assertMentions(failure(bytes), bytes.toString(), "does not apply to twat:memory",
        "twat.cache.caches.books.maxBytes");
  }

  @Test
  void bothExpiriesForOneCache_fail() throws IOException {
    URI uri = write("both.properties", "twat.cache.caches.books.expireAfterWrite=PT1M",
        "twat.cache.caches.books.expireAfterAccess=PT1M");

    assertMentions(failure(uri), uri.toString(), "books", "give one of them");
  }

  @Test
  void aKeyGivenTwice_fails() throws IOException {
    URI uri = write("twice.properties", "twat.cache.maxEntries=1", "twat.cache.maxEntries = 2");

    assertMentions(failure(uri), uri.toString(), "twat.cache.maxEntries", "more than once");
  }

  @Test
  void anXmlFile_failsSayingThatAPropertiesFileIsRead() throws IOException {
    URI uri = write("ehcache.xml", "<?xml version=\"1.0\"?>", "<config/>");

    assertMentions(failure(uri), uri.toString(), "XML", "twat.cache.store=file");
  }

  @Test
  void aFileThatIsNotUtf8_fails() throws IOException {
    Path file = folder.resolve("latin1.properties");
    Files.write(file,
        "twat.cache.dir=/var/cache/j\u00f6rg\n".getBytes(StandardCharsets.ISO_8859_1));

    assertMentions(failure(file.toUri()), "UTF-8");
  }

  @Test
  void aUtf8File_keepsItsCharacters_evenAfterAByteOrderMark() throws IOException {
    URI uri = write("utf8.properties", "\uFEFFtwat.cache.store=file",
        "twat.cache.dir=/var/cache/j\u00f6rg");

    assertEquals(Optional.of(Path.of("/var/cache/j\u00f6rg")), resolve(uri).dir());
  }

  // ---------------------------------------------------------------- secrets

  @Test
  void aPasswordInAClasspathFile_isRefused_withoutRepeatingIt() {
    IllegalArgumentException thrown =
        failure(URI.create("classpath:twat-cache-config/with-password.properties"));

    assertMentions(thrown, "keyStorePassword", "with-password.properties", "chmod 600",
        "TWAT_CACHE_KEYSTORE_PASSWORD");
    assertFalse(thrown.getMessage().contains("hunter2"), thrown::getMessage);
  }

  @Test
  void aPasswordInAFileOthersCanRead_isRefused() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    URI uri = write("shared.properties", "twat.cache.store=db", "twat.cache.password=hunter2");
    Files.setPosixFilePermissions(Path.of(uri), PosixFilePermissions.fromString("rw-r-----"));

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, "password", uri.toString(), "chmod 600", "TWAT_CACHE_PASSWORD");
    assertFalse(thrown.getMessage().contains("hunter2"), thrown::getMessage);
  }

  @Test
  void passwordsInAFileOnlyItsOwnerCanRead_areTaken() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    URI uri = write("private.properties", "twat.cache.store=db", "twat.cache.user=app",
        "twat.cache.password=hunter2", "twat.cache.keyStore=/etc/app/keys.p12",
        "twat.cache.keyStorePassword=s3cret");
    Files.setPosixFilePermissions(Path.of(uri), PosixFilePermissions.fromString("rw-------"));

    ManagerSettings settings = resolve(uri);

    assertEquals(Optional.of("app"), settings.user());
    assertEquals(Optional.of("hunter2"), settings.password());
    assertArrayEquals("s3cret".toCharArray(), settings.keyStorePassword());
    assertFalse(settings.toString().contains("hunter2") || settings.toString().contains("s3cret"),
        settings::toString);
  }

  @Test
  void keyMaterialAsText_isRefusedEvenInAPrivateFile() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    URI uri = write("key.properties", "twat.cache.store=file", "twat.cache.encryptionKey=c2VjcmV0");
    Files.setPosixFilePermissions(Path.of(uri), PosixFilePermissions.fromString("r--------"));

    IllegalArgumentException thrown = failure(uri);

    assertMentions(thrown, "key material as text is refused");
    assertFalse(thrown.getMessage().contains("c2VjcmV0"), thrown::getMessage);
  }

  @Test
  void aUserInASharedFile_isTaken_forItIsNoSecret() throws IOException {
    URI uri = write("user.properties", "twat.cache.store=db", "twat.cache.user=app");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(Path.of(uri), PosixFilePermissions.fromString("rw-r--r--"));
    }

    assertEquals(Optional.of("app"), resolve(uri).user());
  }
}
