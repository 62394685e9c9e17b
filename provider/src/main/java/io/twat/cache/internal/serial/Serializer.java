package io.twat.cache.internal.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns keys and values into bytes and back. The first byte is a tag that says how the rest is
 * encoded: {@code String} (UTF-8), the boxed primitives (big-endian), {@code byte[]} and
 * {@code ByteBuffer} (their bytes as they are), and the other primitive arrays (big-endian) take
 * fast paths without Java serialization; everything else is Java-serialized. A {@code ByteBuffer}
 * is stored as its remaining bytes and read back as a heap buffer of them (position 0, limit and
 * capacity their count, big-endian); {@link #fromOwnedBytes} returns it as a view of the array it
 * is given, without a copy.
 *
 * <p>Every read of Java-serialized bytes goes through an {@link ObjectInputFilter} built on an
 * {@link AllowList}, with limits on depth, array length, references and stream size as a safety
 * net: a class outside the list is refused before any instance of it is created (neither its
 * constructors nor its {@code readObject} run), with a {@link ClassNotAllowedException} that names
 * it. Classes are resolved through the class loader the supplier gives (the thread's context
 * loader when it gives null), which the serializer does not keep.
 *
 * <p>Equal keys of the fast-path types always give equal bytes. Java-serialized keys give equal
 * bytes when their serialized forms are equal, which holds for value types but not, for example,
 * for hash-based collections with different insertion histories.
 *
 * <p>Thread-safe and stateless apart from its configuration.
 */
public final class Serializer {
  /** The tag of a Java-serialized object. */
  public static final byte JAVA = 0;
  /** The tag of a {@code String}, as UTF-8. */
  public static final byte STRING = 1;
  /** The tag of a {@code byte[]}, as it is. */
  public static final byte BYTES = 2;
  /** The tag of an {@code Integer}. */
  public static final byte INT = 3;
  /** The tag of a {@code Long}. */
  public static final byte LONG = 4;
  /** The tag of a {@code Short}. */
  public static final byte SHORT = 5;
  /** The tag of a {@code Byte}. */
  public static final byte BYTE = 6;
  /** The tag of a {@code Character}. */
  public static final byte CHAR = 7;
  /** The tag of a {@code Boolean}. */
  public static final byte BOOLEAN = 8;
  /** The tag of a {@code Float}. */
  public static final byte FLOAT = 9;
  /** The tag of a {@code Double}. */
  public static final byte DOUBLE = 10;
  /** The tag of an {@code int[]}. */
  public static final byte INT_ARRAY = 11;
  /** The tag of a {@code long[]}. */
  public static final byte LONG_ARRAY = 12;
  /** The tag of a {@code double[]}. */
  public static final byte DOUBLE_ARRAY = 13;
  /** The tag of a {@code ByteBuffer}: its remaining bytes. */
  public static final byte BYTE_BUFFER = 14;
  /** The tag of a {@code float[]}. */
  public static final byte FLOAT_ARRAY = 15;
  /** The tag of a {@code short[]}. */
  public static final byte SHORT_ARRAY = 16;
  /** The tag of a {@code char[]}. */
  public static final byte CHAR_ARRAY = 17;
  /** The tag of a {@code boolean[]}: one byte, 0 or 1, per element. */
  public static final byte BOOLEAN_ARRAY = 18;

  /** The deepest nesting of objects a Java-serialized stream may have. */
  public static final long MAX_DEPTH = 200;
  /** The most elements an array in a Java-serialized stream may have. */
  public static final long MAX_ARRAY_LENGTH = 100_000_000L;
  /** The most object references a Java-serialized stream may hold. */
  public static final long MAX_REFERENCES = 10_000_000L;

  private final AllowList allowList;
  private final Supplier<ClassLoader> classLoader;

  /**
   * Creates a serializer.
   *
   * @param allowList the classes Java deserialization may create
   * @param classLoader gives the loader through which classes are resolved, or null to use the
   *     thread's context class loader
   */
  public Serializer(AllowList allowList, Supplier<ClassLoader> classLoader) {
    this.allowList = Objects.requireNonNull(allowList, "allowList");
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
  }

  /**
   * Returns a serializer that allows the JDK value types and {@code patterns}, resolving classes
   * through the thread's context class loader.
   *
   * @param patterns class names, {@code package.*} or {@code package.**}
   */
  public static Serializer allowing(String... patterns) {
    return new Serializer(AllowList.of(Arrays.asList(patterns)), () -> null);
  }

  /** Returns the allow-list that Java deserialization goes through. */
  public AllowList allowList() {
    return allowList;
  }

  /**
   * Returns the bytes of {@code object}, tag first.
   *
   * @throws SerializationException if the object takes no fast path and is not serializable
   */
  public byte[] toBytes(Object object) {
    Objects.requireNonNull(object, "object");
    if (object instanceof String s) {
      return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
    } else if (object instanceof byte[] b) {
      return tagged(BYTES, b);
    } else if (object instanceof Integer i) {
      return ByteBuffer.allocate(5).put(INT).putInt(i).array();
    } else if (object instanceof Long l) {
      return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
    } else if (object instanceof Short s) {
      return ByteBuffer.allocate(3).put(SHORT).putShort(s).array();
    } else if (object instanceof Byte b) {
      return new byte[] {BYTE, b};
    } else if (object instanceof Character c) {
      return ByteBuffer.allocate(3).put(CHAR).putChar(c).array();
    } else if (object instanceof Boolean b) {
      return new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
    } else if (object instanceof Float f) {
      return ByteBuffer.allocate(5).put(FLOAT).putInt(Float.floatToRawIntBits(f)).array();
    } else if (object instanceof Double d) {
      return ByteBuffer.allocate(9).put(DOUBLE).putLong(Double.doubleToRawLongBits(d)).array();
    } else if (object instanceof int[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 4 * a.length).put(INT_ARRAY);
      buffer.asIntBuffer().put(a);
      return buffer.array();
    } else if (object instanceof long[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * a.length).put(LONG_ARRAY);
      buffer.asLongBuffer().put(a);
      return buffer.array();
    } else if (object instanceof double[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * a.length).put(DOUBLE_ARRAY);
      buffer.asDoubleBuffer().put(a);
      return buffer.array();
    } else if (object instanceof ByteBuffer b) {
      ByteBuffer source = b.duplicate();
      byte[] out = new byte[1 + source.remaining()];
      out[0] = BYTE_BUFFER;
      source.get(out, 1, out.length - 1);
      return out;
    } else if (object instanceof float[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 4 * a.length).put(FLOAT_ARRAY);
      buffer.asFloatBuffer().put(a);
      return buffer.array();
    } else if (object instanceof short[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 2 * a.length).put(SHORT_ARRAY);
      buffer.asShortBuffer().put(a);
      return buffer.array();
    } else if (object instanceof char[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 2 * a.length).put(CHAR_ARRAY);
      buffer.asCharBuffer().put(a);
      return buffer.array();
    } else if (object instanceof boolean[] a) {
      byte[] out = new byte[1 + a.length];
      out[0] = BOOLEAN_ARRAY;
      for (int i = 0; i < a.length; i++) {
        out[i + 1] = (byte) (a[i] ? 1 : 0);
      }
      return out;
    }
    return javaSerialize(object);
  }

  /**
   * Returns the bytes of {@code object} as {@link #toBytes} does, in parts to be written one after
   * the other: a {@code byte[]} or {@code ByteBuffer} value is not copied (its tag comes as a
   * part of its own, then the caller's array or buffer, which must not change until written).
   *
   * @throws SerializationException as {@link #toBytes}
   */
  public ByteBuffer[] toBuffers(Object object) {
    if (object instanceof byte[] b) {
      return new ByteBuffer[] {ByteBuffer.wrap(new byte[] {BYTES}), ByteBuffer.wrap(b)};
    } else if (object instanceof ByteBuffer b) {
      return new ByteBuffer[] {ByteBuffer.wrap(new byte[] {BYTE_BUFFER}), b.duplicate()};
    }
    return new ByteBuffer[] {ByteBuffer.wrap(toBytes(object))};
  }

  /**
   * Returns the object that {@link #toBytes} turned into {@code bytes}.
   *
   * @throws ClassNotAllowedException if the bytes name a class outside the allow-list, or exceed
   *     a safety limit
   * @throws SerializationException if the bytes are not what a serializer wrote, or a class is
   *     not visible
   */
  public Object fromBytes(byte[] bytes) {
    return fromBytes(bytes, 0, bytes.length);
  }

  /**
   * Returns the object that {@link #toBytes} turned into {@code length} bytes of {@code bytes}
   * from {@code offset}.
   *
   * @throws ClassNotAllowedException if the bytes name a class outside the allow-list, or exceed
   *     a safety limit
   * @throws SerializationException if the bytes are not what a serializer wrote, or a class is
   *     not visible
   */
  public Object fromBytes(byte[] bytes, int offset, int length) {
    return read(bytes, offset, length, /* owned= */ false);
  }

  /**
   * Like {@link #fromBytes(byte[], int, int)}, for a caller that hands the array over and never
   * uses it again: a {@code ByteBuffer} then comes back as a view of {@code bytes} (no copy of a
   * value that may be large), writable, as the caller's own.
   */
  public Object fromOwnedBytes(byte[] bytes, int offset, int length) {
    return read(bytes, offset, length, /* owned= */ true);
  }

  /**
   * Returns the object whose bytes are the remaining bytes of {@code buffer} (tag first), for a
   * caller that hands the buffer over (a memory-mapped file, say): {@code byte[]} and primitive
   * arrays are filled straight from it, a {@code ByteBuffer} is a slice of it (no copy, writable
   * if the buffer is); other types are copied out and read as by {@link #fromBytes}.
   *
   * @throws ClassNotAllowedException as {@link #fromBytes}
   * @throws SerializationException as {@link #fromBytes}
   */
  public Object fromOwnedBuffer(ByteBuffer buffer) {
    if (!buffer.hasRemaining()) {
      throw new SerializationException("No bytes to read: a serialized object has at least its tag", null);
    }
    byte tag = buffer.get(buffer.position());
    ByteBuffer body = buffer.duplicate().position(buffer.position() + 1).slice().order(java.nio.ByteOrder.BIG_ENDIAN);
    int size = body.remaining();
    try {
      switch (tag) {
        case BYTES: {
          byte[] array = new byte[size];
          body.get(array);
          return array;
        }
        case BYTE_BUFFER:
          return body;
        case INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, FLOAT_ARRAY, SHORT_ARRAY, CHAR_ARRAY:
          return numberArray(tag, body, size);
        default: {
          byte[] copy = new byte[buffer.remaining()];
          buffer.duplicate().get(copy);
          return read(copy, 0, copy.length, /* owned= */ true);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new SerializationException("Malformed bytes for tag " + tag + ": " + e.getMessage(), e);
    }
  }

  private Object read(byte[] bytes, int offset, int length, boolean owned) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      throw new SerializationException("No bytes to read: a serialized object has at least its tag", null);
    }
    byte tag = bytes[offset];
    ByteBuffer body = ByteBuffer.wrap(bytes, offset + 1, length - 1).slice();
    int size = length - 1;
    try {
      switch (tag) {
        case STRING:
          return new String(bytes, offset + 1, size, StandardCharsets.UTF_8);
        case BYTES:
          return Arrays.copyOfRange(bytes, offset + 1, offset + length);
        case INT:
          return exactly(body, 4).getInt();
        case LONG:
          return exactly(body, 8).getLong();
        case SHORT:
          return exactly(body, 2).getShort();
        case BYTE:
          return exactly(body, 1).get();
        case CHAR:
          return exactly(body, 2).getChar();
        case BOOLEAN:
          return exactly(body, 1).get() != 0;
        case FLOAT:
          return Float.intBitsToFloat(exactly(body, 4).getInt());
        case DOUBLE:
          return Double.longBitsToDouble(exactly(body, 8).getLong());
        case INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, FLOAT_ARRAY, SHORT_ARRAY, CHAR_ARRAY:
          return numberArray(tag, body, size);
        case BYTE_BUFFER:
          return owned ? ByteBuffer.wrap(bytes, offset + 1, size).slice()
              : ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset + 1, offset + length));
        case BOOLEAN_ARRAY: {
          boolean[] array = new boolean[size];
          for (int i = 0; i < size; i++) {
            byte b = bytes[offset + 1 + i];
            if (b != 0 && b != 1) {
              throw new IllegalArgumentException("a boolean[] element is " + b + ", not 0 or 1");
            }
            array[i] = b == 1;
          }
          return array;
        }
        case JAVA:
          return javaDeserialize(bytes, offset + 1, size);
        default:
          throw new SerializationException("Unknown serializer tag " + tag
              + ": these bytes were not written by this version of twat-cache", null);
      }
    } catch (IllegalArgumentException e) {
      throw new SerializationException("Malformed bytes for tag " + tag + ": " + e.getMessage(), e);
    }
  }

  /** Decodes the body of a numeric array (big-endian elements) of the given tag. */
  private static Object numberArray(byte tag, ByteBuffer body, int size) {
    switch (tag) {
      case INT_ARRAY: {
        int[] array = new int[elements(size, 4)];
        body.asIntBuffer().get(array);
        return array;
      }
      case LONG_ARRAY: {
        long[] array = new long[elements(size, 8)];
        body.asLongBuffer().get(array);
        return array;
      }
      case DOUBLE_ARRAY: {
        double[] array = new double[elements(size, 8)];
        body.asDoubleBuffer().get(array);
        return array;
      }
      case FLOAT_ARRAY: {
        float[] array = new float[elements(size, 4)];
        body.asFloatBuffer().get(array);
        return array;
      }
      case SHORT_ARRAY: {
        short[] array = new short[elements(size, 2)];
        body.asShortBuffer().get(array);
        return array;
      }
      case CHAR_ARRAY: {
        char[] array = new char[elements(size, 2)];
        body.asCharBuffer().get(array);
        return array;
      }
      default:
        throw new IllegalStateException("not a numeric array tag: " + tag);
    }
  }

  private static byte[] tagged(byte tag, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = tag;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static ByteBuffer exactly(ByteBuffer body, int size) {
    if (body.remaining() != size) {
      throw new IllegalArgumentException("expected " + size + " bytes, found " + body.remaining());
    }
    return body;
  }

  private static int elements(int size, int width) {
    if (size % width != 0) {
      throw new IllegalArgumentException(size + " bytes is not a whole number of " + width + "-byte elements");
    }
    return size / width;
  }

  private static byte[] javaSerialize(Object object) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    bytes.write(JAVA);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    } catch (NotSerializableException e) {
      throw new SerializationException("A " + object.getClass().getName() + " cannot be stored on disk: "
          + e.getMessage() + " is not Serializable. Make it implement java.io.Serializable, or use a "
          + "String, a boxed primitive, a ByteBuffer or a primitive array instead.", e);
    } catch (IOException e) {
      throw new SerializationException("Could not serialize a " + object.getClass().getName() + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  private Object javaDeserialize(byte[] bytes, int offset, int length) {
    AllowListFilter filter = new AllowListFilter(allowList);
    ClassLoader loader = classLoader.get();
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    if (loader == null) {
      loader = Serializer.class.getClassLoader();
    }
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes, offset, length), loader)) {
      in.setObjectInputFilter(filter);
      return in.readObject();
    } catch (InvalidClassException e) {
      if (filter.reason != null) {
        throw filter.refusal(e);
      }
      throw new SerializationException("Could not deserialize a stored object: " + e, e);
    } catch (ClassNotFoundException e) {
      throw new SerializationException("Could not deserialize a stored object: class " + e.getMessage()
          + " is not visible to the class loader " + loader
          + ". Make it visible to the cache manager's class loader.", e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Could not deserialize a stored object: " + e, e);
    }
  }

  /** One stream's filter: refuses classes off the list and streams past the limits, and says why. */
  private static final class AllowListFilter implements ObjectInputFilter {
    private final AllowList allowList;
    private String refusedClass;
    private String reason;

    AllowListFilter(AllowList allowList) {
      this.allowList = allowList;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      Class<?> type = info.serialClass();
      if (type != null && !allowList.allows(type)) {
        if (reason != null) {
          return Status.REJECTED;
        }
        refusedClass = type.getName();
        reason = "Refused to deserialize class " + type.getName() + ": it is not on the allow-list of "
            + "classes that may be read from disk. If the data is trusted, allow the class (" + type.getName()
            + ") or its package (" + packageOf(type) + ".*) in the cache's allowed classes.";
        return Status.REJECTED;
      }
      if (info.depth() > MAX_DEPTH) {
        return limit("nesting depth " + info.depth() + " exceeds " + MAX_DEPTH);
      }
      if (info.arrayLength() > MAX_ARRAY_LENGTH) {
        return limit("array length " + info.arrayLength() + " exceeds " + MAX_ARRAY_LENGTH);
      }
      if (info.references() > MAX_REFERENCES) {
        return limit("reference count " + info.references() + " exceeds " + MAX_REFERENCES);
      }
      return type != null ? Status.ALLOWED : Status.UNDECIDED;
    }

    private Status limit(String what) {
      reason = "Refused to deserialize a stored object: its " + what
          + ", a safety limit against malicious or corrupt data.";
      return Status.REJECTED;
    }

    ClassNotAllowedException refusal(InvalidClassException cause) {
      return new ClassNotAllowedException(refusedClass, reason, cause);
    }

    private static String packageOf(Class<?> type) {
      Class<?> element = type;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      return element.getPackageName();
    }
  }
}
