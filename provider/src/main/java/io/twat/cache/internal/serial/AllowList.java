/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.serial;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The classes that Java deserialization may create: a fixed set of JDK value types, plus the
 * classes and packages the user names. A pattern is a class name ({@code com.example.Dto}), a
 * package ({@code com.example.model.*}: its classes, not its subpackages) or a package tree
 * ({@code com.example.**}). An array is allowed when its element type is (primitive arrays always
 * are); an enum when its class is.
 *
 * <p>The JDK types are the value types and plain containers: {@code java.lang}'s boxed types,
 * {@code String} and {@code Number}, {@code java.math}, {@code java.time} and its subpackages,
 * {@code UUID}, the {@code java.util} collections that hold nothing but their elements (lists,
 * sets, maps, deques, their unmodifiable, empty, singleton and immutable forms) and a few
 * concurrent ones. Nothing that can run user code on its own, such as a {@code TreeMap}'s
 * comparator, is allowed unless its class is listed too.
 *
 * <p>Immutable and thread-safe.
 */
public final class AllowList {
  private static final Set<String> JDK_CLASSES =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Number",
          "java.lang.String",
          "java.lang.Enum",
          // element types of the arrays that collections allocate when they read themselves
          "java.lang.Object",
          "java.util.Map$Entry",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.math.MathContext",
          "java.math.RoundingMode",
          "java.util.UUID",
          "java.util.Date",
          "java.util.BitSet",
          "java.util.Locale",
          "java.util.Currency",
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.ArrayDeque",
          "java.util.Vector",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.Hashtable",
          "java.util.IdentityHashMap",
          "java.util.EnumMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet",
          "java.util.EnumSet",
          "java.util.EnumSet$SerializationProxy",
          "java.util.RegularEnumSet",
          "java.util.JumboEnumSet",
          "java.util.PriorityQueue",
          "java.util.CollSer",
          "java.util.Arrays$ArrayList",
          "java.util.AbstractMap$SimpleEntry",
          "java.util.AbstractMap$SimpleImmutableEntry",
          "java.util.Collections$EmptyList",
          "java.util.Collections$EmptySet",
          "java.util.Collections$EmptyMap",
          "java.util.Collections$SingletonList",
          "java.util.Collections$SingletonSet",
          "java.util.Collections$SingletonMap",
          "java.util.Collections$UnmodifiableCollection",
          "java.util.Collections$UnmodifiableList",
          "java.util.Collections$UnmodifiableRandomAccessList",
          "java.util.Collections$UnmodifiableSet",
          "java.util.Collections$UnmodifiableSortedSet",
          "java.util.Collections$UnmodifiableNavigableSet",
          "java.util.Collections$UnmodifiableMap",
          "java.util.Collections$UnmodifiableSortedMap",
          "java.util.Collections$UnmodifiableNavigableMap",
          "java.util.concurrent.ConcurrentHashMap",
          "java.util.concurrent.ConcurrentHashMap$Segment",
          "java.util.concurrent.CopyOnWriteArrayList",
          "java.util.concurrent.CopyOnWriteArraySet",
          "java.util.concurrent.ConcurrentLinkedQueue",
          "java.util.concurrent.ConcurrentLinkedDeque",
          "java.util.concurrent.locks.ReentrantLock",
          "java.util.concurrent.locks.ReentrantLock$Sync",
          "java.util.concurrent.locks.ReentrantLock$NonfairSync",
          "java.util.concurrent.locks.AbstractQueuedSynchronizer",
          "java.util.concurrent.locks.AbstractOwnableSynchronizer");
  // java.util.ImmutableCollections$*: what List.of, Set.of and Map.of read back as (after
  // CollSer.readResolve)
  private static final List<String> JDK_TREES =
      List.of("java.time.", "java.util.ImmutableCollections$");

  private final Set<String> classes;
  private final Set<String> packages;
  private final List<String> trees;

  private AllowList(Set<String> classes, Set<String> packages, List<String> trees) {
    this.classes = classes;
    this.packages = packages;
    this.trees = trees;
  }

  /** Returns the list of the JDK value types alone. */
  public static AllowList jdkOnly() {
    return of(List.of());
  }

  /**
   * Returns the JDK value types plus the given patterns.
   *
   * @param patterns class names, {@code package.*} or {@code package.**}
   * @throws IllegalArgumentException if a pattern is blank or malformed
   */
  public static AllowList of(Collection<String> patterns) {
    Objects.requireNonNull(patterns, "patterns");
    java.util.HashSet<String> classes = new java.util.HashSet<>(JDK_CLASSES);
    java.util.HashSet<String> packages = new java.util.HashSet<>();
    List<String> trees = new ArrayList<>(JDK_TREES);
    for (String raw : patterns) {
      String pattern = raw == null ? "" : raw.trim();
      if (pattern.endsWith(".**")) {
        String prefix = pattern.substring(0, pattern.length() - 2);
        checkName(raw, prefix.substring(0, prefix.length() - 1));
        trees.add(prefix);
      } else if (pattern.endsWith(".*")) {
        String name = pattern.substring(0, pattern.length() - 2);
        checkName(raw, name);
        packages.add(name);
      } else {
        checkName(raw, pattern);
        classes.add(pattern);
      }
    }
    return new AllowList(Set.copyOf(classes), Set.copyOf(packages), List.copyOf(trees));
  }

  private static void checkName(String raw, String name) {
    if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")
        || name.contains("*") || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "'"
              + raw
              + "' is not an allow-list pattern; use a class name (com.example.Dto), a package"
              + " (com.example.model.*) or a package tree (com.example.**)");
    }
  }

  /** Returns whether deserialization may create instances of {@code type}. */
  public boolean allows(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    return element.isPrimitive() || allows(element.getName());
  }

  /**
   * Returns the patterns that would allow {@code type}, for a message that tells the user how:
   * "the class (com.example.Dto) or its package (com.example.*)", or only "the class (Dto)" for a
   * class of the unnamed package, which no package pattern can name. An array's patterns are
   * its element type's.
   */
  public static String patternsAllowing(Class<?> type) {
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    String name = element.getName();
    String packageName = element.getPackageName();
    return packageName.isEmpty() ? "the class (" + name + ")"
        : "the class (" + name + ") or its package (" + packageName + ".*)";
  }

  /** Returns whether deserialization may create instances of the class named {@code className}. */
  public boolean allows(String className) {
    if (classes.contains(className)) {
      return true;
    }
    int dot = className.lastIndexOf('.');
    if (dot > 0 && packages.contains(className.substring(0, dot))) {
      return true;
    }
    for (String tree : trees) {
      if (className.startsWith(tree)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "AllowList[jdk value types, classes="
        + classes.stream().filter(c -> !JDK_CLASSES.contains(c)).sorted().toList()
        + ", packages="
        + packages
        + ", trees="
        + trees
        + "]";
  }
}
