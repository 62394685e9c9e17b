/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The naming rule of the JCache MXBeans; registration is exercised through the caches. */
class MBeansTest {

  @Test
  void objectName_plainValues_areTheSpecNameUnquoted() throws Exception {
    ObjectName name = MBeans.objectName(MBeans.Type.CacheStatistics, "urn.x", "users");

    assertEquals(
        new ObjectName("javax.cache:type=CacheStatistics,CacheManager=urn.x,Cache=users"), name);
    assertEquals("javax.cache", name.getDomain());
    assertEquals("CacheStatistics", name.getKeyProperty("type"));
    assertEquals("urn.x", name.getKeyProperty("CacheManager"));
    assertEquals("users", name.getKeyProperty("Cache"));
  }

  @Test
  void objectName_configurationType_isCacheConfiguration() {
    ObjectName name = MBeans.objectName(MBeans.Type.CacheConfiguration, "m", "c");

    assertEquals("CacheConfiguration", name.getKeyProperty("type"));
  }

  @Test
  void objectName_commaColonEqualsAndNewline_becomeDots() {
    ObjectName name = MBeans.objectName(MBeans.Type.CacheStatistics, "urn:a=b,c", "line1\nline2:x");

    assertEquals("urn.a.b.c", name.getKeyProperty("CacheManager"));
    assertEquals("line1.line2.x", name.getKeyProperty("Cache"));
  }

  @Test
  void objectName_twatUriWithQuery_isQuotedBecauseOfTheQuestionMark() throws Exception {
    ObjectName name =
        MBeans.objectName(MBeans.Type.CacheStatistics, "twat:memory?maxEntries=100", "c");

    assertEquals(
        new ObjectName(
            "javax.cache:type=CacheStatistics,"
                + "CacheManager=\"twat.memory\\?maxEntries.100\",Cache=c"),
        name);
    assertEquals(
        "twat.memory?maxEntries.100", ObjectName.unquote(name.getKeyProperty("CacheManager")));
  }

  @Test
  void objectName_twatUriWithoutQuery_isNotQuoted() {
    ObjectName name = MBeans.objectName(MBeans.Type.CacheStatistics, "twat:memory", "c");

    assertEquals("twat.memory", name.getKeyProperty("CacheManager"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a*b", "a?b", "a\"b", "a\\b", "*", "?", "a,b*c=d", "ends\\"})
  void objectName_valueWithCharactersJmxCannotTakeUnquoted_isQuotedAndNoPattern(String cacheName) {
    ObjectName name = MBeans.objectName(MBeans.Type.CacheStatistics, "twat:memory", cacheName);

    assertFalse(name.isPattern(), name::toString);
    String expected = cacheName.replaceAll("[,:=\n]", ".");
    assertEquals(expected, ObjectName.unquote(name.getKeyProperty("Cache")));
  }

  @Test
  void safe_replacesBeforeQuoting() {
    assertEquals("\"a.b\\?\"", MBeans.safe("a:b?"));
    assertEquals("a.b.c.d.e", MBeans.safe("a,b:c=d\ne"));
    assertEquals("plain name", MBeans.safe("plain name"));
  }

  @Test
  void objectName_samePartsGiveEqualNames() {
    assertEquals(MBeans.objectName(MBeans.Type.CacheStatistics, "twat:memory?maxEntries=1", "c"),
        MBeans.objectName(MBeans.Type.CacheStatistics, "twat:memory?maxEntries=1", "c"));
  }
}
