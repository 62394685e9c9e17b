/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import java.util.Objects;

/**
 * The user name and password a database store connects with. They come from the manager's
 * {@code Properties} or the environment, never from a URI, and {@link #toString()} never shows
 * the password.
 *
 * @param user the user name
 * @param password the password, possibly empty
 */
public record Credentials(String user, String password) {
  /** The user of the embedded H2 database when none is configured. */
  public static final Credentials EMBEDDED_DEFAULT = new Credentials("sa", "");

  /** Checks the arguments. */
  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "Credentials[user="
        + user
        + ", password="
        + (password.isEmpty() ? "(none)" : "(hidden)")
        + "]";
  }
}
