package io.twat.cache.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of store a {@code twat:} URI can name. A kind that is planned but not built yet is
 * listed here as unavailable, so that asking for it fails with a clear message instead of
 * falling back silently.
 */
public enum StoreKind {
  /** On-heap, Caffeine: {@code twat:memory}. */
  MEMORY("memory", true),
  /** A database on disk: {@code twat:db}. */
  DB("db", false),
  /** One file per entry: {@code twat:file}. */
  FILE("file", true),
  /** A heap tier over disk tiers: {@code twat:universal}. */
  UNIVERSAL("universal", true);

  private final String uriName;
  private final boolean available;

  StoreKind(String uriName, boolean available) {
    this.uriName = uriName;
    this.available = available;
  }

  /** Returns the name of the kind in a URI, e.g. {@code memory}. */
  public String uriName() {
    return uriName;
  }

  /** Returns whether this version of twat-cache has this store. */
  public boolean isAvailable() {
    return available;
  }

  /**
   * Returns the available kind named {@code name} in a URI.
   *
   * @throws IllegalArgumentException if there is no such kind or it is not available yet
   */
  public static StoreKind fromUriName(String name, String uri) {
    for (StoreKind kind : values()) {
      if (kind.uriName.equals(name.toLowerCase(Locale.ROOT))) {
        if (!kind.available) {
          throw new IllegalArgumentException("The store kind '" + name + "' of URI " + uri
              + " is not available in this version of twat-cache; use one of: " + availableNames());
        }
        return kind;
      }
    }
    throw new IllegalArgumentException("Unknown store kind '" + name + "' in URI " + uri
        + "; a twat: URI names one of: " + availableNames() + " (e.g. twat:memory)");
  }

  /** Returns the URI names of the available kinds, comma-separated. */
  public static String availableNames() {
    return Arrays.stream(values()).filter(StoreKind::isAvailable).map(StoreKind::uriName)
        .collect(Collectors.joining(", "));
  }
}
