package io.twat.cache.store;

/**
 * An entry that carries, besides its value and deadline, a stamp its store keeps for itself (a
 * heap tier: when its copy was read, and whether readers may share the value), so that a store
 * layered over another finds its bookkeeping in the entry it looked up rather than one object
 * further away. The facade sees an ordinary {@link StoreEntry}.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class StampedEntry extends StoreEntry {
  private final long stamp;
  private final boolean shared;

  /**
   * Creates an entry.
   *
   * @param value the stored form of the value, never null
   * @param expiresAt epoch milliseconds at which the entry expires, or {@link #NEVER}
   * @param stamp the store's number for this entry
   * @param shared whether readers may be handed this entry and its value as they are
   */
  public StampedEntry(Object value, long expiresAt, long stamp, boolean shared) {
    super(value, expiresAt);
    this.stamp = stamp;
    this.shared = shared;
  }

  /**
   * Returns the store's number for this entry.
   *
   * @return the stamp given at creation
   */
  public long stamp() {
    return stamp;
  }

  /**
   * Returns whether readers may be handed this entry and its value as they are.
   *
   * @return the flag given at creation
   */
  public boolean shared() {
    return shared;
  }
}
