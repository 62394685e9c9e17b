/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Follows {@code twat_change} ({@link ChangeLog}) of one database for the stores of this JVM
 * that read it, and tells each store of the changes other stores made to its cache: one thread
 * and, on PostgreSQL, one listening connection per database, however many caches.
 *
 * <h2>How it follows</h2>
 * The thread reads the rows after the last sequence number it applied, hands each to the
 * subscribers of its cache (but the store that wrote it), and waits: on PostgreSQL in
 * {@code PGConnection.getNotifications(timeout)} on a connection that ran
 * {@code LISTEN twat_change} (reached by reflection: the driver is no dependency of ours), so a
 * commit elsewhere wakes it at once; elsewhere (H2, other databases, or while the listening
 * connection is down) it simply waits. It reads the log at least every {@code pollMillis} (the
 * smallest of its subscribers', {@code maxStaleMillis / 2}) in any case, so a lost notification
 * costs at most that.
 *
 * <h2>Gaps</h2>
 * Sequence numbers are handed out at insert and become visible at commit, so a reader may see
 * 11 before 10 commits. A number skipped over is kept as a hole (so is one missing among the
 * last numbers before the log's end when the thread starts following), and later reads look for
 * it again ({@value #HOLES_PER_READ} holes a read, oldest first); a hole that stays empty for
 * {@link #HOLE_MILLIS} (a rolled-back transaction, or numbers a database skipped) is given up.
 * The thread tells every subscriber it
 * lost track (they empty their heap tiers) when it (re)starts from the log's end, when more than
 * {@link #MAX_HOLES} numbers are missing at once, and when it could not read the log for
 * {@link #LOST_TRACK_MILLIS} (rows it did not read may be pruned by then). A dropped listening
 * connection is reopened on the next round, after a read that catches up on what it missed.
 * Whatever happens here, a heap tier still re-reads a copy older than {@code maxStaleMillis}.
 *
 * <p>Thread-safe: subscriptions come and go from any thread; the follow state belongs to the
 * feed's thread.
 */
final class ChangeFeed {
  /** How long a missing sequence number is waited for. */
  static final long HOLE_MILLIS = 5_000L;
  /** How many missing sequence numbers are tracked before the feed gives up and starts over. */
  static final int MAX_HOLES = 10_000;
  /** How long the log may be unreadable before the heap tiers are emptied. */
  static final long LOST_TRACK_MILLIS = ChangeLog.RETENTION_MILLIS / 2;
  /** How many rows one read takes at most; a full batch is followed by another at once. */
  static final int BATCH = 10_000;
  /**
   * How long the end of the last subscription waits for the follower to stop: a read in progress
   * ends within H2's lock timeout.
   */
  static final long STOP_WAIT_MILLIS = 10_000L;

  private static final System.Logger LOG = System.getLogger(DbStore.class.getName());
  private static final String COLUMNS = "SELECT seq, cache_id, origin, key_bytes FROM "
      + "twat_change WHERE ";
  private static final String SELECT =
      COLUMNS + "seq > ? ORDER BY seq FETCH FIRST " + BATCH + " ROWS ONLY";
  /** How many holes one read looks for (the oldest first). */
  static final int HOLES_PER_READ = 64;
  private static final String END = "SELECT MAX(seq) FROM twat_change";
  private static final String RECENT = "SELECT seq FROM twat_change WHERE seq > ?";
  private static final String PG_CONNECTION = "org.postgresql.PGConnection";

  /** What a store does with other stores' changes of its cache; called on the feed's thread. */
  interface Subscriber {
    /** Another store changed the key with these serialized bytes. */
    void changed(byte[] keyBytes);

    /** Another store changed the whole cache, or the feed may have missed changes. */
    void lostTrack();
  }

  /** One store's subscription; {@link #close} ends it. */
  final class Subscription implements AutoCloseable {
    private final int cacheId;
    private final long origin;
    private final long pollMillis;
    private final Subscriber subscriber;

    private Subscription(int cacheId, long origin, long pollMillis, Subscriber subscriber) {
      this.cacheId = cacheId;
      this.origin = origin;
      this.pollMillis = pollMillis;
      this.subscriber = subscriber;
    }

    @Override
    public void close() {
      unsubscribe(this);
    }
  }

  /** One row of the log. */
  private static final class Change {
    private final long seq;
    private final int cacheId;
    private final long origin;
    private final byte[] keyBytes;

    Change(long seq, int cacheId, long origin, byte[] keyBytes) {
      this.seq = seq;
      this.cacheId = cacheId;
      this.origin = origin;
      this.keyBytes = keyBytes;
    }
  }

  private final Database database;
  private final Object lock = new Object();
  private final List<Subscription> subscriptions = new ArrayList<>(); // guarded by lock
  private Thread thread; // guarded by lock; the running follower, null if none
  private Thread stopped; // guarded by lock; the follower the last unsubscribe stopped
  private Connection listening; // guarded by lock
  private boolean woken; // guarded by lock: a waiting follower should look again now
  private volatile Runnable beforeRead = () -> { };


  ChangeFeed(Database database) {
    this.database = database;
  }

  /**
   * Subscribes a store to the changes of cache {@code cacheId} not made by {@code origin},
   * starting the feed's thread if it is not running.
   *
   * @param pollMillis how often the log must be read at least, 1 or more
   */
  Subscription subscribe(int cacheId, long origin, long pollMillis, Subscriber subscriber) {
    if (pollMillis < 1) {
      throw new IllegalArgumentException("pollMillis must be at least 1, was " + pollMillis);
    }
    Subscription subscription = new Subscription(cacheId, origin, pollMillis, subscriber);
    synchronized (lock) {
      subscriptions.add(subscription);
      if (thread == null) {
        Thread follower = new Thread(new Follower(), "twat-db-changes");
        follower.setDaemon(true);
        thread = follower;
        follower.start();
      } else {
        woken = true; // its interval may be shorter
        lock.notifyAll();
      }
    }
    return subscription;
  }

  /**
   * Ends a subscription; the last one's end stops the follower and waits (at most
   * {@link #STOP_WAIT_MILLIS}) until it has: once a store is closed, no thread of its touches the
   * database. A follower left running could borrow a new connection after its database was shut
   * down, opening the file again (and H2 writing its lock file) in a folder its owner may be
   * deleting.
   */
  private void unsubscribe(Subscription subscription) {
    Connection toClose = null;
    Thread follower;
    synchronized (lock) {
      if (!subscriptions.remove(subscription) || !subscriptions.isEmpty()) {
        return;
      }
      follower = thread;
      thread = null;
      toClose = listening;
      listening = null;
      lock.notifyAll();
    }
    if (toClose != null) {
      database.discard(toClose); // wakes the follower out of getNotifications
    }
    if (follower != null && follower != Thread.currentThread()) {
      try {
        follower.join(STOP_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (follower.isAlive()) {
        LOG.log(Level.DEBUG, "The change log follower of {0} has not stopped within {1} ms; it "
            + "ends after its current read", database.url(), STOP_WAIT_MILLIS);
      }
    }
    synchronized (lock) {
      stopped = follower;
    }
  }

  /** The subscriptions now. */
  private List<Subscription> subscriptions() {
    synchronized (lock) {
      return List.copyOf(subscriptions);
    }
  }

  /**
   * Sets what the follower runs at the start of each read, before it reads anything: for tests
   * that subscribe or change the log at that moment.
   */
  void beforeEachRead(Runnable hook) {
    beforeRead = hook;
  }

  /** Returns whether a listening connection is open: for tests. */
  boolean isListening() {
    synchronized (lock) {
      return listening != null;
    }
  }

  /** Returns whether the last subscription's end stopped a follower, which has ended: for tests. */
  boolean followerEnded() {
    synchronized (lock) {
      return stopped != null && !stopped.isAlive();
    }
  }

  /**
   * The loop of one feed thread, with its position in the log; a thread that finds it is no longer
   * the feed's thread ends (a new one may have started meanwhile, with a position of its own).
   */
  private final class Follower implements Runnable {
    private long last = -1;
    private final TreeMap<Long, Long> holes = new TreeMap<>(); // number -> nanoTime first missed
    private long lastReadNanos;
    private Method getNotifications;

    @Override
    public void run() {
      follow();
    }

    private void follow() {
      Thread me = Thread.currentThread();
      lastReadNanos = System.nanoTime();
      while (true) {
        long pollMillis = Long.MAX_VALUE;
        synchronized (lock) {
          if (thread != me) {
            break;
          }
          for (Subscription s : subscriptions) {
            pollMillis = Math.min(pollMillis, s.pollMillis);
          }
        }
        boolean more = false;
        try {
          more = read();
          lastReadNanos = System.nanoTime();
        } catch (SQLException e) {
          LOG.log(Level.DEBUG, "Could not read the change log of {0}: {1}", database.url(),
              Database.explain(e));
          if (last >= 0 && System.nanoTime() - lastReadNanos
              > TimeUnit.MILLISECONDS.toNanos(LOST_TRACK_MILLIS)) {
            LOG.log(Level.WARNING, "Could not read the change log of {0} for {1} ms: the heap "
                + "tiers over it are emptied and the log is followed again from its end once it "
                + "can be read ({2})", database.url(), LOST_TRACK_MILLIS, Database.explain(e));
            startOver();
          }
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "The change log of " + database.url() + " could not be applied;"
              + " the heap tiers over it are emptied", e);
          startOver();
        }
        if (!more) {
          await(me, pollMillis);
        }
      }
      closeListening(me);
    }

    /** Forgets the position: the next read starts at the log's end and empties the heap tiers. */
    private void startOver() {
      last = -1;
      holes.clear();
      lastReadNanos = System.nanoTime();
      for (Subscription s : subscriptions()) {
        lostTrack(s);
      }
    }

    /**
     * Reads the rows of the oldest holes and those after the last applied one, and hands them
     * out to the stores subscribed when the read ended. A store that subscribes while a read runs
     * is told of what it returns too: the read may have begun before the store subscribed and
     * still return a change committed after. A store told of a change made before it subscribed
     * only drops a copy it would read again.
     *
     * @return whether a full batch was read, so that more may be waiting
     */
    private boolean read() throws SQLException {
      beforeRead.run();
      if (last < 0) {
        start();
      }
      List<Change> changes = new ArrayList<>();
      int fresh;
      Connection connection = database.borrow();
      try {
        if (!holes.isEmpty()) {
          // the numbers skipped over so far, by their own statement: a read from the oldest
          // hole would read again every row after it
          List<Long> wanted = holes.keySet().stream().limit(HOLES_PER_READ).toList();
          String marks = String.join(", ", Collections.nCopies(wanted.size(), "?"));
          try (PreparedStatement select =
              connection.prepareStatement(COLUMNS + "seq IN (" + marks + ") ORDER BY seq")) {
            for (int i = 0; i < wanted.size(); i++) {
              select.setLong(i + 1, wanted.get(i));
            }
            collect(select, changes);
          }
        }
        int before = changes.size();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
          select.setLong(1, last);
          collect(select, changes);
        }
        fresh = changes.size() - before;
        database.giveBack(connection);
      } catch (SQLException e) {
        database.discard(connection, e);
        throw e;
      }
      List<Subscription> current = subscriptions();
      long now = System.nanoTime();
      for (Change change : changes) {
        long seq = change.seq;
        if (seq <= last) {
          if (holes.remove(seq) == null) {
            continue; // applied already
          }
        } else {
          if (seq - last - 1 > MAX_HOLES - holes.size()) {
            LOG.log(Level.DEBUG, "{0} change numbers missing in {1}: the heap tiers are emptied",
                seq - last - 1, database.url());
            holes.clear();
            for (Subscription s : current) {
              lostTrack(s);
            }
          } else {
            for (long missing = last + 1; missing < seq; missing++) {
              holes.put(missing, now);
            }
          }
          last = seq;
        }
        for (Subscription s : current) {
          if (s.cacheId == change.cacheId && s.origin != change.origin) {
            tell(s, change.keyBytes);
          }
        }
      }
      long holeNanos = TimeUnit.MILLISECONDS.toNanos(HOLE_MILLIS);
      for (Iterator<Map.Entry<Long, Long>> i = holes.entrySet().iterator(); i.hasNext(); ) {
        if (now - i.next().getValue() > holeNanos) {
          i.remove();
        }
      }
      return fresh == BATCH;
    }

    private void collect(PreparedStatement select, List<Change> changes) throws SQLException {
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          changes.add(new Change(rows.getLong(1), rows.getInt(2), rows.getLong(3),
              rows.getBytes(4)));
        }
      }
    }

    /**
     * Tells a subscriber of a change of a key (null: of everything); if it cannot drop the key,
     * it is told to drop everything; a subscriber closing meanwhile is left alone.
     */
    private void tell(Subscription s, byte[] keyBytes) {
      try {
        if (keyBytes == null) {
          s.subscriber.lostTrack();
        } else {
          s.subscriber.changed(keyBytes);
        }
      } catch (RuntimeException e) {
        try {
          s.subscriber.lostTrack();
        } catch (RuntimeException again) {
          e.addSuppressed(again);
          LOG.log(Level.DEBUG, "A store of cache id " + s.cacheId + " could not drop copies "
              + "another process changed (closing?)", e);
        }
      }
    }

    private void lostTrack(Subscription s) {
      tell(s, /* keyBytes= */ null);
    }

    /**
     * Takes the log's end as the position and tells every subscriber it lost track: their heap
     * tiers may hold copies read before the position was known. The numbers missing among the
     * last {@value #HOLES_PER_READ} before the end are kept as holes: a transaction that took
     * one before a later one committed may commit after this read.
     */
    private void start() throws SQLException {
      long end;
      List<Long> present = new ArrayList<>();
      Connection connection = database.borrow();
      try {
        try (Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery(END)) {
          end = result.next() ? result.getLong(1) : 0;
        }
        try (PreparedStatement select = connection.prepareStatement(RECENT)) {
          select.setLong(1, end - HOLES_PER_READ);
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              present.add(rows.getLong(1));
            }
          }
        }
        database.giveBack(connection);
      } catch (SQLException e) {
        database.discard(connection, e);
        throw e;
      }
      holes.clear();
      long now = System.nanoTime();
      for (long seq = Math.max(1, end - HOLES_PER_READ + 1); seq <= end; seq++) {
        holes.put(seq, now);
      }
      present.forEach(holes::remove);
      last = end;
      for (Subscription s : subscriptions()) {
        lostTrack(s);
      }
    }

    /**
     * Waits up to {@code pollMillis} for a notification (PostgreSQL) or for the feed to stop.
     * Returns at once after opening a listening connection, so that the next read covers what was
     * committed before it listened.
     */
    private void await(Thread me, long pollMillis) {
      if (database.dialect() == Dialect.POSTGRESQL) {
        Connection connection;
        synchronized (lock) {
          connection = listening;
        }
        if (connection == null) {
          if (listen(me)) {
            return;
          }
        } else {
          try {
            getNotifications(connection, pollMillis);
            return;
          } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "The listening connection to {0} was lost ({1}); reading the "
                + "change log and listening again", database.url(), e);
            closeListening(me);
            return;
          }
        }
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pollMillis);
      synchronized (lock) {
        long left;
        while (thread == me && !woken && (left = deadline - System.nanoTime()) > 0) {
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread = null;
          }
        }
        woken = false;
      }
    }

    /** Opens the listening connection; returns false (and logs) if it cannot. */
    private boolean listen(Thread me) {
      Connection connection;
      try {
        connection = database.borrow();
      } catch (SQLException e) {
        LOG.log(Level.DEBUG, "Could not connect to {0} to listen for changes: {1}",
            database.url(), Database.explain(e));
        return false;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + ChangeLog.CHANNEL);
        if (getNotifications == null) {
          Class<?> type = Class.forName(PG_CONNECTION, /* initialize= */ false,
              connection.getClass().getClassLoader());
          getNotifications = type.getMethod("getNotifications", int.class);
        }
      } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
        database.discard(connection);
        LOG.log(Level.DEBUG, "Could not listen for changes on {0} ({1}); reading the change log "
            + "every interval instead", database.url(), e);
        return false;
      }
      synchronized (lock) {
        if (thread == me) {
          listening = connection;
          return true;
        }
      }
      database.discard(connection);
      return false;
    }

    private void getNotifications(Connection connection, long pollMillis)
        throws SQLException, ReflectiveOperationException {
      Object pg = connection.unwrap(getNotifications.getDeclaringClass());
      try {
        getNotifications.invoke(pg, (int) Math.min(pollMillis, Integer.MAX_VALUE));
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLException sql) {
          throw sql;
        }
        throw e;
      }
    }

    private void closeListening(Thread me) {
      Connection toClose;
      synchronized (lock) {
        toClose = listening;
        if (thread == me || thread == null) {
          listening = null;
        } else {
          toClose = null;
        }
      }
      if (toClose != null) {
        database.discard(toClose);
      }
    }
  }
}
