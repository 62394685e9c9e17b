/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.cli;

import io.twat.cache.internal.config.DiskRoot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code path}: the default disk root and why (system property, environment variable or platform
 * default), resolved by the provider's own {@code DiskRoot}, and the folders of the disk kinds.
 *
 * <p>One instance per run; not thread-safe.
 */
@Command(name = "path", mixinStandardHelpOptions = true,
    description = "Shows where the default disk root is, and why.")
final class PathCommand implements Callable<Integer> {
  @ParentCommand
  TwatCacheCli cli;

  @Option(names = "--json", description = "Machine output: one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    Path root = cli.diskRoot();
    String source;
    if (isSet(cli.environment.property(DiskRoot.PROPERTY))) {
      source = "system property " + DiskRoot.PROPERTY;
    } else if (isSet(cli.environment.variable(DiskRoot.VARIABLE))) {
      source = "environment variable " + DiskRoot.VARIABLE;
    } else {
      source = "platform default";
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("root", root.toString());
    result.put("source", source);
    for (String kind : new String[] {"file", "db", "universal"}) {
      result.put(kind, root.resolve(kind).toString());
    }
    if (json) {
      cli.print(Json.write(result));
    } else {
      cli.print(root + "  (" + source + ")");
      cli.print("  twat:file       " + result.get("file"));
      cli.print("  twat:db         " + result.get("db"));
      cli.print("  twat:universal  " + result.get("universal"));
    }
    return TwatCacheCli.OK;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
