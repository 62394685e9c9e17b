/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Store-by-value for a store that keeps copies of its own (a disk store serializes every key and
 * value it is given): keys (unless the store holds key objects on the heap, when they are copied)
 * and values pass as they are, but each is first checked to serialize,
 * so that one the store could not keep fails with an {@link IllegalArgumentException} before the
 * cache calls its writer or changes anything, as it does with a {@link SerializingCopier}.
 *
 * <p>The values that the disk serializer writes in formats of its own (strings, boxed primitives,
 * primitive arrays, {@link ByteBuffer}s) and immutable values (which always serialize, see
 * {@link ImmutableTypes}) need no check; any other value is serialized once into nothing, which
 * costs one serialization besides the store's own.
 *
 * <p>Thread-safe and stateless.
 */
public final class CheckingCopier implements Copier {
  private static final Set<Class<?>> OWN_FORMATS = Set.of(String.class, Integer.class, Long.class,
      Short.class, Byte.class, Character.class, Boolean.class, Float.class, Double.class);

  private final SerializingCopier keyCopier;

  /** Creates the copier for a store that keeps serialized keys only: keys pass as they are. */
  public CheckingCopier() {
    this.keyCopier = null;
  }

  /**
   * Creates the copier.
   *
   * @param copyKeys whether keys are copied (as a {@link SerializingCopier} copies them, immutable
   *     keys passing as they are) because the store holds key objects on the heap, where a caller
   *     changing its key after a put would change the store's
   */
  public CheckingCopier(boolean copyKeys) {
    this.keyCopier = copyKeys ? new SerializingCopier() : null;
  }

  @Override
  public Object toStore(Object value) {
    check(value);
    return value;
  }

  @Override
  public Object fromStore(Object stored) {
    return stored;
  }

  @Override
  public Object copyKey(Object key) {
    if (keyCopier != null) {
      return keyCopier.copyKey(key);
    }
    check(key);
    return key;
  }

  private static void check(Object value) {
    Class<?> type = value.getClass();
    if (OWN_FORMATS.contains(type) || (type.isArray() && type.getComponentType().isPrimitive())
        || value instanceof ByteBuffer || ImmutableTypes.isImmutable(value)) {
      return;
    }
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw SerializingCopier.notSerializable(value, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not serialize a " + type.getName()
          + " for a store-by-value cache", e);
    }
  }
}
