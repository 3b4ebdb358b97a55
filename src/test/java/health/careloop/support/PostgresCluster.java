package health.careloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb'd under {@code target/pg-clusters/}, on a free
 * port) that a test may stop and start again: a real database restart, which the shared PostgreSQL
 * at 127.0.0.1:5432 must never be given (other tests use it).
 *
 * <p>Uses the binaries of the installed PostgreSQL ({@code pg_config --bindir}, else the newest
 * {@code /usr/lib/postgresql/<version>/bin}). initdb refuses to run as root: as root, every command
 * runs as the {@code postgres} OS user ({@code runuser -u postgres}) on a data directory it owns.
 * Without the binaries the test fails, saying so: a fault suite that skips itself proves nothing.
 */
public final class PostgresCluster implements AutoCloseable {

  private static final String OS_USER = "postgres";

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresCluster(Path bin, Path dataDir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** initdb's a new cluster and starts it. */
  public static PostgresCluster start() {
    Path bin = binaries().orElseThrow(() -> new AssertionError(
        "PostgreSQL's server binaries (initdb, pg_ctl) were not found: neither `pg_config --bindir` nor"
            + " /usr/lib/postgresql/*/bin has them. The database-restart fault test needs them to restart a"
            + " PostgreSQL of its own; install the PostgreSQL server package (e.g. apt-get install postgresql)."));
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dataDir = Path.of("target", "pg-clusters", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PostgresCluster cluster = new PostgresCluster(bin, dataDir, CareLoopProcess.freePort(), root);
    if (root) {
      run(List.of("chown", OS_USER + ":" + OS_USER, dataDir.toString()), 30);
      run(List.of("chmod", "700", dataDir.toString()), 30);
    }
    cluster.pg("initdb", "-D", dataDir.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
        "--locale=C", "--no-sync");
    cluster.startAgain();
    return cluster;
  }

  /** Starts the server (again) on the same data directory and port; returns once it takes connections. */
  public void startAgain() {
    pg("pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
        "start");
  }

  /** Stops the server as an operator's restart does ({@code pg_ctl stop -m fast}: sessions are ended). */
  public void stop() {
    pg("pg_ctl", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  /** An empty schema of its own in this cluster, as {@link TestDatabase#fresh()} gives on the shared one. */
  public TestDatabase freshSchema() {
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    String schema = "careloop_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
      c.createStatement().execute("create schema " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create a schema in the test's PostgreSQL at " + url, e);
    }
    return new TestDatabase("postgres", url + "?currentSchema=" + schema, "postgres");
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      pg("pg_ctl", "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
    } catch (RuntimeException e) {
      // Already stopped.
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Under target/: the next clean removes it.
    }
  }

  private void pg(String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", OS_USER, "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    run(command, 90);
  }

  private static String run(List<String> command, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(new java.io.File("/tmp")).start();
      // Read while it runs: pg_ctl's server inherits nothing of ours (its output goes to -l).
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      String output = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> binaries() {
    try {
      Path fromPgConfig = Path.of(run(List.of("pg_config", "--bindir"), 30).trim());
      if (Files.isExecutable(fromPgConfig.resolve("initdb"))) {
        return Optional.of(fromPgConfig);
      }
    } catch (RuntimeException e) {
      // No pg_config on the PATH: look where Debian and Ubuntu put the server.
    }
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
