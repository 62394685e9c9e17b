/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.cache.Cache;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheWritesTest extends ContainerTest {
  private static final DefaultCacheKey ANN = new DefaultCacheKey("ann");
  private static final DefaultCacheKey BOB = new DefaultCacheKey("bob");

  private Writes writes;

  @Override
  List<Class<?>> beans() {
    return List.of(Writes.class, Defaults.class, Calls.class, Routed.class, RoutedByDefaults.class,
        RecordingResolverFactory.class);
  }

  @BeforeEach
  void cacheAnnAndBob() {
    writes = bean(Writes.class);
    writes.find("ann");
    writes.find("bob");
  }

  private static Cache<Object, Object> users() {
    return cache("users");
  }

  @Test
  void put_storesTheCacheValueUnderTheKeyAReadUses() {
    writes.save("ann", "Ann v2", false);

    assertEquals("Ann v2", writes.find("ann"));
    assertEquals(2, writes.finds());
  }

  @Test
  void put_keyIsTheCacheKeyParametersOnly() {
    writes.saveKeyed("carl", "Carl", 7);

    assertEquals("Carl", users().get(new DefaultCacheKey("carl")));
  }

  @Test
  void put_nullValue_removesTheKey() {
    writes.save("ann", null, false);

    assertFalse(users().containsKey(ANN));
  }

  @Test
  void putAfterInvocation_methodThrows_putsNothing() {
    assertThrows(IllegalStateException.class, () -> writes.save("ann", "Ann v2", true));

    assertEquals("found ann", users().get(ANN));
  }

  @Test
  void putBeforeInvocation_methodThrows_valueIsAlreadyPut() {
    assertThrows(IllegalStateException.class, () -> writes.saveFirst("ann", "Ann v2"));

    assertEquals("Ann v2", users().get(ANN));
  }

  @Test
  void putAfterInvocation_cacheForSelectsTheException_putsAnyway() {
    assertThrows(
        IllegalStateException.class,
        () -> writes.saveDespite("ann", "Ann v2", new IllegalStateException()));
    assertThrows(UnsupportedOperationException.class,
        () -> writes.saveDespite("bob", "Bob v2", new UnsupportedOperationException()));
    assertThrows(IllegalArgumentException.class,
        () -> writes.saveDespite("bob", "Bob v3", new IllegalArgumentException()));

    assertEquals("Ann v2", users().get(ANN));
    assertEquals(
        "found bob", users().get(BOB), "noCacheFor and exceptions outside cacheFor put nothing");
  }

  @Test
  void remove_removesTheKeyAfterTheCall() {
    writes.delete("ann", false);

    assertFalse(users().containsKey(ANN));
    assertTrue(users().containsKey(BOB));
  }

  @Test
  void removeAfterInvocation_methodThrows_keepsTheKey() {
    assertThrows(IllegalStateException.class, () -> writes.delete("ann", true));

    assertTrue(users().containsKey(ANN));
  }

  @Test
  void removeBeforeInvocation_methodThrows_keyIsAlreadyRemoved() {
    assertThrows(IllegalStateException.class, () -> writes.deleteFirst("ann"));

    assertFalse(users().containsKey(ANN));
  }

  @Test
  void removeAfterInvocation_evictForSelectsTheException_removesAnyway() {
    assertThrows(
        IllegalStateException.class,
        () -> writes.deleteDespite("ann", new IllegalStateException()));
    assertThrows(
        IllegalArgumentException.class,
        () -> writes.deleteDespite("bob", new IllegalArgumentException()));

    assertFalse(users().containsKey(ANN));
    assertTrue(users().containsKey(BOB));
  }

  @Test
  void putRemoveAndRemoveAll_useTheResolverFactoryAndKeyGeneratorTheyName() {
    Routed routed = bean(Routed.class);
    RecordingResolverFactory factory = bean(RecordingResolverFactory.class);

    routed.write("Key", "value");
    assertEquals("value", cache(RecordingResolverFactory.CACHE).get(new DefaultCacheKey("key")));
    routed.delete("KEY");
    assertFalse(cache(RecordingResolverFactory.CACHE).containsKey(new DefaultCacheKey("key")));
    routed.write("other", "value");
    routed.clear();
    assertFalse(cache(RecordingResolverFactory.CACHE).iterator().hasNext());

    assertEquals(3, factory.methods().size());
    assertEquals("value", factory.invocations().get(0).getValueParameter().getValue());
    assertEquals(1, factory.invocations().get(0).getValueParameter().getParameterPosition());
  }

  @Test
  void cacheDefaults_resolverFactoryApplies() {
    assertEquals("a!", bean(RoutedByDefaults.class).read("a"));

    assertEquals("a!", cache(RecordingResolverFactory.CACHE).get(new DefaultCacheKey("a")));
    assertEquals("io.twat.cache.cdi.RoutedByDefaults.read(java.lang.String)",
        bean(RecordingResolverFactory.class).methods().get(0).getCacheName());
  }

  @Test
  void removeAll_emptiesTheCacheAfterTheCall() {
    writes.clear(false);

    assertFalse(users().iterator().hasNext());
  }

  @Test
  void removeAllAfterInvocation_methodThrows_keepsEverything() {
    assertThrows(IllegalStateException.class, () -> writes.clear(true));

    assertTrue(users().containsKey(ANN));
    assertTrue(users().containsKey(BOB));
  }

  @Test
  void removeAllBeforeInvocation_methodThrows_cacheIsAlreadyEmpty() {
    assertThrows(IllegalStateException.class, () -> writes.clearFirst());

    assertFalse(users().iterator().hasNext());
  }

  @Test
  void removeAllAfterInvocation_exceptionOutsideNoEvictFor_emptiesAnyway() {
    assertThrows(
        IllegalArgumentException.class, () -> writes.clearDespite(new IllegalArgumentException()));
    assertTrue(users().containsKey(ANN), "noEvictFor keeps the entries");

    assertThrows(
        IllegalStateException.class, () -> writes.clearDespite(new IllegalStateException()));
    assertFalse(users().iterator().hasNext());
  }

  @Test
  void cacheDefaults_nameAndKeyGeneratorApplyToClassLevelCacheResult() {
    Defaults defaults = bean(Defaults.class);

    assertEquals("Hi!", defaults.inherited("Hi"));
    assertEquals("Hi!", defaults.inherited("HI"));

    assertEquals(1, bean(Calls.class).count());
    assertEquals("Hi!", cache("defaulted").get(new DefaultCacheKey("hi")));
  }

  @Test
  void cacheDefaults_methodCacheNameWins() {
    Defaults defaults = bean(Defaults.class);

    defaults.own("Yo");
    defaults.own("YO");

    assertEquals(1, bean(Calls.class).count());
    assertEquals("Yo?", cache("own").get(new DefaultCacheKey("yo")));
    assertNull(cache("defaulted"));
  }

  @Test
  void methodAnnotation_replacesTheClassLevelOne() {
    Defaults defaults = bean(Defaults.class);
    defaults.inherited("a");

    defaults.clear();
    defaults.clear();

    assertEquals(
        3,
        bean(Calls.class).count(),
        "clear() ran each time: @CacheResult of the class does not apply");
    assertFalse(
        cache("defaulted").iterator().hasNext(), "@CacheRemoveAll used the default cache name");
  }
}
