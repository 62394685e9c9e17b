/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import io.twat.cache.internal.crypto.TrustKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Which Java-serialized bytes are read back (the trust model; docs/security.md says it for
 * users). Deserialization can run code of any class on the class path, so classes are checked by
 * an {@link ObjectInputFilter} before any instance is created (neither constructors nor
 * {@code readObject} of a refused class run), and a refusal is a {@link ClassNotAllowedException}
 * that names the class and says why:
 * <ul>
 *   <li>The {@link AllowList} (JDK value types, the cache's declared types, the user's patterns)
 *       is always admitted. A Java-serialized object whose classes are all on it is written as
 *       {@link #JAVA}, exactly as before trust keys existed, so its bytes depend on no key.
 *   <li>An object with a class outside the list is written as {@link #JAVA_SIGNED}: the stream,
 *       then a trailer with a MAC under the trust keys ({@link TrustKeys}): the application gave
 *       it to the cache, so the cache vouches for it. On reading, bytes whose MAC verifies under a
 *       key this serializer holds are read whatever their classes; bytes whose MAC does not
 *       verify, or that are not signed, fall back to the allow-list. A class planted in a file or
 *       a row by anyone without the key is thus refused.
 *   <li>Without trust keys (none configured, or the key file unusable) objects are written
 *       unsigned, and only the allow-list admits classes, as before.
 * </ul>
 * The {@code String}, boxed, array and buffer tags create no object but their own, and need no MAC.
 * Every Java-serialized read, trusted or not, is bounded in depth, array length and references
 * ({@link #limitExceeded}), so that its cost follows its bytes.
 *
 * <p>Classes are resolved through the loader the supplier gives (the cache manager's), then the
 * thread's context class loader, then the loader of this class; the serializer does not keep
 * them.
 *
 * <p>Equal keys of the fast-path types always give equal bytes. Java-serialized keys give equal
 * bytes when their serialized forms are equal, which holds for value types but not, for example,
 * for hash-based collections with different insertion histories; a signed key's bytes also
 * depend on the trust key that signs, so keys of classes outside the allow-list change their bytes
 * (and their entries become unreachable misses) when that key changes.
 *
 * <p>Thread-safe, and stateless apart from its configuration; the suppliers it is given must be
 * thread-safe.
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
  /**
   * The tag of a Java-serialized object with a class outside the allow-list: the stream, then the
   * trailer of {@link TrustKeys} (key id and MAC over the tag, the stream and the key id).
   */
  public static final byte JAVA_SIGNED = 19;

  /**
   * The system property that raises (or lowers) {@link #MAX_DEPTH} for the whole JVM, read once
   * when this class is loaded.
   */
  public static final String MAX_DEPTH_PROPERTY = "twat.cache.serialMaxDepth";
  /**
   * The default of {@link #MAX_DEPTH}. Nested hash sets or maps cost time exponential in their
   * depth to read back (each level recomputes its elements' hash codes): 24 levels of them, 1.5 KB
   * of bytes, take seconds. Depth 20 bounds that to a fraction of a second, while the values
   * caches hold (framework entries, records, collections of them) stay far below it.
   */
  public static final long DEFAULT_MAX_DEPTH = 20;
  /** The deepest nesting of objects a Java-serialized stream may have. */
  public static final long MAX_DEPTH = configuredMaxDepth();
  /**
   * The most elements an array in a Java-serialized stream may have, in absolute terms; an array
   * may also have at most {@link #ARRAY_ELEMENTS_PER_BYTE} elements per byte of its stream.
   */
  public static final long MAX_ARRAY_LENGTH = 100_000_000L;
  /**
   * How many array elements a stream may declare per byte of its own: an element takes at least
   * one byte, and a hash set or map sizes its table at most 8 slots per element, so no stream
   * that a serializer wrote exceeds it, while a forged length (a few bytes that would allocate
   * gigabytes) is refused before the array is made.
   */
  public static final long ARRAY_ELEMENTS_PER_BYTE = 8;
  /** The most object references a Java-serialized stream may hold. */
  public static final long MAX_REFERENCES = 10_000_000L;

  private final AllowList allowList;
  private final Supplier<ClassLoader> classLoader;
  private final Supplier<Optional<TrustKeys>> trust;

  /**
   * Creates a serializer.
   *
   * @param allowList the classes Java deserialization may always create
   * @param classLoader gives the loader through which classes are resolved first, or null to
   *     begin with the thread's context class loader
   * @param trust gives the keys that sign objects with classes outside the allow-list and verify
   *     them when read back, or empty if there are none (then such objects are written unsigned
   *     and refused when read); asked on first need, so a key file is made only when one is used
   */
  public Serializer(AllowList allowList, Supplier<ClassLoader> classLoader,
      Supplier<Optional<TrustKeys>> trust) {
    this.allowList = Objects.requireNonNull(allowList, "allowList");
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    this.trust = Objects.requireNonNull(trust, "trust");
  }

  /**
   * Returns a serializer without trust keys that allows the JDK value types and {@code patterns},
   * resolving classes through the thread's context class loader.
   *
   * @param patterns class names, {@code package.*} or {@code package.**}
   */
  public static Serializer allowing(String... patterns) {
    return new Serializer(AllowList.of(Arrays.asList(patterns)), () -> null, Optional::empty);
  }

  /** Returns the allow-list that Java deserialization goes through. */
  public AllowList allowList() {
    return allowList;
  }

  /**
   * Returns what makes a Java serialization stream of {@code streamBytes} bytes exceed the
   * limits on what a read may cost (nesting depth, array length, references), in words that say
   * how to raise the limit, or null if {@code info} is within them. Every filter over stored or
   * copied objects applies it, so that reading back a value costs time and memory in proportion
   * to its bytes.
   *
   * @param info what the stream is about to read
   * @param streamBytes the length of the whole stream
   */
  public static String limitExceeded(ObjectInputFilter.FilterInfo info, long streamBytes) {
    if (info.depth() > MAX_DEPTH) {
      return "its nesting depth exceeds " + MAX_DEPTH + " objects, a safety limit against "
          + "malicious or corrupt data (nested hash sets or maps cost time exponential in their "
          + "depth to read). If the value is legitimately this deep, raise the limit with the "
          + "system property " + MAX_DEPTH_PROPERTY + " (for example -D" + MAX_DEPTH_PROPERTY
          + "=" + Math.max(2 * MAX_DEPTH, 64) + ").";
    }
    long arrayLength = info.arrayLength();
    long arrayLimit = Math.min(MAX_ARRAY_LENGTH, ARRAY_ELEMENTS_PER_BYTE * streamBytes);
    if (arrayLength > arrayLimit) {
      return "it declares an array of " + arrayLength + " elements in a stream of " + streamBytes
          + " bytes (at most " + arrayLimit + "): the bytes are corrupt or malicious, since a "
          + "stored array or collection takes bytes in proportion to its elements.";
    }
    if (info.references() > MAX_REFERENCES) {
      return "it holds more than " + MAX_REFERENCES + " object references, a safety limit "
          + "against malicious or corrupt data; store such a value in smaller parts.";
    }
    return null;
  }

  /**
   * Returns the nesting depth limit of the system property, or the default, with a WARNING, if
   * the property is not a positive number (a typo must not make every read fail).
   */
  private static long configuredMaxDepth() {
    try {
      return maxDepth(System.getProperty(MAX_DEPTH_PROPERTY));
    } catch (IllegalArgumentException e) {
      System.getLogger(Serializer.class.getName()).log(System.Logger.Level.WARNING,
          e.getMessage() + "; using the default");
      return DEFAULT_MAX_DEPTH;
    }
  }

  /** Returns the nesting depth limit that the system property gives, or the default. */
  static long maxDepth(String property) {
    if (property == null || property.isBlank()) {
      return DEFAULT_MAX_DEPTH;
    }
    try {
      long depth = Long.parseLong(property.trim());
      if (depth >= 1) {
        return depth;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("The system property " + MAX_DEPTH_PROPERTY + " is '"
        + property + "', not a positive whole number of nesting levels (the default is "
        + DEFAULT_MAX_DEPTH + ")");
  }

  /**
   * Returns the bytes of {@code object}, tag first.
   *
   * @throws SerializationException if the object takes no fast path and is not serializable
   */
  public byte[] toBytes(Object object) {
    Objects.requireNonNull(object, "object");
    byte[] fast = FastPaths.encode(object);
    if (fast != null) {
      return fast;
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
      throw new SerializationException(
          "No bytes to read: a serialized object has at least its tag", null);
    }
    byte tag = buffer.get(buffer.position());
    ByteBuffer body =
        buffer
            .duplicate()
            .position(buffer.position() + 1)
            .slice()
            .order(java.nio.ByteOrder.BIG_ENDIAN);
    int size = body.remaining();
    try {
      return switch (tag) {
        case BYTES -> {
          byte[] array = new byte[size];
          body.get(array);
          yield array;
        }
        case BYTE_BUFFER -> body;
        case INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, FLOAT_ARRAY, SHORT_ARRAY, CHAR_ARRAY ->
            FastPaths.numberArray(tag, body, size);
        default -> {
          byte[] copy = new byte[buffer.remaining()];
          buffer.duplicate().get(copy);
          yield read(copy, 0, copy.length, /* owned= */ true);
        }
      };
    } catch (IllegalArgumentException e) {
      throw new SerializationException("Malformed bytes for tag " + tag + ": " + e.getMessage(), e);
    }
  }

  private Object read(byte[] bytes, int offset, int length, boolean owned) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      throw new SerializationException(
          "No bytes to read: a serialized object has at least its tag", null);
    }
    byte tag = bytes[offset];
    try {
      if (tag == JAVA) {
        return javaDeserialize(bytes, offset + 1, length - 1, /* trusted= */ false,
            "it is not signed by the cache (it was written while the class was on the "
                + "allow-list, by another version, or by someone else)");
      }
      if (tag == JAVA_SIGNED) {
        return signedDeserialize(bytes, offset, length);
      }
      if (FastPaths.decodes(tag)) {
        return FastPaths.decode(tag, bytes, offset, length, owned);
      }
      throw new SerializationException("Unknown serializer tag " + tag
          + ": these bytes were not written by this version of twat-cache", null);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("Malformed bytes for tag " + tag + ": " + e.getMessage(), e);
    }
  }

  private byte[] javaSerialize(Object object) {
    SigningBuffer bytes = new SigningBuffer(256);
    bytes.write(JAVA);
    boolean outsideAllowList;
    try (ClassRecordingStream out = new ClassRecordingStream(bytes, allowList)) {
      out.writeObject(object);
      outsideAllowList = out.outsideAllowList;
    } catch (NotSerializableException e) {
      throw new SerializationException(
          "A "
              + object.getClass().getName()
              + " cannot be stored on disk: "
              + e.getMessage()
              + " is not Serializable. Make it implement java.io.Serializable, or use a "
              + "String, a boxed primitive, a ByteBuffer or a primitive array instead.",
          e);
    } catch (IOException e) {
      throw new SerializationException(
          "Could not serialize a " + object.getClass().getName() + ": " + e, e);
    }
    if (outsideAllowList) {
      Optional<TrustKeys> keys = trust.get();
      if (keys.isPresent()) {
        return bytes.signed(keys.get());
      }
    }
    return bytes.toByteArray();
  }

  /**
   * Reads {@link #JAVA_SIGNED} bytes: trusted if their MAC verifies, else through the allow-list.
   */
  private Object signedDeserialize(byte[] bytes, int offset, int length) {
    if (length < 1 + TrustKeys.TRAILER_BYTES) {
      throw new SerializationException("Malformed bytes for tag " + JAVA_SIGNED + ": " + length
          + " bytes cannot hold a stream and its " + TrustKeys.TRAILER_BYTES
          + "-byte signature", null);
    }
    Optional<TrustKeys> keys = trust.get();
    int streamLength = length - 1 - TrustKeys.TRAILER_BYTES;
    if (keys.isPresent() && keys.get().verify(bytes, offset, length)) {
      return javaDeserialize(bytes, offset + 1, streamLength, /* trusted= */ true, null);
    }
    String why;
    if (keys.isEmpty()) {
      why = "it is signed, but this cache has no trust key to verify it with (see the WARNING "
          + "about its trust key file, if any)";
    } else if (!keys.get().hasKey(TrustKeys.keyIdOf(bytes, offset, length))) {
      why = "it is signed with a trust key this cache does not hold (key id "
          + Integer.toHexString(TrustKeys.keyIdOf(bytes, offset, length)) + "): it was written by "
          + "another installation, or planted";
    } else {
      why = "its signature does not verify: the bytes were changed after the cache wrote them";
    }
    return javaDeserialize(bytes, offset + 1, streamLength, /* trusted= */ false, why);
  }

  /**
   * Reads a Java serialization stream: with every class admitted if {@code trusted}, else only
   * those on the allow-list, a refusal saying {@code whyUntrusted}.
   */
  private Object javaDeserialize(byte[] bytes, int offset, int length, boolean trusted,
      String whyUntrusted) {
    StreamFilter filter = new StreamFilter(trusted ? null : allowList, whyUntrusted, length);
    List<ClassLoader> loaders = loaders();
    ByteArrayInputStream stream = new ByteArrayInputStream(bytes, offset, length);
    try (ObjectInputStream in = new LoaderObjectInputStream(stream, loaders)) {
      in.setObjectInputFilter(filter);
      return in.readObject();
    } catch (InvalidClassException e) {
      if (filter.reason != null) {
        throw filter.refusal(e);
      }
      throw new SerializationException("Could not deserialize a stored object: " + e, e);
    } catch (ClassNotFoundException e) {
      throw new SerializationException(
          "Could not deserialize a stored object: class "
              + e.getMessage()
              + " is not visible to the class loaders "
              + loaders
              + ". Make it visible to the cache manager's class loader.",
          e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Could not deserialize a stored object: " + e, e);
    }
  }

  /**
   * The loaders to resolve classes with, in order: the supplied one, the context one, this class's.
   */
  private List<ClassLoader> loaders() {
    List<ClassLoader> loaders = new ArrayList<>(3);
    ClassLoader[] candidates = {classLoader.get(), Thread.currentThread().getContextClassLoader(),
        Serializer.class.getClassLoader()};
    for (ClassLoader loader : candidates) {
      if (loader != null && !loaders.contains(loader)) {
        loaders.add(loader);
      }
    }
    return loaders;
  }

  /** The buffer of a Java-serialized object, which can append a signature without another copy. */
  private static final class SigningBuffer extends ByteArrayOutputStream {
    SigningBuffer(int size) {
      super(size);
    }

    /** Returns the bytes so far, tagged {@link #JAVA_SIGNED} and signed with {@code keys}. */
    byte[] signed(TrustKeys keys) {
      byte[] out = Arrays.copyOf(buf, count + TrustKeys.TRAILER_BYTES);
      out[0] = JAVA_SIGNED;
      keys.sign(out, count);
      return out;
    }
  }

  /**
   * An object stream that notes whether it wrote a class outside the allow-list: it sees every
   * class descriptor it writes (superclasses, array and enum classes included), the same ones
   * the reading filter will be asked about.
   */
  private static final class ClassRecordingStream extends ObjectOutputStream {
    private final AllowList allowList;
    private boolean outsideAllowList;

    ClassRecordingStream(OutputStream out, AllowList allowList) throws IOException {
      super(out);
      this.allowList = allowList;
    }

    @Override
    protected void annotateClass(Class<?> type) {
      if (!outsideAllowList && !allowList.allows(type)) {
        outsideAllowList = true;
      }
    }

    @Override
    protected void annotateProxyClass(Class<?> type) {
      outsideAllowList = true;
    }
  }

  /**
   * One stream's filter: refuses classes off the allow-list (unless the stream is trusted) and
   * streams past the limits, and says why.
   */
  private static final class StreamFilter implements ObjectInputFilter {
    private final AllowList allowList;
    private final String whyUntrusted;
    private final long streamBytes;
    private String refusedClass;
    private String reason;

    /** A filter that admits the classes of {@code allowList}, or all classes if it is null. */
    StreamFilter(AllowList allowList, String whyUntrusted, long streamBytes) {
      this.allowList = allowList;
      this.whyUntrusted = whyUntrusted;
      this.streamBytes = streamBytes;
    }

    @Override
    public Status checkInput(FilterInfo info) {
      Class<?> type = info.serialClass();
      if (type != null && allowList != null && !allowList.allows(type)) {
        if (reason != null) {
          return Status.REJECTED;
        }
        refusedClass = type.getName();
        reason = "Refused to deserialize class " + type.getName() + ": it is not on the allow-list "
            + "(the JDK's value types, the cache's declared key and value types, the allow "
            + "setting), and " + whyUntrusted + ". What the application stores through the cache "
            + "reads back without settings; if these bytes came another way and are trusted, allow "
            + AllowList.patternsAllowing(type) + " with the allow setting.";
        return Status.REJECTED;
      }
      String exceeded = limitExceeded(info, streamBytes);
      if (exceeded != null) {
        reason = "Refused to deserialize a stored object: " + exceeded;
        return Status.REJECTED;
      }
      return type != null ? Status.ALLOWED : Status.UNDECIDED;
    }

    ClassNotAllowedException refusal(InvalidClassException cause) {
      return new ClassNotAllowedException(refusedClass, reason, cause);
    }
  }
}
