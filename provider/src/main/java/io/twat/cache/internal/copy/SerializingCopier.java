/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import io.twat.cache.internal.serial.Serializer;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import javax.cache.CacheException;

/**
 * Store-by-value through Java serialization. A value of an immutable type is kept as it is;
 * any other value is kept as its serialized bytes, so that a read costs one deserialization and
 * the store never holds an object the caller can reach.
 *
 * <p>The bytes never leave the JVM, so they name classes by the numbers of the copier's own
 * {@link ClassTable} instead of by class descriptors: a copy reads back the very classes that were
 * written, and no class is looked up by name. The table holds classes weakly, so the copier does
 * not keep its cache manager's class loader alive (a manager never closed must not pin an
 * undeployed application's loader). The values were given by the caller in this JVM, so every
 * class is read back; but a copy is bounded like a disk store's read
 * ({@link Serializer#limitExceeded}: nesting depth, array lengths, references), so that a value
 * that would take minutes to read back (nested hash sets, say) fails at once with a message that
 * names the limit instead: a key with an {@link IllegalArgumentException} when it is copied in, a
 * value with a {@link CacheException} when it is read.
 *
 * <p>Thread-safe.
 */
public final class SerializingCopier implements Copier {
  private final ClassTable classes = new ClassTable();

  /** Creates a copier with a class table of its own. */
  public SerializingCopier() {
  }

  @Override
  public Object toStore(Object value) {
    if (ImmutableTypes.isImmutable(value)) {
      return value;
    }
    Object array = cloneIfPrimitiveArray(value);
    return array != null ? new ArrayCopy(array) : new Serialized(serialize(value));
  }

  @Override
  public Object fromStore(Object stored) {
    if (stored instanceof Serialized serialized) {
      return deserialize(serialized.bytes);
    }
    return stored instanceof ArrayCopy copy ? cloneIfPrimitiveArray(copy.array) : stored;
  }

  /**
   * Returns whether {@link #fromStore} hands out {@code stored} itself: an immutable value, kept
   * as it is, that readers may share.
   *
   * @param stored a form {@link #toStore} returned
   * @return true unless reading it makes a copy
   */
  public boolean sharesAsIs(Object stored) {
    return !(stored instanceof Serialized) && !(stored instanceof ArrayCopy);
  }

  /**
   * Returns whether two forms {@link #toStore} returned hold the same value: equal serialized
   * bytes, equal primitive arrays, or equal immutable values.
   *
   * @param a a stored form
   * @param b another stored form
   * @return true only if reading either gives equal values
   */
  public boolean sameStored(Object a, Object b) {
    if (a instanceof Serialized x) {
      return b instanceof Serialized y && Arrays.equals(x.bytes, y.bytes);
    }
    if (a instanceof ArrayCopy x) {
      return b instanceof ArrayCopy y && Objects.deepEquals(x.array, y.array);
    }
    return !(b instanceof Serialized)
        && !(b instanceof ArrayCopy)
        && a.getClass() == b.getClass()
        && a.equals(b);
  }

  /**
   * Returns a clone of a primitive array, or null for anything else. A clone is a full copy of
   * such an array and costs a fraction of a serialization round trip (a 1 KiB {@code byte[]} is the
   * disk workloads' value).
   */
  private static Object cloneIfPrimitiveArray(Object value) {
    if (value instanceof byte[] a) {
      return a.clone();
    } else if (value instanceof int[] a) {
      return a.clone();
    } else if (value instanceof long[] a) {
      return a.clone();
    } else if (value instanceof double[] a) {
      return a.clone();
    } else if (value instanceof char[] a) {
      return a.clone();
    } else if (value instanceof float[] a) {
      return a.clone();
    } else if (value instanceof short[] a) {
      return a.clone();
    } else if (value instanceof boolean[] a) {
      return a.clone();
    }
    return null;
  }

  @Override
  public Object copyKey(Object key) {
    if (ImmutableTypes.isImmutable(key)) {
      return key;
    }
    byte[] bytes = serialize(key);
    Limits limits = new Limits(bytes.length);
    try {
      return deserialize(bytes, limits);
    } catch (CacheException e) {
      if (limits.exceeded != null) {
        throw new IllegalArgumentException("A store-by-value cache copies its keys by "
            + "serialization, and a " + key.getClass().getName() + " key cannot be copied: "
            + limits.exceeded, e);
      }
      throw e;
    }
  }

  private byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (ObjectOutputStream out = new ClassTable.Output(bytes, classes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw notSerializable(value, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy a " + value.getClass().getName()
          + " by serialization for a store-by-value cache", e);
    }
    return bytes.toByteArray();
  }

  /** Returns the failure of a store-by-value cache given a key or value that does not serialize. */
  static IllegalArgumentException notSerializable(Object value, NotSerializableException e) {
    return new IllegalArgumentException("A store-by-value cache copies its keys and values by "
        + "serialization, but " + value.getClass().getName() + " is not Serializable ("
        + e.getMessage() + "). Make it Serializable, or configure the cache with "
        + "setStoreByValue(false).", e);
  }

  private Object deserialize(byte[] bytes) {
    return deserialize(bytes, new Limits(bytes.length));
  }

  private Object deserialize(byte[] bytes, Limits limits) {
    try (ObjectInputStream in = new ClassTable.Input(new ByteArrayInputStream(bytes), classes)) {
      in.setObjectInputFilter(limits);
      return in.readObject();
    } catch (InvalidClassException e) {
      if (limits.exceeded != null) {
        throw new CacheException("Could not copy a stored value by deserialization: "
            + limits.exceeded, e);
      }
      throw failed(e);
    } catch (IOException | ClassNotFoundException e) {
      throw failed(e);
    }
  }

  private static CacheException failed(Exception e) {
    return new CacheException(
        "Could not copy a stored value by deserialization: "
            + e
            + ". Check that its class's readObject/readResolve methods work and that its class"
            + " loader is still in use.",
        e);
  }

  /** One copy's filter: every class, within the limits on what a read may cost. */
  private static final class Limits implements ObjectInputFilter {
    private final long streamBytes;
    private String exceeded;

    Limits(long streamBytes) {
      this.streamBytes = streamBytes;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      String why = Serializer.limitExceeded(info, streamBytes);
      if (why != null) {
        exceeded = why;
        return Status.REJECTED;
      }
      return Status.UNDECIDED;
    }
  }

  /** A private clone of a primitive array; only this copier makes and reads it. */
  private static final class ArrayCopy {
    final Object array;

    ArrayCopy(Object array) {
      this.array = array;
    }
  }

  /** The serialized form of a mutable value; only this copier makes and reads it. */
  private static final class Serialized {
    final byte[] bytes;

    Serialized(byte[] bytes) {
      this.bytes = bytes;
    }
  }
}
