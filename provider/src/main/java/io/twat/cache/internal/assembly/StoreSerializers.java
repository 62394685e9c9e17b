package io.twat.cache.internal.assembly;

import io.twat.cache.internal.serial.AllowList;
import io.twat.cache.internal.serial.Serializer;
import io.twat.cache.internal.store.StoreSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the serializer of one disk store (file or database) the same way for every kind: it
 * allows the JDK's value types, the cache's declared key and value types and the manager's
 * {@code allow} patterns, and resolves classes through the value type's class loader (the
 * provider's for JDK types).
 *
 * <p>Stateless.
 */
final class StoreSerializers {
  private StoreSerializers() {
  }

  static Serializer forStore(List<String> allow, StoreSpec spec) {
    List<String> patterns = new ArrayList<>(allow);
    for (Class<?> type : new Class<?>[] {spec.keyType(), spec.valueType()}) {
      if (type != Object.class && !type.isPrimitive()) {
        patterns.add(type.getName());
      }
    }
    ClassLoader loader = spec.valueType().getClassLoader() != null ? spec.valueType().getClassLoader()
        : StoreSerializers.class.getClassLoader();
    return new Serializer(AllowList.of(patterns), () -> loader);
  }
}
