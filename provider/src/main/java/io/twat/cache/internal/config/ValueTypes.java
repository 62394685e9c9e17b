/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.config;

import io.twat.cache.internal.serial.AllowList;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The types of setting values, one parser each, shared by every setting of that type wherever it
 * is written (URI query, {@code Properties}, system property, configuration file).
 *
 * <p>Stateless and thread-safe.
 */
final class ValueTypes {
  /** A whole number of at least zero, with optional {@code _} separators. */
  static final ValueType<Long> COUNT = ValueTypes::count;

  /** A {@link #COUNT} of at least one. */
  static final ValueType<Long> POSITIVE_COUNT = (setting, text, source) -> {
    long count = count(setting, text, source);
    if (count < 1) {
      throw invalid(setting, text, source, ": it must be at least 1");
    }
    return count;
  };

  /**
   * A size: a whole number of bytes, with optional {@code _} separators and an optional unit,
   * KB/MB/GB/TB (powers of 1000) or KiB/MiB/GiB/TiB (powers of 1024); {@code B} alone is bytes.
   * Units are case-insensitive.
   */
  static final ValueType<Long> SIZE = ValueTypes::size;

  /** A {@link #SIZE} of at least one byte. */
  static final ValueType<Long> POSITIVE_SIZE = (setting, text, source) -> {
    long size = size(setting, text, source);
    if (size < 1) {
      throw invalid(setting, text, source, ": it must be at least 1 byte");
    }
    return size;
  };

  /** An absolute path, normalized. */
  static final ValueType<Path> ABSOLUTE_PATH = ValueTypes::absolutePath;

  /** {@code true} or {@code false}, in any case. */
  static final ValueType<Boolean> BOOLEAN = (setting, text, source) -> {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(trimmed);
    }
    throw invalid(setting, text, source);
  };

  /** Any text, trimmed. */
  static final ValueType<String> TEXT = (setting, text, source) -> text.trim();

  /** Text that is not blank, trimmed. */
  static final ValueType<String> NON_BLANK_TEXT = (setting, text, source) -> {
    if (text.isBlank()) {
      throw empty(setting, source);
    }
    return text.trim();
  };

  /** Comma-separated names, at least one, each trimmed; empty items are skipped. */
  static final ValueType<List<String>> NAMES = (setting, text, source) -> {
    if (text.isBlank()) {
      throw empty(setting, source);
    }
    return items(text);
  };

  /** Comma-separated class names or patterns ({@code pkg.*}, {@code pkg.**}) for the allow list. */
  static final ValueType<List<String>> CLASS_PATTERNS = (setting, text, source) -> {
    List<String> patterns = items(text);
    try {
      AllowList.of(patterns);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + text + " in "
          + source + ": " + e.getMessage() + "; allowed: " + setting.allowed(), e);
    }
    return patterns;
  };

  /** A JDBC URL without a password, or empty (the embedded database). */
  static final ValueType<String> JDBC_URL = (setting, text, source) -> {
    String url = text.trim();
    if (url.isEmpty()) {
      return url;
    }
    if (!url.startsWith("jdbc:")) {
      throw invalid(setting, text, source, ": not a JDBC URL");
    }
    SecretRules.refuseJdbcPassword(url, source);
    return url;
  };

  /** The chain of {@code twat:universal}: an optional memory tier, then the disk tiers. */
  static final ValueType<ManagerSettings.Tiers> TIERS = ValueTypes::tiers;

  /** A positive ISO-8601 duration of at least a millisecond, e.g. {@code PT10M}. */
  static final ValueType<Duration> DURATION = (setting, text, source) -> {
    Duration duration;
    try {
      duration = Duration.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + text + " in "
          + source + ": not an ISO-8601 duration; allowed: " + setting.allowed(), e);
    }
    if (duration.toMillis() < 1) {
      throw invalid(setting, text, source, ": it must be at least 1 millisecond");
    }
    return duration;
  };

  /** The memory store's eviction policies. */
  static final ValueType<ManagerSettings.MemoryPolicy> MEMORY_POLICY =
      choice(ManagerSettings.MemoryPolicy.class);

  /** Compression of large values on disk. */
  static final ValueType<Compression> COMPRESSION = choice(Compression.class);

  /** The durability of a database write. */
  static final ValueType<Durability> DURABILITY = choice(Durability.class);

  private ValueTypes() {
  }

  /** One of the constants of an enum, by name in any case. */
  static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
    return (setting, text, source) -> {
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(text.trim())) {
          return constant;
        }
      }
      throw invalid(setting, text, source);
    };
  }

  private static long count(SettingKey setting, String text, String source) {
    String digits = text.trim().replace("_", "");
    try {
      long count = Long.parseLong(digits);
      if (count >= 0 && !digits.startsWith("+")) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(setting, text, source);
  }

  private static long size(SettingKey setting, String text, String source) {
    String trimmed = text.trim().replace("_", "");
    int split = 0;
    while (split < trimmed.length() && Character.isDigit(trimmed.charAt(split))) {
      split++;
    }
    String unit = trimmed.substring(split).trim().toUpperCase(Locale.ROOT);
    long multiplier = switch (unit) {
      case "", "B" -> 1L;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "TB" -> 1_000_000_000_000L;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "TIB" -> 1L << 40;
      default -> -1L;
    };
    if (split > 0 && multiplier > 0) {
      try {
        return Math.multiplyExact(Long.parseLong(trimmed.substring(0, split)), multiplier);
      } catch (ArithmeticException | NumberFormatException e) {
        // reported below
      }
    }
    throw invalid(setting, text, source);
  }

  private static Path absolutePath(SettingKey setting, String text, String source) {
    Path path;
    try {
      path = Path.of(text.trim());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Invalid value " + setting.key() + "=" + text + " in "
          + source + "; allowed: " + setting.allowed(), e);
    }
    if (!path.isAbsolute()) {
      throw invalid(setting, text, source, ": the path is relative");
    }
    return path.normalize();
  }

  private static ManagerSettings.Tiers tiers(SettingKey setting, String text, String source) {
    List<String> names = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      names.add(part.trim().toLowerCase(Locale.ROOT));
    }
    boolean memory = !names.isEmpty() && names.get(0).equals("memory");
    List<String> disk = memory ? names.subList(1, names.size()) : names;
    if (disk.equals(List.of("file")) || disk.equals(List.of("db"))
        || disk.equals(List.of("db", "file"))) {
      return new ManagerSettings.Tiers(memory, disk.contains("db"), disk.contains("file"));
    }
    throw invalid(setting, text, source, ": name an optional memory tier, then the disk tiers");
  }

  private static List<String> items(String text) {
    List<String> items = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
    return List.copyOf(items);
  }

  /** The message of a bad value: {@code Invalid value key=text in source; allowed: ...}. */
  static IllegalArgumentException invalid(SettingKey setting, String text, String source) {
    return invalid(setting, text, source, "");
  }

  private static IllegalArgumentException invalid(SettingKey setting, String text, String source,
      String why) {
    return new IllegalArgumentException("Invalid value " + setting.key() + "=" + text + " in "
        + source + why + "; allowed: " + setting.allowed());
  }

  private static IllegalArgumentException empty(SettingKey setting, String source) {
    return new IllegalArgumentException("Empty value for " + setting.key() + " in " + source
        + "; allowed: " + setting.allowed());
  }
}
