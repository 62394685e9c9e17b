/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manager URI and secrets that the properties stand for. */
class ManagerUriTest {
  @Test
  void secrets_goInTheProperties_neverInTheUri() {
    TwatCacheProperties properties = new TwatCacheProperties();
    properties.setStore(TwatCacheProperties.Store.DB);
    properties.setUrl("jdbc:postgresql://db.example/cache?ssl=true&x=1");
    properties.setUser("app");
    properties.setPassword("s3cret");
    properties.setKeyStorePassword("k3y");

    ManagerUri manager = ManagerUri.of(properties);

    assertThat(manager.uri().toString())
        .isEqualTo("twat:db?url=jdbc:postgresql://db.example/cache%3Fssl%3Dtrue%26x%3D1")
        .doesNotContain("s3cret");
    assertThat(manager.properties())
        .containsEntry("twat.cache.user", "app")
        .containsEntry("twat.cache.password", "s3cret")
        .containsEntry("twat.cache.keyStorePassword", "k3y")
        .hasSize(3);
  }

  @Test
  void otherSettings_passVerbatim_andOddCharactersAreEscaped() {
    TwatCacheProperties properties = new TwatCacheProperties();
    properties.setStore(TwatCacheProperties.Store.FILE);
    properties.setDir(Path.of("/tmp/a b/ü"));
    properties.setKeyAlias(List.of("new", "old"));
    properties.getSettings().put("fsync", "true");

    assertThat(ManagerUri.of(properties).uri().toString())
        .isEqualTo("twat:file?dir=/tmp/a%20b/%C3%BC&keyAlias=new,old&fsync=true");
  }

  @Test
  void nothingSet_isThePlainStoreUri() {
    assertThat(ManagerUri.of(new TwatCacheProperties()).uri()).hasToString("twat:memory");
  }
}
