/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.assembly;

import io.twat.cache.internal.crypto.Sealer;
import io.twat.cache.internal.crypto.TrustKeys;
import io.twat.cache.internal.serial.AllowList;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreSpec;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the serializers of one manager's disk stores (file or database) the same way for every
 * kind:
 * <ul>
 *   <li>the allow-list: the JDK's value types, the cache's declared key and value types and the
 *       manager's {@code allow} patterns;
 *   <li>trust (see {@link Serializer}): objects of other classes are signed and read back when
 *       their signature verifies. The keys are derived from the store's encryption keys when it
 *       encrypts, so every host that holds those keys trusts what the others wrote; else they are
 *       the manager's trust key file, read or generated on first use;
 *   <li>class loading: through the manager's class loader (as JCache specifies), held weakly so
 *       that the manager's registry can let an unused loader go; once it is gone, through the value
 *       type's loader, then the thread's context loader and the provider's.
 * </ul>
 *
 * <p>Thread-safe and immutable.
 */
final class StoreSerializers {
  private final List<String> allow;
  private final WeakReference<ClassLoader> managerLoader;
  private final Supplier<Optional<TrustKeys>> keyFile;

  /**
   * Creates the serializers' builder of a manager.
   *
   * @param allow the manager's {@code allow} patterns
   * @param managerLoader the manager's class loader, or null for the context and provider loaders
   * @param keyFile gives the manager's trust keys from its key file (used by stores that do not
   *     encrypt)
   */
  StoreSerializers(List<String> allow, ClassLoader managerLoader,
      Supplier<Optional<TrustKeys>> keyFile) {
    this.allow = List.copyOf(allow);
    this.managerLoader = new WeakReference<>(managerLoader);
    this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
  }

  /**
   * Returns the serializer of one store.
   *
   * @param spec the store's cache: its declared types
   * @param sealer the store's encryption (the cache's own keys, else the manager's), or null
   */
  Serializer forStore(StoreSpec spec, Sealer sealer) {
    List<String> patterns = new ArrayList<>(allow);
    for (Class<?> type : new Class<?>[] {spec.keyType(), spec.valueType()}) {
      if (type != Object.class && !type.isPrimitive()) {
        patterns.add(type.getName());
      }
    }
    WeakReference<ClassLoader> manager = managerLoader;
    ClassLoader typeLoader = spec.valueType().getClassLoader();
    Supplier<ClassLoader> loader = () -> {
      ClassLoader alive = manager.get();
      return alive != null ? alive : typeLoader;
    };
    Supplier<Optional<TrustKeys>> trust = keyFile;
    if (sealer != null) {
      Optional<TrustKeys> derived = Optional.of(TrustKeys.derivedFrom(sealer.keys()));
      trust = () -> derived;
    }
    return new Serializer(AllowList.of(patterns), loader, trust);
  }
}
