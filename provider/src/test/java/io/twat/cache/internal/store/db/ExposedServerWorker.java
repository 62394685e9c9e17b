/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.internal.store.db;

import io.twat.cache.internal.store.StoreException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A JVM whose H2 would serve the embedded database beyond loopback, for {@link DbExposureTest}:
 * {@code early-h2 FOLDER} loads H2's settings before twat-cache can set the bind address;
 * {@code bind-all FOLDER} sets {@code h2.bindAddress} to every interface as a user might. It
 * then opens a store in FOLDER and prints one line, {@code opened} or {@code refused: MESSAGE},
 * and a second one, {@code exposed: LIST} of this process's sockets on the lock file's port
 * beyond loopback (Linux) or {@code exposed: unknown}.
 */
public final class ExposedServerWorker {
  private ExposedServerWorker() {
  }

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[1]);
    if (args[0].equals("early-h2")) {
      Class.forName("org.h2.engine.SysProperties");
    } else {
      System.setProperty(LoopbackServer.BIND_PROPERTY, "0.0.0.0");
    }
    try {
      EmbeddedDb.open(folder, "c").close();
      System.out.println("opened");
    } catch (StoreException e) {
      System.out.println("refused: " + e.getMessage().replace('\n', ' '));
    }
    Optional<Integer> port =
        LoopbackServer.serverPort(folder.resolve(DbStore.EMBEDDED_FILE + ".lock.db"));
    System.out.println("exposed: " + (port.isEmpty() ? "unknown"
        : LoopbackServer.exposedListeners(port.get(), LoopbackServer.ownSockets())));
    System.out.flush();
  }
}
