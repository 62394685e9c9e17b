/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import static io.twat.cache.internal.serial.Serializer.BOOLEAN;
import static io.twat.cache.internal.serial.Serializer.BOOLEAN_ARRAY;
import static io.twat.cache.internal.serial.Serializer.BYTE;
import static io.twat.cache.internal.serial.Serializer.BYTES;
import static io.twat.cache.internal.serial.Serializer.BYTE_BUFFER;
import static io.twat.cache.internal.serial.Serializer.CHAR;
import static io.twat.cache.internal.serial.Serializer.CHAR_ARRAY;
import static io.twat.cache.internal.serial.Serializer.DOUBLE;
import static io.twat.cache.internal.serial.Serializer.DOUBLE_ARRAY;
import static io.twat.cache.internal.serial.Serializer.FLOAT;
import static io.twat.cache.internal.serial.Serializer.FLOAT_ARRAY;
import static io.twat.cache.internal.serial.Serializer.INT;
import static io.twat.cache.internal.serial.Serializer.INT_ARRAY;
import static io.twat.cache.internal.serial.Serializer.LONG;
import static io.twat.cache.internal.serial.Serializer.LONG_ARRAY;
import static io.twat.cache.internal.serial.Serializer.SHORT;
import static io.twat.cache.internal.serial.Serializer.SHORT_ARRAY;
import static io.twat.cache.internal.serial.Serializer.STRING;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The serializer's fast paths: strings, boxed primitives, {@code byte[]}, {@code ByteBuffer} and
 * primitive arrays as a tag and their raw big-endian bytes, with no Java serialization and so
 * nothing to trust. Malformed bodies throw {@link IllegalArgumentException}, which the
 * serializer reports as damaged bytes.
 *
 * <p>Stateless and thread-safe.
 */
final class FastPaths {
  private FastPaths() {
  }

  /** Returns the tagged bytes of {@code object}, or null if it takes no fast path. */
  static byte[] encode(Object object) {
    if (object instanceof String s) {
      return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
    }
    if (object instanceof byte[] b) {
      return tagged(BYTES, b);
    }
    if (object instanceof Integer i) {
      return ByteBuffer.allocate(5).put(INT).putInt(i).array();
    }
    if (object instanceof Long l) {
      return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
    }
    if (object instanceof Short s) {
      return ByteBuffer.allocate(3).put(SHORT).putShort(s).array();
    }
    if (object instanceof Byte b) {
      return new byte[] {BYTE, b};
    }
    if (object instanceof Character c) {
      return ByteBuffer.allocate(3).put(CHAR).putChar(c).array();
    }
    if (object instanceof Boolean b) {
      return new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
    }
    if (object instanceof Float f) {
      return ByteBuffer.allocate(5).put(FLOAT).putInt(Float.floatToRawIntBits(f)).array();
    }
    if (object instanceof Double d) {
      return ByteBuffer.allocate(9).put(DOUBLE).putLong(Double.doubleToRawLongBits(d)).array();
    }
    if (object instanceof int[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 4 * a.length).put(INT_ARRAY);
      buffer.asIntBuffer().put(a);
      return buffer.array();
    }
    if (object instanceof long[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * a.length).put(LONG_ARRAY);
      buffer.asLongBuffer().put(a);
      return buffer.array();
    }
    if (object instanceof double[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * a.length).put(DOUBLE_ARRAY);
      buffer.asDoubleBuffer().put(a);
      return buffer.array();
    }
    if (object instanceof ByteBuffer b) {
      ByteBuffer source = b.duplicate();
      byte[] out = new byte[1 + source.remaining()];
      out[0] = BYTE_BUFFER;
      source.get(out, 1, out.length - 1);
      return out;
    }
    if (object instanceof float[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 4 * a.length).put(FLOAT_ARRAY);
      buffer.asFloatBuffer().put(a);
      return buffer.array();
    }
    if (object instanceof short[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 2 * a.length).put(SHORT_ARRAY);
      buffer.asShortBuffer().put(a);
      return buffer.array();
    }
    if (object instanceof char[] a) {
      ByteBuffer buffer = ByteBuffer.allocate(1 + 2 * a.length).put(CHAR_ARRAY);
      buffer.asCharBuffer().put(a);
      return buffer.array();
    }
    if (object instanceof boolean[] a) {
      byte[] out = new byte[1 + a.length];
      out[0] = BOOLEAN_ARRAY;
      for (int i = 0; i < a.length; i++) {
        out[i + 1] = (byte) (a[i] ? 1 : 0);
      }
      return out;
    }
    return null;
  }

