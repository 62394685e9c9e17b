/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements a pooled connection keeps open for the hot paths ({@link KeptStatements}): one
 * per connection and SQL text, prepared again once closed, and dropped with the connection
 * whichever way the pool lets it go, so that a pool that replaces its connections does not keep
 * the old ones alive.
 */
final class KeptStatementsTest {
  @TempDir
  Path temp;

  @RegisterExtension
  final AcquiredDatabase db = new AcquiredDatabase(() -> temp);

  @Test
  void sameConnectionAndSql_sameOpenStatement_anotherSqlOrConnection_another()
      throws SQLException {
    Connection first = db.get().borrow();
    Connection second = db.get().borrow();
    try {
      PreparedStatement select = db.get().statement(first, DbSql.SELECT_ROW);
      assertSame(select, db.get().statement(first, DbSql.SELECT_ROW), "kept, not prepared again");
      assertNotSame(select, db.get().statement(first, DbSql.SELECT_ROW_FOR_UPDATE));
      assertNotSame(select, db.get().statement(second, DbSql.SELECT_ROW));
      assertFalse(select.isClosed());
      select.close();
      PreparedStatement again = db.get().statement(first, DbSql.SELECT_ROW);
      assertNotSame(select, again, "a closed statement is prepared again");
      assertFalse(again.isClosed());
    } finally {
      db.get().giveBack(first);
      db.get().giveBack(second);
    }
  }

  @Test
  void keptStatement_runsAgainWithNewParameters() throws SQLException {
    Connection connection = db.get().borrow();
    try (var create = connection.createStatement()) {
      create.execute("CREATE TABLE kept_probe (id INT PRIMARY KEY, v INT)");
      create.execute("INSERT INTO kept_probe VALUES (1, 10), (2, 20)");
      for (int id = 1; id <= 2; id++) {
        PreparedStatement select =
            db.get().statement(connection, "SELECT v FROM kept_probe WHERE id = ?");
        select.setInt(1, id);
        try (var result = select.executeQuery()) {
          assertTrue(result.next());
          assertEquals(id * 10, result.getInt(1));
        }
      }
      create.execute("DROP TABLE kept_probe");
    } finally {
      db.get().giveBack(connection);
    }
  }

  @Test
  void connectionDiscardedOrDroppedOverThePoolBound_itsStatementsGoWithIt() throws SQLException {
    Connection failed = db.get().borrow();
    db.get().statement(failed, DbSql.SELECT_ROW);
    assertEquals(1, db.get().connectionsWithKeptStatements());
    db.get().discard(failed, new SQLException("a statement failed"));
    assertEquals(0, db.get().connectionsWithKeptStatements(), "discarded");
    assertTrue(failed.isClosed());

    Connection lost = db.get().borrow();
    Connection pooled = db.get().borrow();
    db.get().statement(lost, DbSql.SELECT_ROW);
    db.get().statement(pooled, DbSql.SELECT_ROW);
    db.get().giveBack(pooled);
    assertEquals(2, db.get().connectionsWithKeptStatements());
    // a lost connection takes the idle ones with it: they went to the same place
    db.get().discard(lost, new SQLTransientConnectionException("gone", "08006", 90067));
    assertEquals(0, db.get().connectionsWithKeptStatements(), "lost, and the idle one dropped");

    Connection[] many = new Connection[Database.MAX_IDLE + 2];
    for (int i = 0; i < many.length; i++) {
      many[i] = db.get().borrow();
      db.get().statement(many[i], DbSql.SELECT_ROW);
    }
    for (Connection connection : many) {
      db.get().giveBack(connection);
    }
    assertEquals(Database.MAX_IDLE, db.get().connectionsWithKeptStatements(),
        "those over the pool's bound were closed with their statements");
  }
}
