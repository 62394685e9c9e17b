/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.twat.cache.internal.store.StoreEntry;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.TestSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A process dying (simulated: {@link CrashingStore}) after any one commit of a change that moves
 * a key between the two stores of a {@link SizeRoutingStore}, or keeps it in one, or removes it:
 * reopened, the store reads the old or the new value, whole, never nothing; the read leaves one
 * copy, and a later removal leaves none (no stale copy comes back).
 */
final class SizeRoutingStoreCrashTest {
  private static final long THRESHOLD = 100;
  private static final String SMALL_OLD = "old";
  private static final String LARGE_OLD = "OLD".repeat(100);
  private static final String SMALL_NEW = "new";
  private static final String LARGE_NEW = "NEW".repeat(100);

  @TempDir
  Path temp;

  private final CrashingStore.Countdown countdown = new CrashingStore.Countdown();

  private SizeRoutingStore<String> open(Path folder) throws StoreException {
    return SizeRoutingStore.open(
        TestSpecs.spec("crash"),
        crashing("db", TestTiers.file(folder.resolve("small"))),
        crashing("file", TestTiers.file(folder.resolve("large"))),
        THRESHOLD,
        TestTiers::serializedLength);
  }

  private TierFactory crashing(String role, TierFactory real) {
    return new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec spec) throws StoreException {
        Tier<K> tier = real.create(spec);
        return new Tier<>(
            role, new CrashingStore<>(tier.store(), countdown), Optional.empty());
      }
    };
  }

  private static String value(String name) {
    return switch (name) {
      case "smallOld" -> SMALL_OLD;
      case "largeOld" -> LARGE_OLD;
      case "smallNew" -> SMALL_NEW;
      case "largeNew" -> LARGE_NEW;
      case "removed" -> null;
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static long copies(SizeRoutingStore<String> store) throws StoreException {
    return store.tierStatistics().get(0).entries() + store.tierStatistics().get(1).entries();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "smallOld, largeNew",
    "largeOld, smallNew",
    "smallOld, smallNew",
    "largeOld, largeNew",
    "smallOld, removed",
    "largeOld, removed",
  })
  void aDeathAfterAnyCommit_leavesTheOldOrTheNewValueReadable(String from, String to)
      throws StoreException {
    String old = value(from);
    String next = value(to);
    BiFunction<String, StoreEntry, StoreEntry> change =
        (k, current) -> next == null ? null : new StoreEntry(next, StoreEntry.NEVER);
    List<String> seen = new ArrayList<>();
    for (int commits = 1; ; commits++) {
      Path folder = temp.resolve(from + "-" + to + "-" + commits);
      boolean died;
      try (SizeRoutingStore<String> store = open(folder)) {
        store.compute("k", (k, current) -> new StoreEntry(old, StoreEntry.NEVER));
        countdown.arm(commits);
        try {
          store.compute("k", change);
        } catch (CrashingStore.Crash expected) {
          // the process died here; what its stores committed stays
        }
        died = countdown.fired();
        countdown.disarm();
      }
      try (SizeRoutingStore<String> reopened = open(folder)) {
        StoreEntry read = reopened.get("k");
        Object found = read == null ? null : read.value();
        String where = "a death after commit " + commits + " of " + from + " -> " + to;
        assertTrue(
            Set.of(Optional.ofNullable(old), Optional.ofNullable(next))
                .contains(Optional.ofNullable(found)),
            () -> where + " left " + (found == null ? "nothing" : found) + " to read");
        if (!died) {
          assertEquals(next, found, "a change that finished");
        }
        seen.add(Objects.equals(found, old) ? "old" : "new");
        assertEquals(found == null ? 0 : 1, copies(reopened), where + ": copies after a read");
        reopened.compute("k", (k, current) -> null);
        assertNull(reopened.get("k"), where + ": removed, it stays removed");
        assertEquals(0, copies(reopened), where + ": copies after a removal");
      }
      if (!died) {
        break;
      }
    }
    assertTrue(seen.size() >= 2, () -> "the change has at least one commit to die after: " + seen);
  }
}