  /** Returns whether {@link #decode} reads bytes of this tag. */
  static boolean decodes(byte tag) {
    return tag >= STRING && tag <= BOOLEAN_ARRAY;
  }

  /**
   * Returns the object of the {@code length} tagged bytes of {@code bytes} from {@code offset}; a
   * {@code ByteBuffer} is a view of them when the caller hands them over ({@code owned}).
   */
  static Object decode(byte tag, byte[] bytes, int offset, int length, boolean owned) {
    ByteBuffer body = ByteBuffer.wrap(bytes, offset + 1, length - 1).slice();
    int size = length - 1;
    return switch (tag) {
      case STRING -> new String(bytes, offset + 1, size, StandardCharsets.UTF_8);
      case BYTES -> Arrays.copyOfRange(bytes, offset + 1, offset + length);
      case INT -> exactly(body, 4).getInt();
      case LONG -> exactly(body, 8).getLong();
      case SHORT -> exactly(body, 2).getShort();
      case BYTE -> exactly(body, 1).get();
      case CHAR -> exactly(body, 2).getChar();
      case BOOLEAN -> exactly(body, 1).get() != 0;
      case FLOAT -> Float.intBitsToFloat(exactly(body, 4).getInt());
      case DOUBLE -> Double.longBitsToDouble(exactly(body, 8).getLong());
      case INT_ARRAY, LONG_ARRAY, DOUBLE_ARRAY, FLOAT_ARRAY, SHORT_ARRAY, CHAR_ARRAY ->
          numberArray(tag, body, size);
      case BYTE_BUFFER -> owned ? ByteBuffer.wrap(bytes, offset + 1, size).slice()
          : ByteBuffer.wrap(Arrays.copyOfRange(bytes, offset + 1, offset + length));
      case BOOLEAN_ARRAY -> booleans(bytes, offset + 1, size);
      default -> throw new IllegalStateException("not a fast-path tag: " + tag);
    };
  }

  private static boolean[] booleans(byte[] bytes, int from, int size) {
    boolean[] array = new boolean[size];
    for (int i = 0; i < size; i++) {
      byte b = bytes[from + i];
      if (b != 0 && b != 1) {
        throw new IllegalArgumentException("a boolean[] element is " + b + ", not 0 or 1");
      }
      array[i] = b == 1;
    }
    return array;
  }

  /** Decodes the body of a numeric array (big-endian elements) of the given tag. */
  static Object numberArray(byte tag, ByteBuffer body, int size) {
    return switch (tag) {
      case INT_ARRAY -> {
        int[] array = new int[elements(size, 4)];
        body.asIntBuffer().get(array);
        yield array;
      }
      case LONG_ARRAY -> {
        long[] array = new long[elements(size, 8)];
        body.asLongBuffer().get(array);
        yield array;
      }
      case DOUBLE_ARRAY -> {
        double[] array = new double[elements(size, 8)];
        body.asDoubleBuffer().get(array);
        yield array;
      }
      case FLOAT_ARRAY -> {
        float[] array = new float[elements(size, 4)];
        body.asFloatBuffer().get(array);
        yield array;
      }
      case SHORT_ARRAY -> {
        short[] array = new short[elements(size, 2)];
        body.asShortBuffer().get(array);
        yield array;
      }
      case CHAR_ARRAY -> {
        char[] array = new char[elements(size, 2)];
        body.asCharBuffer().get(array);
        yield array;
      }
      default -> throw new IllegalStateException("not a numeric array tag: " + tag);
    };
  }

  static byte[] tagged(byte tag, byte[] body) {
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
      throw new IllegalArgumentException(
          size + " bytes is not a whole number of " + width + "-byte elements");
    }
    return size / width;
  }

}
