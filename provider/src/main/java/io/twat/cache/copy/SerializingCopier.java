package io.twat.cache.copy;

import io.twat.cache.serial.LoaderObjectInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * Store-by-value through Java serialization. A value of an immutable type is kept as it is;
 * any other value is kept as its serialized bytes, so that a read costs one deserialization and
 * the store never holds an object the caller can reach.
 *
 * <p>Classes are resolved through the cache manager's class loader, which the copier does not
 * keep alive (a manager never closed must not pin an undeployed application's loader). The values
 * were given by the caller in this JVM, so no deserialization filter applies here; disk stores
 * have their own.
 *
 * <p>Thread-safe.
 */
public final class SerializingCopier implements Copier {
  private final Supplier<ClassLoader> classLoader;

  /**
   * Creates a copier.
   *
   * @param classLoader gives the loader through which copied classes are resolved, or null once it
   *     is gone (then the copier's own loader is used)
   */
  public SerializingCopier(Supplier<ClassLoader> classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
  }

  @Override
  public Object toStore(Object value) {
    return ImmutableTypes.isImmutable(value) ? value : new Serialized(serialize(value));
  }

  @Override
  public Object fromStore(Object stored) {
    return stored instanceof Serialized serialized ? deserialize(serialized.bytes) : stored;
  }

  @Override
  public Object copyKey(Object key) {
    return ImmutableTypes.isImmutable(key) ? key : deserialize(serialize(key));
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("A store-by-value cache copies its keys and values by "
          + "serialization, but " + value.getClass().getName() + " is not Serializable (" + e.getMessage()
          + "). Make it Serializable, or configure the cache with setStoreByValue(false).", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not copy a " + value.getClass().getName()
          + " by serialization for a store-by-value cache", e);
    }
    return bytes.toByteArray();
  }

  private Object deserialize(byte[] bytes) {
    ClassLoader loader = classLoader.get();
    if (loader == null) {
      loader = SerializingCopier.class.getClassLoader();
    }
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new CacheException("Could not copy a stored value by deserialization: " + e
          + ". Check that the class is visible to the cache manager's class loader.", e);
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
