/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cdi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.util.List;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.Test;

class CacheResultTest extends ContainerTest {

  @Override
  List<Class<?>> beans() {
    return List.of(Results.class, RecordingResolverFactory.class);
  }

  @Test
  void secondCallWithSameArguments_isAnsweredFromTheNamedCache() {
    Results results = bean(Results.class);

    assertEquals(49, results.square(7));
    assertEquals(49, results.square(7));
    assertEquals(64, results.square(8));

    assertEquals(2, results.calls());
    assertEquals(49, cache("squares").get(new DefaultCacheKey(7)));
  }

  @Test
  void noCacheName_usesClassMethodAndParameterTypes() {
    Results results = bean(Results.class);

    results.defaultNamed("a", 1L);
    results.defaultNamed("a", 1L);

    assertEquals(1, results.calls());
    assertEquals("a1", cache("io.twat.cache.cdi.Results.defaultNamed(java.lang.String,long)")
        .get(new DefaultCacheKey("a", 1L)));
  }

  @Test
  void cacheKeyParameters_aloneFormTheKey() {
    Results results = bean(Results.class);

    String first = results.user(42, "request-1");

    assertEquals(first, results.user(42, "request-2"));
    assertEquals(1, results.calls());
    assertEquals(first, cache("users").get(new DefaultCacheKey(42)));
  }

  @Test
  void skipGet_invokesEveryTimeAndCachesTheLatest() {
    Results results = bean(Results.class);

    assertEquals("k #1", results.fresh("k"));
    assertEquals("k #2", results.fresh("k"));

    assertEquals("k #2", cache("fresh").get(new DefaultCacheKey("k")));
  }

  @Test
  void nullResult_isReturnedButNotCached() {
    Results results = bean(Results.class);

    assertNull(results.nothing("k"));
    assertNull(results.nothing("k"));

    assertEquals(2, results.calls());
    assertFalse(cache("nothing").containsKey(new DefaultCacheKey("k")));
  }

  @Test
  void cachedException_isThrownAgainWithoutInvoking() {
    Results results = bean(Results.class);

    IllegalArgumentException first =
        assertThrows(IllegalArgumentException.class, () -> results.parse(""));
    IllegalArgumentException second =
        assertThrows(IllegalArgumentException.class, () -> results.parse(""));

    assertEquals(1, results.calls());
    assertEquals(first.getMessage(), second.getMessage());
    assertInstanceOf(
        IllegalArgumentException.class, cache("parseFailures").get(new DefaultCacheKey("")));
  }

  @Test
  void nonCachedException_subtypeOfACachedOne_isNotCached() {
    Results results = bean(Results.class);

    assertThrows(NumberFormatException.class, () -> results.parse("x"));
    assertThrows(NumberFormatException.class, () -> results.parse("x"));

    assertEquals(2, results.calls());
    assertFalse(cache("parseFailures").containsKey(new DefaultCacheKey("x")));
  }

  @Test
  void exceptionCacheWithoutLists_cachesCheckedExceptionsToo() {
    Results results = bean(Results.class);

    assertThrows(FileNotFoundException.class, () -> results.lookUp("a"));
    assertThrows(FileNotFoundException.class, () -> results.lookUp("a"));

    assertEquals(1, results.calls());
  }

  @Test
  void withoutExceptionCache_exceptionsAreNeverCached() {
    Results results = bean(Results.class);

    assertThrows(IllegalStateException.class, () -> results.failWithoutExceptionCache("a"));
    assertThrows(IllegalStateException.class, () -> results.failWithoutExceptionCache("a"));

    assertEquals(2, results.calls());
  }

  @Test
  void namedKeyGenerator_withoutBean_isMadeAndUsed() {
    Results results = bean(Results.class);

    assertEquals("Hello", results.echo("Hello"));
    assertEquals("Hello", results.echo("HELLO"));

    assertEquals(1, results.calls());
    assertEquals("Hello", cache("caseless").get(new DefaultCacheKey("hello")));
  }

  @Test
  void namedResolverFactoryBean_choosesTheCacheAndSeesMethodAndCall() {
    Results results = bean(Results.class);
    RecordingResolverFactory factory = bean(RecordingResolverFactory.class);

    assertEquals("ABC", results.recorded("abc", 1));
    assertEquals("ABC", results.recorded("abc", 2));

    assertEquals(1, results.calls());
    assertEquals("ABC", cache(RecordingResolverFactory.CACHE).get(new DefaultCacheKey("abc")));
    assertNull(cache("recorded"), "the factory chose another cache; the named one is never made");
    CacheMethodDetails<?> details = factory.methods().get(0);
    assertEquals("recorded", details.getCacheName());
    assertEquals("recorded", details.getMethod().getName());
    assertInstanceOf(CacheResult.class, details.getCacheAnnotation());
    assertTrue(details.getAnnotations().contains(details.getCacheAnnotation()));
    CacheKeyInvocationContext<?> call = factory.invocations().get(1);
    assertNotNull(call.getTarget());
    assertEquals(2, call.getAllParameters().length);
    assertEquals(2, call.getAllParameters()[1].getValue());
    assertEquals(int.class, call.getAllParameters()[1].getRawType());
    assertEquals(1, call.getKeyParameters().length);
    assertEquals(0, call.getKeyParameters()[0].getParameterPosition());
    assertNull(call.getValueParameter());
    assertSame(call, call.unwrap(CacheKeyInvocationContext.class));
    assertThrows(IllegalArgumentException.class, () -> call.unwrap(String.class));
  }

  @Test
  void reentrantCallWithTheSameKey_computesInsteadOfWaitingForItself() {
    Results results = bean(Results.class);

    assertEquals("k!", results.reentrant("k", true));

    assertEquals(2, results.calls());
    assertEquals("k!", cache("reentrant").get(new DefaultCacheKey("k")));
  }

  @Test
  void defaultKey_comparesArraysByContentAndSurvivesSerialization() throws Exception {
    DefaultCacheKey key = new DefaultCacheKey("a", new int[] {1, 2});
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(key);
    }
    Object copy;
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }

    assertEquals(key, new DefaultCacheKey("a", new int[] {1, 2}));
    assertEquals(key.hashCode(), new DefaultCacheKey("a", new int[] {1, 2}).hashCode());
    assertEquals(key, copy);
    assertFalse(key.equals(new DefaultCacheKey("a", new int[] {1, 3})));
    assertArrayEquals(new Object[0], new Object[0]);
  }
}
