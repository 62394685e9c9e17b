/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreListener;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stores of one cache in one embedded database, each with a change log and a follower (as
 * the db tier of twat:universal has): each hears the other's changes, never its own, a clear as
 * "everything", and a change whose sequence number became visible after a later one's.
 */
class ChangeFeedTest {
  /** What "everything changed" looks like in the queue. */
  private static final String ALL = "<all>";
  private static final long POLL_MILLIS = 20;
  private static final Serializer SERIALIZER = Serializer.allowing();

  @TempDir
  Path folder;

  private final BlockingQueue<Object> heardByA = new LinkedBlockingQueue<>();
  private final BlockingQueue<Object> heardByB = new LinkedBlockingQueue<>();
  private DbStore<Object> a;
  private DbStore<Object> b;

  @BeforeEach
  void open() throws Exception {
    a = openStore(heardByA);
    b = openStore(heardByB);
    // A's subscription started the follower, which tells A "everything" once it has found its
    // place in the log; changes before that are not reported one by one
    assertEquals(ALL, heardByA.poll(10, TimeUnit.SECONDS), "the follower started");
  }

  @AfterEach
  void close() {
    try {
      a.close();
    } finally {
      b.close();
      Database.closeUnusedNow(); // before the folder goes
    }
  }

  /** Opens a store of cache "shared" whose listener puts what it hears into {@code heard}. */
  private DbStore<Object> openStore(BlockingQueue<Object> heard) throws StoreException {
    return DbStore.openEmbedded(folder, Serializer.allowing(),
        TestSpecs.spec("shared").withListener(recorder(heard)),
        DbStore.Options.defaults().withChangeFeedMillis(POLL_MILLIS));
  }

  private static StoreListener recorder(BlockingQueue<Object> heard) {
    return new StoreListener() {
      @Override
      public void onEvicted(int count) {
      }

      @Override
      public void onChangedElsewhere(Object key) {
        heard.add(key);
      }

      @Override
      public void onAllChangedElsewhere() {
        heard.add(ALL);
      }
    };
  }

  /**
   * Returns the next key a store hears, skipping the "everything" that the follower told B if B
   * subscribed before it found its place in the log (before any row it reads). If none comes
   * within 10 s, fails saying how many "everything" it skipped and where the follower is.
   */
  private static Object nextKey(BlockingQueue<Object> heard) throws InterruptedException {
    int skipped = 0;
    while (true) {
      Object next = heard.poll(10, TimeUnit.SECONDS);
      if (next == null) {
        throw new AssertionError("no key heard within 10 s, after " + skipped
            + " \"everything\"; the follower threads: " + followers());
      }
      if (!ALL.equals(next)) {
        return next;
      }
      skipped++;
    }
  }

