/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import java.io.Console;
import java.util.Optional;

/**
 * Where a command asks the person at the terminal to confirm a change ({@code clear},
 * {@code destroy}). {@link #NONE} is no terminal (a script, a pipe, a test): a command that needs
 * a confirmation then refuses unless given {@code --yes}.
 *
 * <p>Implementations are used by one command at a time; they need not be thread-safe.
 */
interface Prompt {
  /** No terminal: nothing can be asked. */
  Prompt NONE = question -> Optional.empty();

  /**
   * Asks {@code question} and returns the answer, or empty if there is no terminal to ask on (or
   * it was closed before an answer came).
   */
  Optional<String> ask(String question);

  /** Returns the prompt of this process's terminal, or {@link #NONE} if it has none. */
  static Prompt ofConsole() {
    // null up to JDK 21 when standard input or output is not a terminal; from JDK 22 a console
    // is always returned and Console.isTerminal() (absent from Java 17) tells, hence both checks
    @SuppressWarnings("SystemConsoleNull")
    Console console = System.console();
    if (console == null || !isTerminal(console)) {
      return NONE;
    }
    return question -> Optional.ofNullable(console.readLine("%s", question));
  }

  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException olderThanJdk22) {
      return true; // a console up to JDK 21 is a terminal
    }
  }

  /** Returns whether {@code answer} says yes ({@code y} or {@code yes}, any case). */
  static boolean isYes(String answer) {
    String trimmed = answer.trim();
    return trimmed.equalsIgnoreCase("y") || trimmed.equalsIgnoreCase("yes");
  }
}
