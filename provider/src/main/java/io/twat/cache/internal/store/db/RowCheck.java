/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.crypto.SealedDataException;
import io.twat.cache.internal.crypto.Sealer;
import java.util.Optional;

/**
 * Checks one row of {@code twat_row} as the db store checks it when it reads it, as far as that
 * needs no encryption key and no value classes: the checksum over the key bytes, the stored value
 * bytes and the deadline, and that the row's key hash is the hash of its cache and key bytes (a
 * row copied under another key or cache); given the keys, whether a sealed value opens
 * ({@link #sealDamage}); and the statement that creates the table damaged rows are quarantined
 * to. The command line's ({@code cli} module's) window on the row format, which
 * it uses from the class path (this package is not exported).
 *
 * <p>Stateless and thread-safe.
 */
public final class RowCheck {
  /** The longest reason {@code twat_quarantine} holds ({@link #quarantineTable}). */
  public static final int MAX_REASON_LENGTH = 1000;

  private RowCheck() {
  }

  /**
   * Returns the statement that creates {@code twat_quarantine} if it is missing, with the column
   * types of the database whose driver reports {@code productName}: the table the command line's
   * {@code verify --repair} moves damaged rows to ({@code id}, then the columns of
   * {@code twat_row}, then {@code reason} and {@code quarantined_at} in epoch milliseconds). The
   * store never reads it.
   */
  public static String quarantineTable(String productName) {
    return Dialect.of(productName).quarantineTable();
  }

  /**
   * Returns why the row is damaged, or empty if it is whole as far as these checks go.
   *
   * @param cacheId the row's {@code cache_id}
   * @param keyHash the row's {@code key_hash}
   * @param key the row's {@code key_bytes}
   * @param value the row's {@code value_bytes} (not null: a row without a value holds a key for
   *     a transaction in progress and is no entry)
   * @param checksum the row's {@code checksum}
   * @param expiresAt the row's {@code expires_at}
   */
  public static Optional<String> damage(int cacheId, long keyHash, byte[] key, byte[] value,
      int checksum, long expiresAt) {
    if (RowFormat.checksum(key, value, expiresAt) != checksum) {
      return Optional.of("checksum mismatch: the key, value or deadline changed behind the "
          + "store's back");
    }
    if (RowFormat.keyHash(cacheId, key) != keyHash) {
      return Optional.of("key hash does not match the key bytes: a row moved under another key "
          + "or cache");
    }
    return Optional.empty();
  }

  /**
   * Returns why the sealed value of a row that passed {@link #damage} does not open with
   * {@code sealer}'s keys, or empty if it opens: the AES-GCM authentication of the value, bound to
   * the cache's name and the row's key bytes as the store binds it when it reads the row. A value
   * that was not sealed, or was sealed with other keys, does not open either.
   *
   * @param cacheName the name of the row's cache
   * @param key the row's {@code key_bytes}
   * @param value the row's {@code value_bytes}
   * @param sealer the cache's keys
   */
  public static Optional<String> sealDamage(String cacheName, byte[] key, byte[] value,
      Sealer sealer) {
    try {
      RowFormat.openValue(sealer, value, RowFormat.associatedData(cacheName, key));
      return Optional.empty();
    } catch (SealedDataException e) {
      return Optional.of("the value fails authentication (tampered, moved, or sealed with "
          + "another key): " + e.getMessage());
    }
  }
}
