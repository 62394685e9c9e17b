/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.management;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers the JCache MXBeans of a cache in the platform MBean server under
 * {@code javax.cache:type=<type>,CacheManager=<manager URI>,Cache=<cache name>}.
 *
 * <p>Naming rule: the characters that the JCache TCK and reference implementation replace in
 * these names ({@code , : = } and newline) become {@code .}, so that tools written for the spec
 * find our beans; a value that still holds a character JMX cannot take unquoted ({@code * ? " \})
 * is then quoted with {@link ObjectName#quote}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MBeans {
  /** The two kinds of JCache MXBean. */
  public enum Type {
    /** {@link javax.cache.management.CacheStatisticsMXBean}. */
    CacheStatistics,
    /** {@link javax.cache.management.CacheMXBean}. */
    CacheConfiguration
  }

  private MBeans() {
  }

  /** Returns the object name of a cache's bean of the given type. */
  public static ObjectName objectName(Type type, String managerUri, String cacheName) {
    String name =
        "javax.cache:type="
            + type
            + ",CacheManager="
            + safe(managerUri)
            + ",Cache="
            + safe(cacheName);
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Cannot name the MXBean " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the object name of a cache's {@link io.twat.cache.management.CacheTiersMXBean}:
   * {@code io.twat.cache:type=CacheTiers,CacheManager=<manager URI>,Cache=<cache name>}, with the
   * same naming rule as the JCache beans.
   */
  public static ObjectName tiersObjectName(String managerUri, String cacheName) {
    String name =
        "io.twat.cache:type=CacheTiers,CacheManager="
            + safe(managerUri)
            + ",Cache="
            + safe(cacheName);
    try {
      return new ObjectName(name);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Cannot name the MXBean " + name + ": " + e.getMessage(), e);
    }
  }

  /** Returns {@code value} made legal as an ObjectName property value. */
  static String safe(String value) {
    String replaced = value.replaceAll("[,:=\n]", ".");
    return replaced.matches(".*[*?\"\\\\].*") ? ObjectName.quote(replaced) : replaced;
  }

  /** Registers {@code bean} under {@code name}, replacing nothing: a bean already there is kept. */
  public static void register(Object bean, ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // Registered concurrently by the same cache: nothing to do.
    } catch (JMException e) {
      throw new CacheException("Could not register the MXBean " + name + ": " + e.getMessage(), e);
    }
  }

  /** Unregisters the bean under {@code name} if there is one. */
  public static void unregister(ObjectName name) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // Unregistered concurrently: nothing to do.
    } catch (JMException e) {
      throw new CacheException(
          "Could not unregister the MXBean " + name + ": " + e.getMessage(), e);
    }
  }
}
