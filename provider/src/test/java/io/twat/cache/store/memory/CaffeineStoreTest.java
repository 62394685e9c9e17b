package io.twat.cache.store.memory;

import io.twat.cache.expiry.Ticker;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.twat.cache.store.Store;
import io.twat.cache.store.StoreContractTest;
import io.twat.cache.store.StoreListener;
import io.twat.cache.store.StoreSpec;
import org.junit.jupiter.api.Test;

/** Runs the Store contract against {@link CaffeineStore}. */
final class CaffeineStoreTest extends StoreContractTest {

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) {
    return CaffeineStore.create(spec);
  }

  @Test
  void describe_namesCaffeineAndTheBound() {
    try (Store<String> bounded = CaffeineStore.create(new StoreSpec("c", 10, StoreListener.NONE, Ticker.SYSTEM, false));
        Store<String> unbounded = CaffeineStore.create(new StoreSpec("c", StoreSpec.UNBOUNDED, StoreListener.NONE, Ticker.SYSTEM, false))) {
      assertEquals("heap(caffeine, 10 entries)", bounded.describe());
      assertEquals("heap(caffeine, unbounded)", unbounded.describe());
    }
  }
}
