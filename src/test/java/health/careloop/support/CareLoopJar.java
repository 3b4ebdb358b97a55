package health.careloop.support;

import health.careloop.CareLoopApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * CareLoop's packaged Spring Boot jar, as production runs it ({@code java -jar}): the one
 * {@code package} builds, before the integration tests and the benchmark run in {@code verify}.
 */
public final class CareLoopJar {

  /**
   * System property: the jar's path. The pom gives it to the integration tests and the benchmark
   * ({@code ${project.build.directory}/${project.build.finalName}.jar}), so a changed final name
   * follows.
   */
  public static final String PROPERTY = "careloop.jar";

  private CareLoopJar() {}

  /** The jar, from {@value #PROPERTY}, else (run from an IDE) the one CareLoop jar in target/. */
  public static Path locate() {
    return locate(System.getProperty(PROPERTY), Path.of("target"));
  }

  static Path locate(String configured, Path target) {
    Path jar = configured == null || configured.isBlank() ? onlyJarIn(target) : Path.of(configured);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("CareLoop's packaged jar " + jar.toAbsolutePath() + " is missing: build it with "
          + "./mvnw -DskipTests package (verify does), or start CareLoop from the class path instead");
    }
    String startClass = startClass(jar);
    if (!CareLoopApplication.class.getName().equals(startClass)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is not CareLoop's Spring Boot jar (its Start-Class is "
          + startClass + ", not " + CareLoopApplication.class.getName() + "): build it with ./mvnw -DskipTests package");
    }
    warnIfOlderThanClasses(jar, target.resolve("classes"));
    return jar;
  }

  /**
   * The jar extracted as Spring Boot recommends for a deployment ({@code java -Djarmode=tools -jar
   * <jar> extract}: the application's jar beside a directory of plain library jars, which its
   * manifest's class path names), into a directory beside it; extracted again when the jar is newer.
   * Started with {@code java -jar} like the jar itself, but its classes load from plain jars, not
   * from jars nested in a jar.
   *
   * @return the extracted application jar
   */
  public static synchronized Path extracted() {
    Path jar = locate();
    Path dir = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-extracted");
    Path extractedJar = dir.resolve(jar.getFileName());
    if (!newerThanAll(extractedJar, jar)) {
      run(extractedJar, "Could not extract " + jar.toAbsolutePath() + " into " + dir,
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djarmode=tools", "-jar",
          jar.toAbsolutePath().toString(), "extract", "--force", "--destination", dir.toAbsolutePath().toString());
    }
    return extractedJar;
  }

  /** The jar extracted with its start-up archive ({@link #withStartupArchive}). */
  public record ArchivedStart(Path jar, Path archive) {}

  /**
   * The jar as CareLoop's image runs it: extracted, with a class data sharing archive made by a
   * training start ({@code src/main/docker/cds-archive.sh}, the script the image's build runs), in
   * a directory beside the jar; made again when the jar or the script is newer (a minute or so).
   */
  public static synchronized ArchivedStart withStartupArchive() {
    Path jar = locate();
    Path dir = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-cds");
    ArchivedStart start = new ArchivedStart(dir.resolve("careloop.jar"), dir.resolve("careloop.jsa"));
    Path script = Path.of("src", "main", "docker", "cds-archive.sh");
    if (!newerThanAll(start.archive(), jar, script)) {
      run(start.archive(), "Could not build the start-up archive of " + jar.toAbsolutePath() + " with " + script,
          "sh", script.toString(), jar.toAbsolutePath().toString(), dir.toAbsolutePath().toString(), ".");
    }
    return start;
  }

  /** Whether {@code product} exists and is at least as new as each of {@code sources}. */
  static boolean newerThanAll(Path product, Path... sources) {
    try {
      if (!Files.isRegularFile(product)) {
        return false;
      }
      for (Path source : sources) {
        if (Files.getLastModifiedTime(product).compareTo(Files.getLastModifiedTime(source)) < 0) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code command} to its end; it must succeed and leave {@code product}, or {@code failure} says so. */
  private static void run(Path product, String failure, String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (process.waitFor() != 0 || !Files.isRegularFile(product)) {
        throw new IllegalStateException(failure + ": " + output.substring(Math.max(0, output.length() - 4000)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Without the pom to name it: Spring Boot's repackaged jar, the only {@code careloop-*.jar} there. */
  private static Path onlyJarIn(Path target) {
    if (!Files.isDirectory(target)) {
      return target.resolve("careloop.jar");
    }
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars = files.filter(f -> {
        String name = f.getFileName().toString();
        return name.startsWith("careloop-") && name.endsWith(".jar");
      }).sorted().toList();
      if (jars.size() > 1) {
        throw new IllegalStateException("More than one CareLoop jar in " + target.toAbsolutePath() + " " + jars
            + ": name the one to run with -D" + PROPERTY + "=...");
      }
      return jars.isEmpty() ? target.resolve("careloop.jar") : jars.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String startClass(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Start-Class");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + jar.toAbsolutePath(), e);
    }
  }

  /**
   * An IDE compiles into target/classes without packaging: the jar would then run code older than
   * the sources. Said, not refused (a measurement of the last package may be what is wanted).
   */
  private static void warnIfOlderThanClasses(Path jar, Path classes) {
    if (!Files.isDirectory(classes)) {
      return;
    }
    try (Stream<Path> files = Files.walk(classes)) {
      FileTime built = Files.getLastModifiedTime(jar);
      boolean stale = files.filter(Files::isRegularFile).anyMatch(f -> {
        try {
          return Files.getLastModifiedTime(f).compareTo(built) > 0;
        } catch (IOException e) {
          return false;
        }
      });
      if (stale) {
        System.err.println("[careloop] " + jar + " is older than " + classes + ": it runs the code of the last "
            + "./mvnw package, not the classes compiled since");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
