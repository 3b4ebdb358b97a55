package health.careloop.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.CareLoopApplication;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CareLoopJarTest {

  @TempDir
  Path target;

  @Test
  void theJarThePomNames_isTheOneRun() throws IOException {
    Path jar = bootJar("careloop-1.0.jar", CareLoopApplication.class.getName());
    bootJar("careloop-2.0.jar", CareLoopApplication.class.getName());

    assertThat(CareLoopJar.locate(jar.toString(), target)).isEqualTo(jar);
  }

  @Test
  void withoutThePom_theOnlyCareLoopJarInTarget_isTheOneRun() throws IOException {
    Path jar = bootJar("careloop-0.1.0-SNAPSHOT.jar", CareLoopApplication.class.getName());
    Files.writeString(target.resolve("careloop-0.1.0-SNAPSHOT.jar.original"), "the plain jar Boot repackaged");

    assertThat(CareLoopJar.locate(null, target)).isEqualTo(jar);
  }

  @Test
  void whatIsMadeFromTheJar_isMadeAgain_whenMissingOrOlderThanTheJarOrItsScript() throws IOException {
    Path jar = Files.writeString(target.resolve("careloop.jar"), "jar");
    Path script = Files.writeString(target.resolve("cds-archive.sh"), "script");
    Path archive = target.resolve("careloop.jsa");
    assertThat(CareLoopJar.newerThanAll(archive, jar, script)).as("missing").isFalse();

    Files.writeString(archive, "archive");
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(2_000_000));
    assertThat(CareLoopJar.newerThanAll(archive, jar, script)).as("made after both").isTrue();

    Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.fromMillis(3_000_000));
    assertThat(CareLoopJar.newerThanAll(archive, jar, script)).as("the script changed since").isFalse();
  }

  @Test
  void aMissingJar_saysHowToBuildIt() {
    assertThatThrownBy(() -> CareLoopJar.locate(target.resolve("careloop-9.jar").toString(), target))
        .hasMessageContaining("careloop-9.jar is missing").hasMessageContaining("./mvnw -DskipTests package");
    assertThatThrownBy(() -> CareLoopJar.locate(null, target))
        .hasMessageContaining("is missing").hasMessageContaining("./mvnw -DskipTests package");
  }

  @Test
  void twoCareLoopJarsWithoutThePom_askWhichOne() throws IOException {
    bootJar("careloop-1.0.jar", CareLoopApplication.class.getName());
    bootJar("careloop-2.0.jar", CareLoopApplication.class.getName());

    assertThatThrownBy(() -> CareLoopJar.locate(null, target))
        .hasMessageContaining("More than one CareLoop jar").hasMessageContaining("-D" + CareLoopJar.PROPERTY);
  }

  @Test
  void aJarThatDoesNotStartCareLoop_isRefused() throws IOException {
    Path plain = bootJar("careloop-1.0.jar", null);

    assertThatThrownBy(() -> CareLoopJar.locate(plain.toString(), target))
        .hasMessageContaining("is not CareLoop's Spring Boot jar");
  }

  private Path bootJar(String name, String startClass) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (startClass != null) {
      manifest.getMainAttributes().putValue("Start-Class", startClass);
    }
    Path jar = target.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
      // The manifest is all the locator reads.
    }
    return jar;
  }
}
