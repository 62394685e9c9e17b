package io.twat.cache.internal.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} that resolves classes through a given class loader (the cache
 * manager's) before the default lookup, so values of application classes read back in containers
 * where the caller's loader is not the application's. It applies no filter of its own: callers
 * that read untrusted bytes set one with {@link #setObjectInputFilter}.
 *
 * <p>Not thread-safe, like any stream.
 */
public final class LoaderObjectInputStream extends ObjectInputStream {
  private final ClassLoader loader;

  /**
   * Creates a stream.
   *
   * @param in the serialized bytes
   * @param loader the loader tried first for every class
   * @throws IOException if the stream header cannot be read
   */
  public LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
    super(in);
    this.loader = loader;
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
    try {
      return Class.forName(desc.getName(), false, loader);
    } catch (ClassNotFoundException e) {
      return super.resolveClass(desc);
    }
  }
}
