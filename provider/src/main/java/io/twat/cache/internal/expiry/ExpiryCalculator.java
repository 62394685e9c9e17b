/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.expiry;

import io.twat.cache.internal.store.StoreEntry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/**
 * Turns a JCache {@link ExpiryPolicy} into store deadlines. Each method calls the policy exactly
 * once, as the TCK counts those calls.
 *
 * <p>The JCache rules: a zero duration means the entry expires at once; a null duration from
 * {@code getExpiryForAccess} or {@code getExpiryForUpdate} leaves the deadline as it was; a
 * policy that throws is logged and treated as a null duration (for creation, as eternal), because
 * the spec says a failing policy must not fail the cache operation.
 *
 * <p>Thread-safe if the policy is.
 */
public final class ExpiryCalculator {
  /** The result of {@link #forAccess} and {@link #forUpdate} when the deadline stays as it was. */
  public static final long UNCHANGED = Long.MIN_VALUE;

  private static final Logger LOG = System.getLogger(ExpiryCalculator.class.getName());

  private final ExpiryPolicy policy;

  /**
   * Creates a calculator.
   *
   * @param policy the cache's policy
   */
  public ExpiryCalculator(ExpiryPolicy policy) {
    this.policy = policy;
  }

  /** Returns the policy this calculator asks. */
  public ExpiryPolicy policy() {
    return policy;
  }

  /**
   * Returns the deadline of an entry created at {@code now}; {@code now} itself if it expires at
   * once.
   */
  public long forCreation(long now) {
    Duration duration = ask(CREATION);
    return duration == null ? StoreEntry.NEVER : deadline(duration, now);
  }

  /** Returns the deadline of an entry read at {@code now}, or {@link #UNCHANGED}. */
  public long forAccess(long now) {
    Duration duration = ask(ACCESS);
    return duration == null ? UNCHANGED : deadline(duration, now);
  }

  /** Returns the deadline of an entry updated at {@code now}, or {@link #UNCHANGED}. */
  public long forUpdate(long now) {
    Duration duration = ask(UPDATE);
    return duration == null ? UNCHANGED : deadline(duration, now);
  }

  private static final int CREATION = 0;
  private static final int ACCESS = 1;
  private static final int UPDATE = 2;

  /**
   * Asks the policy one of its three questions. A switch rather than a method reference: this
   * runs on every hit of a cache with an expiry policy, and the reference was an allocation
   * whenever the JIT did not inline this far.
   */
  private Duration ask(int question) {
    try {
      return switch (question) {
        case CREATION -> policy.getExpiryForCreation();
        case ACCESS -> policy.getExpiryForAccess();
        default -> policy.getExpiryForUpdate();
      };
    } catch (RuntimeException e) {
      String method = question == CREATION ? "getExpiryForCreation"
          : question == ACCESS ? "getExpiryForAccess" : "getExpiryForUpdate";
      LOG.log(Level.WARNING, () -> "ExpiryPolicy " + policy.getClass().getName() + "." + method
          + " threw; the deadline is left unchanged. Fix the policy so that it does not throw.", e);
      return null;
    }
  }

  /**
   * Returns the deadline {@code duration} after {@code now}, saturating at {@link
   * StoreEntry#NEVER}.
   */
  static long deadline(Duration duration, long now) {
    if (duration.isEternal()) {
      return StoreEntry.NEVER;
    }
    if (duration.isZero()) {
      return now;
    }
    long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
    long deadline = now + Math.max(1L, millis);
    return deadline < now ? StoreEntry.NEVER : deadline;
  }
}
