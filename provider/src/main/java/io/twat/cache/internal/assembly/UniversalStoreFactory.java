/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.assembly;

import io.twat.cache.internal.config.ManagerSettings;
import io.twat.cache.internal.copy.SerializingCopier;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.PersistedCache;
import io.twat.cache.internal.store.Store;
import io.twat.cache.internal.store.StoreException;
import io.twat.cache.internal.store.StoreFactory;
import io.twat.cache.internal.store.StoreSpec;
import io.twat.cache.internal.store.tier.HeapForm;
import io.twat.cache.internal.store.tier.SizeRoutingStore;
import io.twat.cache.internal.store.tier.Tier;
import io.twat.cache.internal.store.tier.TierFactory;
import io.twat.cache.internal.store.tier.TieredStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the stores of one {@code twat:universal} manager, as its {@code tiers} setting says: a
 * bounded heap tier ({@code memory}) over the disk authority, which is the file store, or (with
 * {@code db,file}) the db store for values below {@code threshold} serialized bytes and the file
 * store for the others.
 *
 * <p>The heap tier keeps values as {@link SerializingCopier} does (immutable values as they are,
 * the others serialized), and hands out a fresh object per read, as the disk stores do: the stores
 * keep copies of their own ({@link #copiesValues()}), so the facade copies nothing.
 *
 * <p>Thread-safe and immutable.
 */
final class UniversalStoreFactory implements StoreFactory {
  private final ManagerSettings.Tiers tiers;
  private final StoreFactory heapFactory;
  private final long heapEntries;
  private final long maxStaleMillis;
  private final long threshold;
  private final Path managerFolder;
  private final FileStoreFactory files;
  private final Optional<TierFactory> smallValues;
  private final HeapForm heapForm;

  /**
   * Creates the factory.
   *
   * @param settings the manager's settings
   * @param managerFolder the manager's folder; each cache's file store gets a folder inside it
   * @param heapFactory makes the heap tier's stores (Caffeine, or the built-in store)
   * @param smallValues makes the store of values below the threshold (the db store), if there is
   *     one
   * @param serializers builds the file tier's serializers
   */
  UniversalStoreFactory(
      ManagerSettings settings,
      Path managerFolder,
      StoreFactory heapFactory,
      Optional<TierFactory> smallValues,
      StoreSerializers serializers) {
    this.tiers = settings.tiers();
    this.heapFactory = heapFactory;
    this.heapEntries = settings.heapEntries();
    this.maxStaleMillis = settings.maxStaleMillis();
    this.threshold = settings.threshold();
    this.managerFolder = managerFolder;
    this.files = new FileStoreFactory(managerFolder, settings, serializers);
    this.smallValues = smallValues;
    SerializingCopier copier = new SerializingCopier();
    this.heapForm = new HeapForm() {
      @Override
      public Object toHeap(Object value) {
        return copier.toStore(value);
      }

      @Override
      public Object fromHeap(Object held) {
        return copier.fromStore(held);
      }

      @Override
      public boolean sharesAsIs(Object held) {
        return copier.sharesAsIs(held);
      }

      @Override
      public boolean sameHeld(Object a, Object b) {
        return copier.sameStored(a, b);
      }
    };
  }

  @Override
  public <K> Store<K> create(StoreSpec spec) throws StoreException {
    TierFactory authority = authority();
    if (!tiers.memory()) {
      return authority.<K>create(spec).store();
    }
    return TieredStore.open(spec, heapFactory, heapEntries, authority, heapForm, maxStaleMillis);
  }

  private TierFactory authority() {
    TierFactory file = new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec spec) throws StoreException {
        return new Tier<>("file", files.create(spec),
            Optional.of(managerFolder.resolve(FileStoreFactory.folderName(spec.cacheName()))));
      }
    };
    if (smallValues.isEmpty()) {
      return file;
    }
    TierFactory small = smallValues.get();
    if (!tiers.file()) {
      return small;
    }
    return new TierFactory() {
      @Override
      public <K> Tier<K> create(StoreSpec spec) throws StoreException {
        Serializer sizer = Serializer.allowing();
        SizeRoutingStore<K> routing = SizeRoutingStore.open(spec, small, file, threshold,
            value -> sizer.toBytes(value).length);
        return new Tier<>("authority", routing, Optional.empty());
      }
    };
  }

  @Override
  public boolean copiesValues() {
    return true;
  }

  /** The heap tier holds key objects in its map, so it must be given a copy nobody else holds. */
  @Override
  public boolean copiesKeys() {
    return !tiers.memory();
  }

  /**
   * Returns the caches its disk tiers keep: the file store's and, with a db tier, the
   * database's, once each (the file store's record, unless only the database's has settings).
   */
  @Override
  public List<PersistedCache> persistedCaches() throws StoreException {
    Map<String, PersistedCache> byName = new LinkedHashMap<>();
    for (PersistedCache cache : files.persistedCaches()) {
      byName.put(cache.cacheName(), cache);
    }
    if (smallValues.isPresent()) {
      for (PersistedCache cache : smallValues.get().persistedCaches()) {
        byName.merge(cache.cacheName(), cache,
            (fromFile, fromDb) -> fromFile.settings().isEmpty() ? fromDb : fromFile);
      }
    }
    return List.copyOf(byName.values());
  }

  @Override
  public boolean keepsCaches() {
    return true;
  }

  /** Records the settings with each disk tier of the cache (see {@link #authority()}). */
  @Override
  public boolean recordSettings(String cacheName, Map<String, String> settings)
      throws StoreException {
    boolean recorded = false;
    if (smallValues.isEmpty() || tiers.file()) {
      recorded = files.recordSettings(cacheName, settings);
    }
    if (smallValues.isPresent()) {
      recorded |= smallValues.get().recordSettings(cacheName, settings);
    }
    return recorded;
  }

  @Override
  public boolean destroyPersisted(String cacheName) throws StoreException {
    boolean destroyed = files.destroyPersisted(cacheName);
    if (smallValues.isPresent()) {
      destroyed |= smallValues.get().destroyPersisted(cacheName);
    }
    return destroyed;
  }
}
