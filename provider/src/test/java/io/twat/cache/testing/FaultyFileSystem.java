/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import io.twat.cache.internal.io.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link FileSystem} that performs every operation through another one, except those a test
 * makes fail: per {@link Operation} and per path ({@link #fail}), or a disk that fills up after
 * a number of bytes ({@link #fillDiskAfter}: writes then write short and fail with "No space left
 * on device", as a real full disk does, leaving part of a file behind). {@link #clearFaults()}
 * lets the operations through again. Modelled on OkHttp's {@code FaultyFileSystem}.
 *
 * <p>A fault raised on a channel that {@link #open} returned (reads, writes, {@code force}) is
 * raised at the call, so the file is left as far as it got.
 *
 * <p>Thread-safe: faults may be set and cleared while stores use the file system.
 */
public final class FaultyFileSystem implements FileSystem {
  private static final long UNLIMITED = Long.MAX_VALUE;

  /** The operations that can be made to fail. */
  public enum Operation {
    /** Opening a file, to read or to write. */
    OPEN,
    /** Reading from or mapping an open file. */
    READ,
    /** Writing to an open file. */
    WRITE,
    /** Forcing an open file or a folder to the device ({@code fsync}). */
    FORCE,
    /** Renaming a file; a fault matches its source or its target. */
    MOVE,
    /** Deleting a file. */
    DELETE,
    /** Listing a folder. */
    LIST,
    /** Creating folders. */
    CREATE_DIRECTORIES,
    /** Reading or setting a file's size and times. */
    ATTRIBUTES
  }

  /** One fault: what fails, where, and with which exception. */
  private record Fault(Operation operation, Predicate<Path> where,
      Function<Path, IOException> error) {
  }

  /** Reads of the files {@code where} matches return at most {@code bytes} bytes each. */
  private record ShortReads(Predicate<Path> where, int bytes) {
  }

  /** Something a test does on a path just before an operation touches it. */
  @FunctionalInterface
  public interface Hook {
    /** Runs before the operation on {@code path}; what it throws fails the operation. */
    void run(Path path) throws IOException;
  }

  /** One hook: before which operation, where, and what it does; it runs once. */
  private record Before(Operation operation, Predicate<Path> where, Hook hook) {
  }

  private final FileSystem delegate;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<Before> hooks = new CopyOnWriteArrayList<>();
  private final List<ShortReads> shortReads = new CopyOnWriteArrayList<>();
  private final AtomicLong diskLeft = new AtomicLong(UNLIMITED);
  private final AtomicInteger raised = new AtomicInteger();

  /**
   * Creates a file system that passes every operation to {@code delegate} until told otherwise.
   *
   * @param delegate performs the operations, such as {@link FileSystem#system()}
   */
  public FaultyFileSystem(FileSystem delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Returns a predicate that matches every path. */
  public static Predicate<Path> anyPath() {
    return path -> true;
  }

  /** Returns a predicate that matches paths whose file name ends with {@code suffix}. */
  public static Predicate<Path> nameEndsWith(String suffix) {
    return path -> path.getFileName() != null && path.getFileName().toString().endsWith(suffix);
  }

  /** Returns a predicate that matches paths whose file name starts with {@code prefix}. */
  public static Predicate<Path> nameStartsWith(String prefix) {
    return path -> path.getFileName() != null && path.getFileName().toString().startsWith(prefix);
  }

  /**
   * Makes {@code operation} fail on the paths {@code where} matches with an IOException that says
   * it was simulated, until {@link #clearFaults()}.
   */
  public void fail(Operation operation, Predicate<Path> where) {
    fail(operation, where, path -> new IOException("Simulated " + operation + " failure: " + path));
  }

  /**
   * Makes {@code operation} fail on the paths {@code where} matches with the exception
   * {@code error} makes of the path, until {@link #clearFaults()}.
   */
  public void fail(Operation operation, Predicate<Path> where, Function<Path, IOException> error) {
    faults.add(new Fault(operation, where, error));
  }

  /**
   * Runs {@code hook} once, just before the next {@code operation} on a path {@code where}
   * matches (for a move: its source or its target); the operation then goes on, unless the hook
   * threw. For races: another process's change that lands in the middle of an operation.
   */
  public void beforeNext(Operation operation, Predicate<Path> where, Hook hook) {
    hooks.add(new Before(operation, where, hook));
  }

  /**
   * Fills the disk after {@code bytes} more bytes: writes beyond them write what fits, then fail
   * with an IOException "No space left on device", until {@link #clearFaults()}.
   */
  public void fillDiskAfter(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes must be 0 or more, was " + bytes);
    }
    diskLeft.set(bytes);
  }

  /**
   * Makes each read of a file {@code where} matches (by its channel's own position) return at most
   * {@code bytes} bytes, as a file system may (POSIX allows a short read anywhere), until {@link
   * #clearFaults()}.
   */
  public void shortReads(Predicate<Path> where, int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("bytes must be 1 or more, was " + bytes);
    }
    shortReads.add(new ShortReads(where, bytes));
  }

  /** Lets every operation through again, and frees the disk. */
  public void clearFaults() {
    faults.clear();
    shortReads.clear();
    diskLeft.set(UNLIMITED);
  }

  /** Returns the most bytes one read of {@code file} may return now. */
  private int readLimit(Path file) {
    int limit = Integer.MAX_VALUE;
    for (ShortReads reads : shortReads) {
      if (reads.where().test(file)) {
        limit = Math.min(limit, reads.bytes());
      }
    }
    return limit;
  }

  /** Returns how many faults were raised so far. */
  public int faultsRaised() {
    return raised.get();
  }

  private void check(Operation operation, Path... paths) throws IOException {
    Before due = null;
    Path at = null;
    for (Before before : hooks) {
      for (Path path : paths) {
        if (due == null && before.operation() == operation && before.where().test(path)) {
          due = before;
          at = path;
        }
      }
    }
    if (due != null && hooks.remove(due)) {
      due.hook().run(at);
    }
    for (Fault fault : faults) {
      if (fault.operation() != operation) {
        continue;
      }
      for (Path path : paths) {
        if (fault.where().test(path)) {
          raised.incrementAndGet();
          throw fault.error().apply(path);
        }
      }
    }
  }

  /**
   * Takes up to {@code wanted} bytes of the space left: all of them on an unlimited disk, what is
   * left otherwise; none left is a full disk.
   */
  private long takeSpace(long wanted) throws IOException {
    while (true) {
      long left = diskLeft.get();
      if (left == UNLIMITED || wanted == 0) {
        return wanted;
      }
      if (left == 0) {
        raised.incrementAndGet();
        throw new IOException("No space left on device");
      }
      long granted = Math.min(left, wanted);
      if (diskLeft.compareAndSet(left, left - granted)) {
        return granted;
      }
    }
  }

  private void giveBackSpace(long bytes) {
    if (bytes > 0) {
      diskLeft.getAndUpdate(left -> left == UNLIMITED ? left : left + bytes);
    }
  }

  @Override
  public FileChannel open(Path file, Set<? extends OpenOption> options,
      FileAttribute<?>... attributes) throws IOException {
    check(Operation.OPEN, file);
    return new FaultyChannel(delegate.open(file, options, attributes), file);
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    check(Operation.MOVE, source, target);
    delegate.moveAtomically(source, target);
  }

  @Override
  public void forceFolder(Path folder) throws IOException {
    check(Operation.FORCE, folder);
    delegate.forceFolder(folder);
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    check(Operation.DELETE, path);
    return delegate.deleteIfExists(path);
  }

  @Override
  public DirectoryStream<Path> list(Path folder) throws IOException {
    check(Operation.LIST, folder);
    return delegate.list(folder);
  }

  @Override
  public void createDirectories(Path folder, FileAttribute<?>... attributes) throws IOException {
    check(Operation.CREATE_DIRECTORIES, folder);
    delegate.createDirectories(folder, attributes);
  }

  @Override
  public boolean exists(Path path) {
    return delegate.exists(path);
  }

  @Override
  public boolean isDirectory(Path path) {
    return delegate.isDirectory(path);
  }

  @Override
  public long size(Path file) throws IOException {
    check(Operation.ATTRIBUTES, file);
    return delegate.size(file);
  }

  @Override
  public BasicFileAttributes attributes(Path path) throws IOException {
    check(Operation.ATTRIBUTES, path);
    return delegate.attributes(path);
  }

  @Override
  public void setLastModifiedTime(Path path, FileTime time) throws IOException {
    check(Operation.ATTRIBUTES, path);
    delegate.setLastModifiedTime(path, time);
  }

  /** A channel of a file of this file system: raises its faults, and fills its disk. */
  private final class FaultyChannel extends FileChannel {
    private final FileChannel channel;
    private final Path file;

    FaultyChannel(FileChannel channel, Path file) {
      this.channel = channel;
      this.file = file;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      check(Operation.READ, file);
      int limit = readLimit(file);
      if (dst.remaining() <= limit) {
        return channel.read(dst);
      }
      ByteBuffer part = dst.slice().limit(limit);
      int read = channel.read(part);
      if (read > 0) {
        dst.position(dst.position() + read);
      }
      return read;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      check(Operation.READ, file);
      return channel.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      check(Operation.READ, file);
      return channel.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      check(Operation.WRITE, file);
      return writeWithin(src, /* position= */ -1);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      check(Operation.WRITE, file);
      return writeWithin(src, position);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      check(Operation.WRITE, file);
      if (diskLeft.get() == UNLIMITED) {
        return channel.write(srcs, offset, length);
      }
      long total = 0;
      for (int i = offset; i < offset + length; i++) {
        ByteBuffer src = srcs[i];
        if (!src.hasRemaining()) {
          continue;
        }
        if (total > 0 && diskLeft.get() == 0) {
          break; // a short write, as a disk that fills up gives; the next call fails
        }
        total += writeWithin(src, /* position= */ -1);
        if (src.hasRemaining()) {
          break;
        }
      }
      return total;
    }

    /** Writes what the disk has room for of {@code src}, at {@code position} (-1: the current). */
    @SuppressWarnings("ReferenceEquality") // whether part is the copy made for a short write
    private int writeWithin(ByteBuffer src, long position) throws IOException {
      int wanted = src.remaining();
      int granted = (int) takeSpace(wanted);
      ByteBuffer part = src;
      if (granted < wanted) {
        part = src.duplicate();
        part.limit(part.position() + granted);
      }
      int written = position < 0 ? channel.write(part) : channel.write(part, position);
      if (part != src) {
        src.position(src.position() + written);
      }
      giveBackSpace(granted - written);
      return written;
    }

    @Override
    public long position() throws IOException {
      return channel.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      channel.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return channel.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      channel.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      check(Operation.FORCE, file);
      channel.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
        throws IOException {
      check(Operation.READ, file);
      return channel.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
        throws IOException {
      check(Operation.WRITE, file);
      long granted = takeSpace(count);
      long written = channel.transferFrom(src, position, granted);
      giveBackSpace(granted - written);
      return written;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      check(Operation.READ, file);
      return channel.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return channel.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return channel.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      channel.close();
    }
  }
}
