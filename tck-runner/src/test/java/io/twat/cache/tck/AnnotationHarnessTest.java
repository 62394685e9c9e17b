/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.tck;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import domain.Blog;
import java.lang.reflect.Field;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.annotation.BeanProvider;
import manager.BlogManager;
import manager.CacheNameOnEachMethodBlogManagerImpl;
import org.jsr107.tck.annotation.AbstractInterceptionTest;
import org.junit.Test;

/**
 * Guards the TCK's annotation tests: when their {@code BeanProvider} (the harness's Weld 1.1)
 * fails to start, the TCK skips them in silence and they count as passed. This fails instead, and
 * shows that the interceptors cache through our provider.
 */
public class AnnotationHarnessTest {

  @Test
  public void tckAnnotationTests_haveTheirBeanProvider_andItsInterceptorsCacheInOurProvider()
      throws Exception {
    Field field = AbstractInterceptionTest.class.getDeclaredField("beanProvider");
    field.setAccessible(true);
    BeanProvider beans = (BeanProvider) field.get(null);
    assertNotNull(
        "the TCK found no working javax.cache.annotation.BeanProvider, so its annotation tests"
            + " would pass untested; see the error it printed (on JDK 17+ Weld 1.1 needs"
            + " --add-opens java.base/java.lang=ALL-UNNAMED)",
        beans);

    BlogManager blogs = beans.getBeanByType(CacheNameOnEachMethodBlogManagerImpl.class);
    blogs.createEntry(new Blog("harness guard", "body"));
    blogs.getEntryCached("harness guard");
    try {
      Cache<Object, Object> cache =
          Caching.getCachingProvider().getCacheManager().getCache("blogManager");
      assertNotNull("@CacheResult made no cache in our provider", cache);
      int blogsCached = 0;
      for (Cache.Entry<Object, Object> entry : cache) {
        blogsCached +=
            entry.getValue() instanceof Blog blog && blog.getTitle().equals("harness guard")
                ? 1
                : 0;
      }
      assertEquals("@CacheResult cached the blog in our provider", 1, blogsCached);
    } finally {
      blogs.clearCache();
    }
  }
}
