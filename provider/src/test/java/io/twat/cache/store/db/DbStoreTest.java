package io.twat.cache.store.db;

import io.twat.cache.serial.Serializer;
import io.twat.cache.store.Store;
import io.twat.cache.store.StoreContractTest;
import io.twat.cache.store.StoreException;
import io.twat.cache.store.StoreSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Store contract against {@link DbStore}, each store in an embedded H2 database of its own. */
final class DbStoreTest extends StoreContractTest {
  @TempDir
  Path temp;

  private int stores;

  @Override
  protected <K> Store<K> newStore(StoreSpec spec) throws StoreException {
    return DbStore.openEmbedded(temp.resolve("db-" + stores++), Serializer.allowing(), spec, DbStore.Options.defaults());
  }

  @Override
  protected int concurrentIncrementsPerThread() {
    return 500;
  }
}
