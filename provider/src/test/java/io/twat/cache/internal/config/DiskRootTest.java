/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DiskRootTest {
  private static FakeEnvironment linux() {
    return new FakeEnvironment()
        .withProperty("os.name", "Linux")
        .withProperty("user.home", "/home/ada");
  }

  @Test
  void systemProperty_winsOverEnvironmentVariable() {
    FakeEnvironment environment = linux().withProperty(DiskRoot.PROPERTY, "/srv/cache")
        .withVariable(DiskRoot.VARIABLE, "/var/cache/other");

    assertEquals(Path.of("/srv/cache"), DiskRoot.resolve(environment));
  }

  @Test
  void environmentVariable_isUsedWhenThePropertyIsUnset() {
    assertEquals(
        Path.of("/var/cache/app"),
        DiskRoot.resolve(linux().withVariable(DiskRoot.VARIABLE, "/var/cache/app")));
  }

  @Test
  void linux_usesXdgCacheHome_elseDotCache() {
    assertEquals(
        Path.of("/xdg/twat-cache"),
        DiskRoot.resolve(linux().withVariable("XDG_CACHE_HOME", "/xdg")));
    assertEquals(Path.of("/home/ada/.cache/twat-cache"), DiskRoot.resolve(linux()));
  }

  @Test
  void macOs_usesLibraryCaches() {
    FakeEnvironment mac =
        new FakeEnvironment()
            .withProperty("os.name", "Mac OS X")
            .withProperty("user.home", "/Users/ada");

    assertEquals(Path.of("/Users/ada/Library/Caches/twat-cache"), DiskRoot.resolve(mac));
  }

  @Test
  void windows_usesLocalAppData() {
    FakeEnvironment windows = new FakeEnvironment().withProperty("os.name", "Windows 11")
        .withProperty("user.home", "/home/ada").withVariable("LOCALAPPDATA", "/appdata/local");

    assertEquals(Path.of("/appdata/local/twat-cache"), DiskRoot.resolve(windows));
  }

  @Test
  void relativeConfiguredRoot_isRefusedWithTheSourceNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiskRoot.resolve(linux().withProperty(DiskRoot.PROPERTY, "relative/dir")));

    assertTrue(
        e.getMessage().contains(DiskRoot.PROPERTY) && e.getMessage().contains("absolute"),
        e.getMessage());
  }

  @Test
  void diskRootProperty_isNotMistakenForAnUnknownManagerSetting() {
    ManagerSettings settings = ManagerSettings.resolve(URI.create("twat:memory"), new Properties(),
        linux().withProperty(DiskRoot.PROPERTY, "/srv/cache"));

    assertEquals(StoreKind.MEMORY, settings.kind());
  }
}
