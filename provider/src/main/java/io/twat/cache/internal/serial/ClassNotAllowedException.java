package io.twat.cache.internal.serial;

/**
 * Deserialization met a class that is not on the allow-list, or exceeded one of the safety limits,
 * and stopped before creating any object of it.
 */
public final class ClassNotAllowedException extends SerializationException {
  private static final long serialVersionUID = 1L;

  private final String className;

  /**
   * Creates an exception.
   *
   * @param className the refused class, or null if a limit (not a class) was the reason
   * @param message what was refused and how to allow it
   * @param cause the stream's own report of the refusal
   */
  ClassNotAllowedException(String className, String message, Throwable cause) {
    super(message, cause);
    this.className = className;
  }

  /** Returns the name of the refused class, or null if a safety limit was exceeded instead. */
  public String className() {
    return className;
  }
}
