/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.List;

/**
 * An {@link ObjectInputStream} that resolves classes through given class loaders, in order (the
 * cache manager's first), before the default lookup, so values of application classes read back
 * in containers where the caller's loader is not the application's. Resolving a class does not
 * initialize it. It applies no filter of its own: callers that read untrusted bytes set one with
 * {@link #setObjectInputFilter}, which sees each class after it is resolved and before any
 * instance of it is created.
 *
 * <p>Not thread-safe, like any stream.
 */
public final class LoaderObjectInputStream extends ObjectInputStream {
  private final List<ClassLoader> loaders;

  /**
   * Creates a stream.
   *
   * @param in the serialized bytes
   * @param loaders the loaders tried, in order, for every class
   * @throws IOException if the stream header cannot be read
   */
  public LoaderObjectInputStream(InputStream in, List<ClassLoader> loaders) throws IOException {
    super(in);
    this.loaders = List.copyOf(loaders);
  }

  @Override
  protected Class<?> resolveClass(ObjectStreamClass desc)
      throws IOException, ClassNotFoundException {
    for (ClassLoader loader : loaders) {
      try {
        return Class.forName(desc.getName(), /* initialize= */ false, loader);
      } catch (ClassNotFoundException e) {
        // try the next loader
      }
    }
    return super.resolveClass(desc);
  }
}
