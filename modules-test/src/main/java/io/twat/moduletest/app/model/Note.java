/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.moduletest.app.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * A text pinned at a {@link Point}: a plain class with private fields, deserialized without a
 * constructor call, and holding another application class.
 *
 * <p>Immutable.
 */
public final class Note implements Serializable {
  @Serial
  private static final long serialVersionUID = 1L;

  private final String text;
  private final Point at;

  /**
   * Creates a note.
   *
   * @param text what it says
   * @param at where it is pinned
   */
  public Note(String text, Point at) {
    this.text = text;
    this.at = at;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Note note && note.text.equals(text) && note.at.equals(at);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, at);
  }

  @Override
  public String toString() {
    return "Note[" + text + " at " + at + "]";
  }
}