  /** The stacks of the change feed's follower threads, for a failure's message. */
  private static String followers() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      if (thread.getKey().getName().equals("twat-db-changes")) {
        text.append("\n  ").append(thread.getKey().getState());
        for (StackTraceElement frame : thread.getValue()) {
          text.append("\n    at ").append(frame);
        }
      }
    }
    return text.length() == 0 ? "none running" : text.toString();
  }

  private static StoreEntry entry(String value) {
    return new StoreEntry(value, StoreEntry.NEVER);
  }

  @Test
  void changeInOneStore_isHeardByTheOther_notByItself() throws Exception {
    a.compute("k", (key, current) -> entry("v1"));
    assertEquals("k", nextKey(heardByB));
    b.compute("k", (key, current) -> null);
    assertEquals("k", nextKey(heardByA));
    b.compute("j", (key, current) -> entry("x"));
    assertEquals("j", nextKey(heardByA));

    assertNull(heardByA.poll(), "A heard only B's changes");
    assertNull(heardByB.poll(), "B heard none of its own");
  }

  @Test
  void storeSubscribingAsAReadBegins_isToldWhatThatReadFinds() throws Exception {
    Database database = acquireDatabase();
    try {
      ChangeFeed feed = database.changeFeed();
      int cacheId = cacheId(database);
      BlockingQueue<Object> heardByC = new LinkedBlockingQueue<>();
      ChangeFeed.Subscriber c = new ChangeFeed.Subscriber() {
        @Override
        public void changed(byte[] keyBytes) {
          heardByC.add(SERIALIZER.fromBytes(keyBytes));
        }

        @Override
        public void lostTrack() {
          heardByC.add(ALL);
        }
      };
      AtomicReference<ChangeFeed.Subscription> subscribed = new AtomicReference<>();
      AtomicBoolean armed = new AtomicBoolean(true);
      AtomicReference<StoreException> failed = new AtomicReference<>();
      // at the start of the follower's next read, A commits a change and C subscribes: that read
      // finds the change, and C must hear it (no later read returns it again)
      feed.beforeEachRead(() -> {
        if (armed.getAndSet(false)) {
          try {
            a.compute("k", (key, current) -> entry("v1"));
          } catch (StoreException e) {
            failed.set(e);
          }
          subscribed.set(feed.subscribe(cacheId, /* origin= */ 7, POLL_MILLIS, c));
        }
      });
      try {
        assertEquals("k", nextKey(heardByC));
        assertNull(failed.get(), "A's change was made");
      } finally {
        feed.beforeEachRead(() -> { });
        if (subscribed.get() != null) {
          subscribed.get().close();
        }
      }
    } finally {
      database.release();
    }
  }

  @Test
  void changeCommittedAfterTheFollowerStarted_withANumberBelowTheEnd_isStillHeard()
      throws Exception {
    a.close();
    b.close(); // the follower ends; the next store to open starts another at the log's end
    // (close() after the test closes the new A; closing B again does nothing)
    String url = DbStore.embeddedUrl(folder);
    String user = Credentials.EMBEDDED_DEFAULT.user();
    try (Connection late = DriverManager.getConnection(url, user, "");
        Connection early = DriverManager.getConnection(url, user, "")) {
      late.setAutoCommit(false);
      int cacheId = cacheId(late);
      insertChange(late, cacheId, "late"); // takes its number now, commits later
      insertChange(early, cacheId, "early"); // a higher number, committed at once: the log's end
      a = openStore(heardByA);
      // the new follower found its place at "early" and told A so
      assertEquals(ALL, heardByA.poll(10, TimeUnit.SECONDS), "the follower started");

      late.commit();
      assertEquals("late", nextKey(heardByA), "the number below the end, once committed");
    }
  }

  @Test
  void followerStartingAfterEveryRowAgedOut_hearsTheNextChangeByItsKey() throws Exception {
    String url = DbStore.embeddedUrl(folder);
    try (Connection raw = DriverManager.getConnection(url, Credentials.EMBEDDED_DEFAULT.user(), "");
        Statement statement = raw.createStatement()) {
      // a log far along: its numbers start more than MAX_HOLES past 0
      statement.execute("ALTER TABLE twat_change ALTER COLUMN seq RESTART WITH "
          + 2 * ChangeFeed.MAX_HOLES);
      a.compute("old", (key, current) -> entry("o"));
      assertEquals("old", nextKey(heardByB));
      a.close();
      b.close(); // the follower ends; the next store to open starts another at the log's end
      heardByA.clear(); // what the first follower said, which started in an empty log
      statement.executeUpdate("UPDATE twat_change SET created_at = 0"); // all past the retention
      Database database = acquireDatabase();
      try {
        ChangeLog.prune(database);
      } finally {
        database.release();
      }

      a = openStore(heardByA);
      assertEquals(ALL, heardByA.poll(10, TimeUnit.SECONDS), "the follower started");
      b = openStore(heardByB);

      b.compute("new", (key, current) -> entry("n"));
      // a follower that started at 0 would take the numbers before it for missing ones, too many
      // to keep as holes, and tell A "everything"
      assertEquals("new", heardByA.poll(10, TimeUnit.SECONDS), "heard by its key");
    }
  }

  private static void insertChange(Connection connection, int cacheId, String key)
      throws Exception {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO twat_change "
        + "(cache_id, origin, key_bytes, created_at) VALUES (?, 42, ?, ?)")) {
      insert.setInt(1, cacheId);
      insert.setBytes(2, SERIALIZER.toBytes(key));
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  /** Returns the stores' database (the caller releases it), to reach its change feed. */
  private Database acquireDatabase() throws Exception {
    return Database.acquire(DbStore.embeddedUrl(folder), Credentials.EMBEDDED_DEFAULT,
        TimeUnit.SECONDS.toMillis(10));
  }

  /** Returns the id of cache "shared" in {@code database}. */
  private static int cacheId(Database database) throws Exception {
    Connection connection = database.borrow();
    try {
      return cacheId(connection);
    } finally {
      database.giveBack(connection);
    }
  }

  /** Returns the id of cache "shared", read on {@code connection}. */
  private static int cacheId(Connection connection) throws Exception {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT id FROM twat_cache WHERE name = ?")) {
      select.setString(1, "shared");
      try (ResultSet result = select.executeQuery()) {
        assertTrue(result.next(), "cache \"shared\" is in the catalog");
        return result.getInt(1);
      }
    }
  }

  @Test
  void closingTheLastStore_returnsOnceTheFollowerHasEnded() throws Exception {
    Database database = acquireDatabase();
    try {
      ChangeFeed feed = database.changeFeed();
      a.compute("k", (key, current) -> entry("v1"));
      assertEquals("k", nextKey(heardByB), "the follower runs");
      a.close();
      assertFalse(feed.followerEnded(), "B's subscription keeps the follower");
      b.close();
      // a follower still running could open the database again after its owner shut it down
      assertTrue(feed.followerEnded(), "the follower ended before the last close returned");
    } finally {
      database.release();
    }
  }

  @Test
  void clear_isHeardAsEverythingChanged() throws Exception {
    a.compute("k", (key, current) -> entry("v1"));
    assertEquals("k", nextKey(heardByB));
    a.clear();
    assertEquals(ALL, heardByB.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void changeCommittedAfterALaterOne_isStillHeard() throws Exception {
    try (Connection late = DriverManager.getConnection(
        DbStore.embeddedUrl(folder), Credentials.EMBEDDED_DEFAULT.user(), "")) {
      late.setAutoCommit(false);
      // a change from a third writer takes its sequence number now and commits later
      insertChange(late, cacheId(late), "late");
      a.compute("early", (key, current) -> entry("e"));
      assertEquals("early", nextKey(heardByB), "the later number, committed first");

      late.commit();
      assertEquals("late", nextKey(heardByB), "the skipped number, once committed");
      assertEquals("late", nextKey(heardByA));
    }
  }
}
