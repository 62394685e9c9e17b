package io.twat.cache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The fallback promise: with Caffeine missing from the class path, {@code twat:memory} still works
 * on the built-in store, and says so once at WARNING.
 */
class CaffeineHiddenTest {

  @Test
  void twatMemory_withoutCaffeine_usesTheBuiltInLruStore_andWarnsOnce() throws Exception {
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
      Object report = withoutCaffeine.loadClass(CaffeineHiddenScenario.class.getName())
          .getMethod("run").invoke(null);

      assertEquals("caffeineVisible=false backend=heap(built-in lru, 100 entries) kept=100", report);
    } finally {
      logger.removeHandler(capture);
    }
    assertEquals(1, warnings.size(), "one WARNING for the fallback");
    assertTrue(warnings.get(0).getMessage().contains("Caffeine") && warnings.get(0).getMessage().contains("built-in"),
        warnings.get(0).getMessage());
  }
}
