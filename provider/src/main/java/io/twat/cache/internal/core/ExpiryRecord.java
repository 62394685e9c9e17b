/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.core;

import io.twat.cache.internal.integration.Closeables;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * The expiry policy of a cache as plain data in its {@link ConfigurationRecord}, and back. Only
 * data is recorded, never a serialized object, so a record planted on disk cannot make the reader
 * build objects of its choice:
 * <ul>
 *   <li>The JCache policies ({@link CreatedExpiryPolicy}, {@link AccessedExpiryPolicy},
 *       {@link ModifiedExpiryPolicy}, {@link TouchedExpiryPolicy}, {@link EternalExpiryPolicy}),
 *       from a {@link FactoryBuilder.SingletonFactory} or a {@link FactoryBuilder.ClassFactory}:
 *       {@code expiry=created|accessed|modified|touched|eternal} and, but for eternal,
 *       {@code expiry.duration=<amount> <TimeUnit>} (e.g. {@code 5 MINUTES}) or
 *       {@code expiry.duration=eternal}. They come back as
 *       {@code <Policy>.factoryOf(duration)}.</li>
 *   <li>Another policy made by a {@code ClassFactory}: {@code expiry=class} and
 *       {@code expiry.class=<binary name>}. It comes back as a {@code ClassFactory} of that name
 *       once the class, loaded through the cache manager's class loader <em>without</em> being
 *       initialized, turns out to be a public, concrete {@link ExpiryPolicy} with a public
 *       constructor without parameters; only then is it instantiated (once, to check that it
 *       can be).</li>
 *   <li>Anything else (a lambda or a factory class of the application, a {@code SingletonFactory}
 *       of a policy of its own, whose state a class name does not capture): {@code expiry=none}.
 *       It comes back eternal, with a warning that the policy could not be recorded.</li>
 * </ul>
 * A record that cannot be used (an unknown kind, a malformed duration, a class that is missing
 * or no expiry policy) comes back eternal, with a warning that says why.
 *
 * <p>Stateless and thread-safe.
 */
final class ExpiryRecord {
  /** The setting that names the kind of policy. */
  static final String KIND = "expiry";
  /** The setting that holds the duration of a JCache policy. */
  static final String DURATION = "expiry.duration";
  /** The setting that holds the class of a policy made by a {@code ClassFactory}. */
  static final String CLASS = "expiry.class";

