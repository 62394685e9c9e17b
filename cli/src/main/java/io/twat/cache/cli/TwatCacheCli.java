/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.config.DiskRoot;
import io.twat.cache.internal.config.Environment;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code twat-cache} command over the folders and embedded databases of {@code twat:file},
 * {@code twat:db} and {@code twat:universal}: {@code path}, {@code ls}, {@code stats} and
 * {@code verify} read only; {@code clear} and {@code destroy} (after a confirmation) and
 * {@code purge-expired} change caches through the provider's own cache manager; {@code compact}
 * shrinks an embedded database nobody else holds; {@code generate-completion} prints a bash
 * completion script. Every command takes {@code --json} (but the last) and exits with 0 (all
 * well), 1 (problems found, or the command failed) or 2 (a usage error). See docs/cli.md.
 *
 * <p>Runs on the class path (it uses the provider's internal packages, which the provider's
 * module does not export). One instance per run; not thread-safe.
 */
@Command(
    name = "twat-cache",
    mixinStandardHelpOptions = true,
    version = "twat-cache command line 0.1",
    description = "Inspects and checks twat-cache caches on disk.",
    subcommands = {PathCommand.class, LsCommand.class, StatsCommand.class, VerifyCommand.class,
        ClearCommand.class, DestroyCommand.class, PurgeExpiredCommand.class, CompactCommand.class,
        AutoComplete.GenerateCompletion.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:all well", "1:problems found, or the command failed", "2:usage error"})
public final class TwatCacheCli implements Runnable {
  /** Exit code: all well. */
  public static final int OK = 0;
  /** Exit code: problems found, or the command failed. */
  public static final int PROBLEMS = 1;
  /** Exit code: the command line was wrong. */
  public static final int USAGE = 2;

  final Environment environment;
  final Clock clock;
  final PrintStream out;
  final Prompt prompt;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * Prepares a run.
   *
   * @param environment where the disk root's settings come from
   * @param clock the time against which deadlines are compared (expired entries)
   * @param out where the command's output goes
   * @param prompt where {@code clear} and {@code destroy} ask for confirmation
   */
  TwatCacheCli(Environment environment, Clock clock, PrintStream out, Prompt prompt) {
    this.environment = environment;
    this.clock = clock;
    this.out = out;
    this.prompt = prompt;
  }

  /**
   * The provider's logger: the command shows its warnings, not the INFO lines an application's
   * log wants (a cache reopened, its chain of stores). Held here so that the level set on it
   * lasts (java.util.logging keeps loggers weakly).
   */
  private static final Logger PROVIDER_LOG = Logger.getLogger("io.twat.cache");

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.config.file") == null) {
      PROVIDER_LOG.setLevel(Level.WARNING);
    }
    System.exit(run(Environment.SYSTEM, Clock.systemUTC(), Prompt.ofConsole(), System.out,
        System.err, args));
  }

  /**
   * Runs the command line {@code args} and returns its exit code; never exits the JVM.
   *
   * @param environment where the disk root's settings come from
   * @param clock the time against which deadlines are compared
   * @param out the command's output
   * @param err error messages and usage help after a usage error
   * @param args the command line
   * @return 0, 1 or 2 (see the class comment)
   */
  public static int run(Environment environment, Clock clock, PrintStream out, PrintStream err,
      String... args) {
    return run(environment, clock, Prompt.NONE, out, err, args);
  }

  /**
   * Runs the command line like {@link #run(Environment, Clock, PrintStream, PrintStream,
   * String...)}, asking for confirmations on {@code prompt}.
   */
  static int run(Environment environment, Clock clock, Prompt prompt, PrintStream out,
      PrintStream err, String... args) {
    CommandLine line = new CommandLine(new TwatCacheCli(environment, clock, out, prompt));
    line.setOut(new PrintWriter(out, /* autoFlush= */ true, StandardCharsets.UTF_8));
    line.setErr(new PrintWriter(err, /* autoFlush= */ true, StandardCharsets.UTF_8));
    line.setExecutionExceptionHandler((e, failed, parsed) -> {
      failed.getErr().println("twat-cache " + failed.getCommandName() + ": " + e.getMessage());
      return PROBLEMS;
    });
    // a ParameterException (unknown option, missing argument, no command) prints the usage and
    // returns this code
    line.getCommandSpec().exitCodeOnInvalidInput(USAGE);
    for (CommandLine command : line.getSubcommands().values()) {
      command.getCommandSpec().exitCodeOnInvalidInput(USAGE);
    }
    return line.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Name a command: path, ls, stats, verify, clear, destroy, purge-expired, compact or"
            + " generate-completion (see --help)");
  }

  /** Returns the disk root as the provider resolves it. */
  Path diskRoot() {
    return DiskRoot.resolve(environment);
  }

  /**
   * Returns the folders to look in: {@code dir} if given, else the default folders of the three
   * disk kinds under the disk root.
   */
  List<Path> folders(Path dir) {
    if (dir != null) {
      return List.of(dir.toAbsolutePath().normalize());
    }
    Path root = diskRoot();
    return List.of(root.resolve("file"), root.resolve("db"), root.resolve("universal"));
  }

  /** Prints {@code text} as one line of output. */
  void print(String text) {
    out.println(text);
  }
}
