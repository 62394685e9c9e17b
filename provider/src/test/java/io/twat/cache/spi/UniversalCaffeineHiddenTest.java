package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback promise for {@code twat:universal}: with Caffeine missing, its heap tier is the
 * built-in LRU store, with one WARNING, and no entry is lost to the heap tier's bound.
 */
class UniversalCaffeineHiddenTest {
  @TempDir
  Path dir;

  @Test
  void twatUniversal_withoutCaffeine_hasABuiltInHeapTier_andWarnsOnce() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.contains("caffeine")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    List<LogRecord> warnings = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger logger = Logger.getLogger(TwatCachingProvider.class.getName());
    logger.addHandler(capture);
    try (URLClassLoader withoutCaffeine = new URLClassLoader(urls.toArray(new URL[0]),
        ClassLoader.getPlatformClassLoader())) {
      Object report = withoutCaffeine.loadClass(UniversalCaffeineHiddenScenario.class.getName())
          .getMethod("run", String.class).invoke(null, dir.toString());

      assertEquals("backend=heap(built-in lru, 10 entries) kept=100", report);
    } finally {
      logger.removeHandler(capture);
    }
    assertEquals(1, warnings.size(), "one WARNING for the fallback");
    assertTrue(warnings.get(0).getMessage().contains("Caffeine") && warnings.get(0).getMessage().contains("twat:universal"),
        warnings.get(0).getMessage());
  }
}
