/*
 * Copyright 2026 the twat-cache authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.twat.cache.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP forwarder on 127.0.0.1 between a client and a server, whose link can be cut and restored,
 * as a network that stops carrying packets would: while cut, bytes on the open connections are
 * dropped without closing them, and new connections are accepted but never reach the server (so
 * only the client's own timeouts end its wait). {@link #restore()} closes the connections made
 * before or during the cut (a client finds them broken) and forwards new ones again.
 *
 * <p>Thread-safe; one daemon thread accepts, two daemon threads per connection pump. {@link
 * #close()} stops them all.
 */
public final class CuttableProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Thread acceptor;
  private final List<Link> links = new ArrayList<>(); // guarded by itself
  private volatile boolean cut;

  /**
   * Starts forwarding from a free port to {@code host:port}.
   *
   * @throws UncheckedIOException if no port can be opened
   */
  public CuttableProxy(String host, int port) {
    this.target = new InetSocketAddress(host, port);
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.acceptor = new Thread(this::accept, "cuttable-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Returns the port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Stops carrying bytes; connections stay open and silent. */
  public void cut() {
    cut = true;
  }

  /** Closes every connection that exists now and forwards new ones again. */
  public void restore() {
    List<Link> old;
    synchronized (links) {
      old = new ArrayList<>(links);
      links.clear();
    }
    cut = false;
    old.forEach(Link::close);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      restore();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      Link link = new Link(client);
      synchronized (links) {
        links.add(link);
      }
      if (!cut) {
        link.connect();
      }
    }
  }

  /** One client connection and, unless made during a cut, its connection to the server. */
  private final class Link {
    private final Socket client;
    private volatile Socket upstream;

    Link(Socket client) {
      this.client = client;
    }

    void connect() {
      try {
        Socket socket = new Socket();
        socket.connect(target, 5_000);
        upstream = socket;
        pump(client, socket);
        pump(socket, client);
      } catch (IOException e) {
        close();
      }
    }

    private void pump(Socket from, Socket to) {
      Thread thread = new Thread(() -> {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          for (int n; (n = in.read(buffer)) >= 0; ) {
            if (!cut) { // dropped while cut, as by a network that stopped
              out.write(buffer, 0, n);
              out.flush();
            }
          }
        } catch (IOException e) {
          // one side closed: close both below
        } finally {
          close();
        }
      }, "cuttable-proxy-pump");
      thread.setDaemon(true);
      thread.start();
    }

    void close() {
      closeQuietly(client);
      Socket socket = upstream;
      if (socket != null) {
        closeQuietly(socket);
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing after a failure: nothing more to do
    }
  }
}
