/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers the classes one copier serializes, so that its bytes carry a class as a small number
 * instead of a full class descriptor (name, serial version UID, every field's name and type),
 * and reading them back neither parses a descriptor nor looks a class up by name.
 *
 * <p>Rationale: a store-by-value {@code get} deserializes the value it returns, and with plain
 * Java serialization about half of that time went to reading and resolving the class
 * descriptors that every stored value repeats. The bytes of a copier never leave the JVM and are
 * read back by the copier that wrote them, so the class a number stands for is the very class
 * that was written: there is no version skew to detect. The table holds classes weakly, so a copier
 * never pins its cache manager's class loader; a class that is gone cannot be read back, and the
 * value that needed it is then unreadable (an {@link InvalidClassException}).
 *
 * <p>Thread-safe: numbers are handed out under the table's monitor, and readers see a published
 * array.
 */
final class ClassTable {
  private final ClassValue<Integer> numbers = new ClassValue<>() {
    @Override
    protected Integer computeValue(Class<?> type) {
      return register(type);
    }
  };
  private volatile List<WeakReference<Class<?>>> classes = List.of();

  private synchronized int register(Class<?> type) {
    List<WeakReference<Class<?>>> grown = new ArrayList<>(classes);
    grown.add(new WeakReference<>(type));
    classes = List.copyOf(grown);
    return grown.size() - 1;
  }

  /** Returns the number of {@code type}, giving it one on first use. */
  int numberOf(Class<?> type) {
    return numbers.get(type);
  }

  /**
   * Returns the class numbered {@code number}.
   *
   * @throws InvalidClassException if no class has that number or the class has been unloaded
   */
  Class<?> classOf(int number) throws InvalidClassException {
    List<WeakReference<Class<?>>> known = classes;
    Class<?> type = number >= 0 && number < known.size() ? known.get(number).get() : null;
    if (type == null) {
      throw new InvalidClassException("class #" + number, "no such class in this copier's table "
          + "(its class loader may have been unloaded)");
    }
    return type;
  }

  /** Writes objects with class numbers in place of class descriptors, and no stream header. */
  static final class Output extends ObjectOutputStream {
    private final ClassTable table;

    Output(OutputStream out, ClassTable table) throws IOException {
      super(out);
      this.table = table;
    }

    @Override
    protected void writeStreamHeader() {
      // Read back only by Input, which expects none.
    }

    @Override
    protected void writeClassDescriptor(ObjectStreamClass desc) throws IOException {
      writeInt(table.numberOf(desc.forClass()));
    }
  }

  /** Reads what {@link Output} wrote with the same table. */
  static final class Input extends ObjectInputStream {
    private final ClassTable table;

    Input(InputStream in, ClassTable table) throws IOException {
      super(in);
      this.table = table;
    }

    @Override
    protected void readStreamHeader() {
      // Output writes none.
    }

    @Override
    protected ObjectStreamClass readClassDescriptor() throws IOException {
      // lookupAny, not lookup: a Class object held in a value has a descriptor even when the class
      // is not Serializable.
      return ObjectStreamClass.lookupAny(table.classOf(readInt()));
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) {
      return desc.forClass();
    }
  }
}
