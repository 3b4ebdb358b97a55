package health.careloop.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP load balancer for tests: each connection it accepts goes to the next of its backends
 * (localhost ports) in turn, bytes copied both ways until either side closes. What stands before
 * CareLoop's replicas in a deployment, so that the EHR's Subscription names one address for all
 * of them.
 */
public final class RoundRobinProxy implements AutoCloseable {

  private final ServerSocket server;
  private final List<Integer> backends = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "round-robin-proxy");
    t.setDaemon(true);
    return t;
  });

  public RoundRobinProxy() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::accept);
  }

  public void addBackend(int port) {
    backends.add(port);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> connect(client));
      } catch (IOException e) {
        // Closed.
      }
    }
  }

  private void connect(Socket client) {
    List<Integer> ports = List.copyOf(backends);
    for (int attempt = 0; attempt < ports.size(); attempt++) {
      int port = ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
      try {
        Socket backend = new Socket();
        backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        threads.execute(() -> copy(client, backend));
        copy(backend, client);
        return;
      } catch (IOException e) {
        // That replica is down: the next one.
      }
    }
    closeQuietly(client);
  }

  private static void copy(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // One side closed.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing.
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing.
    }
    threads.shutdownNow();
  }
}