  /** The kind of a policy that could not be recorded. */
  static final String NOT_RECORDED = "none";
  private static final String CLASS_KIND = "class";
  private static final String ETERNAL = "eternal";
  private static final Pattern DURATION_TEXT = Pattern.compile("([0-9]{1,18}) ([A-Z]{1,20})");
  private static final Pattern BINARY_NAME = Pattern.compile(
      "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
  private static final int MAX_CLASS_NAME = 1000;

  /** The JCache policies by their recorded kind, with their factory of a duration. */
  private static final Map<String, Function<Duration, Factory<ExpiryPolicy>>> STANDARD =
      Map.of("created", CreatedExpiryPolicy::factoryOf, "accessed", AccessedExpiryPolicy::factoryOf,
          "modified", ModifiedExpiryPolicy::factoryOf, "touched", TouchedExpiryPolicy::factoryOf);

  private ExpiryRecord() {
  }

  /**
   * Returns the settings that record the policy of {@code factory}. A {@code ClassFactory} is
   * asked for one more policy (closed at once if it is {@link AutoCloseable}) to learn its class;
   * a {@code SingletonFactory} hands out its one policy; other factories are not called.
   */
  static Map<String, String> record(Factory<? extends ExpiryPolicy> factory) {
    Map<String, String> settings = new LinkedHashMap<>();
    boolean singleton = factory instanceof FactoryBuilder.SingletonFactory;
    if (!singleton && !(factory instanceof FactoryBuilder.ClassFactory)) {
      settings.put(KIND, NOT_RECORDED);
      return settings;
    }
    ExpiryPolicy policy;
    try {
      policy = factory.create();
    } catch (RuntimeException e) {
      settings.put(KIND, NOT_RECORDED);
      return settings;
    }
    Optional<String> standard = standardKind(policy);
    if (standard.isPresent()) {
      settings.put(KIND, standard.get());
      if (!standard.get().equals(ETERNAL)) {
        settings.put(DURATION, durationText(durationOf(policy)));
      }
    } else if (!singleton && policy != null
        && factory.equals(new FactoryBuilder.ClassFactory<>(policy.getClass().getName()))) {
      settings.put(KIND, CLASS_KIND);
      settings.put(CLASS, policy.getClass().getName());
    } else {
      settings.put(KIND, NOT_RECORDED);
    }
    if (!singleton) {
      Closeables.closeQuietly(policy);
    }
    return settings;
  }

  private static Optional<String> standardKind(ExpiryPolicy policy) {
    // the JCache policies are final classes, so an instanceof test is an exact one
    if (policy instanceof CreatedExpiryPolicy) {
      return Optional.of("created");
    } else if (policy instanceof AccessedExpiryPolicy) {
      return Optional.of("accessed");
    } else if (policy instanceof ModifiedExpiryPolicy) {
      return Optional.of("modified");
    } else if (policy instanceof TouchedExpiryPolicy) {
      return Optional.of("touched");
    } else if (policy instanceof EternalExpiryPolicy) {
      return Optional.of(ETERNAL);
    }
    return Optional.empty();
  }

  /** Returns the one duration a JCache policy (other than eternal) is made with. */
  private static Duration durationOf(ExpiryPolicy policy) {
    if (policy instanceof AccessedExpiryPolicy) {
      return policy.getExpiryForAccess();
    }
    // created, modified and touched policies all give their duration on creation
    return policy.getExpiryForCreation();
  }

  private static String durationText(Duration duration) {
    return duration.isEternal() ? ETERNAL
        : duration.getDurationAmount() + " " + duration.getTimeUnit().name();
  }

  /**
   * Returns the policy factory that {@code settings} record, or a reason why it cannot be made:
   * a warning for the log.
   *
   * @param settings the recorded settings of the cache
   * @param loader the cache manager's class loader, which must see a recorded policy class
   * @return the factory, or why there is none
   */
  static Restored restore(Map<String, String> settings, ClassLoader loader) {
    String kind = settings.get(KIND);
    if (kind == null) {
      return Restored.failed("its expiry policy is missing from the record");
    }
    if (kind.equals(ETERNAL)) {
      return Restored.of(EternalExpiryPolicy.factoryOf());
    }
    if (kind.equals(NOT_RECORDED)) {
      return Restored.failed("its expiry policy could not be recorded (only the JCache policies "
          + "and policies made by FactoryBuilder.factoryOf(Class) are)");
    }
    if (kind.equals(CLASS_KIND)) {
      return restoreClass(settings.get(CLASS), loader);
    }
    Function<Duration, Factory<ExpiryPolicy>> standard = STANDARD.get(kind);
    if (standard == null) {
      return Restored.failed("the record names an unknown kind of expiry policy, "
          + ConfigurationRecord.shown(kind));
    }
    Optional<Duration> duration = parseDuration(settings.get(DURATION));
    if (duration.isEmpty()) {
      return Restored.failed("the duration of its " + kind + " expiry policy is malformed: "
          + ConfigurationRecord.shown(settings.get(DURATION)));
    }
    return Restored.of(standard.apply(duration.get()));
  }

  private static Optional<Duration> parseDuration(String text) {
    if (ETERNAL.equals(text)) {
      return Optional.of(Duration.ETERNAL);
    }
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = DURATION_TEXT.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      TimeUnit unit = TimeUnit.valueOf(matcher.group(2));
      return Optional.of(new Duration(unit, Long.parseLong(matcher.group(1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Restored restoreClass(String className, ClassLoader loader) {
    if (className == null || className.length() > MAX_CLASS_NAME
        || !BINARY_NAME.matcher(className).matches()) {
      return Restored.failed("the class of its expiry policy is missing or malformed in the "
          + "record");
    }
    Class<?> type;
    try {
      type = Class.forName(className, /* initialize= */ false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return Restored.failed("its expiry policy class " + className + " is not visible to the "
          + "cache manager's class loader (" + e + ")");
    }
    int modifiers = type.getModifiers();
    if (!ExpiryPolicy.class.isAssignableFrom(type) || type.isInterface()
        || Modifier.isAbstract(modifiers) || !Modifier.isPublic(modifiers)) {
      return Restored.failed("the record names " + className + " as its expiry policy, which is "
          + "not a public, concrete " + ExpiryPolicy.class.getName());
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException | SecurityException e) {
      return Restored.failed("its expiry policy class " + className + " has no public "
          + "constructor without parameters");
    }
    try {
      Closeables.closeQuietly(constructor.newInstance());
    } catch (InvocationTargetException e) {
      return Restored.failed("its expiry policy class " + className + " could not be "
          + "instantiated: " + e.getCause());
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return Restored.failed("its expiry policy class " + className + " could not be "
          + "instantiated: " + e);
    }
    return Restored.of(new FactoryBuilder.ClassFactory<>(className));
  }

  /**
   * A restored policy factory, or why there is none.
   *
   * @param factory the factory, or null
   * @param problem why there is no factory, or null
   */
  record Restored(Factory<ExpiryPolicy> factory, String problem) {
    static Restored of(Factory<ExpiryPolicy> factory) {
      return new Restored(factory, null);
    }

    static Restored failed(String problem) {
      return new Restored(null, problem);
    }

    /** Returns whether the policy is made by a {@code ClassFactory}. */
    boolean byClass() {
      return factory instanceof FactoryBuilder.ClassFactory;
    }
  }
}
