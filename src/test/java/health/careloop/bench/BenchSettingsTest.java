package health.careloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.support.CareLoopProcess.Launch;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

  @Test
  void defaultsAreTheDocumentedRun() {
    BenchSettings s = BenchSettings.from(new Properties());

    assertThat(s.intakeConcurrency()).containsExactly(1, 8, 32, 64);
    assertThat(s.intakeWarmUp()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.intakeDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.stormRate()).isEqualTo(50);
    assertThat(s.stormDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.stormWarmUp()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.stormPatients()).isEqualTo(1000);
    assertThat(s.careLoopInOwnProcess()).isTrue();
    assertThat(s.careLoopJvmOptions()).containsExactly("-Xmx1g");
    assertThat(s.careLoopLaunch()).isEqualTo(Launch.JAR);
    assertThat(s.scenarios()).containsExactly("storm", "intake");
    assertThat(s.dispatchMessages()).isEqualTo(50_000);
    assertThat(s.dispatchWarmUpMessages()).isEqualTo(1000);
    assertThat(s.catchUpAppointments()).isEqualTo(100_000);
    assertThat(s.hold()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.intakeByWrk()).isFalse();
  }

  @Test
  void wrkCanMakeTheIntakesDeliveries() {
    assertThat(BenchSettings.from(with("bench.intake.generator", "wrk")).intakeByWrk()).isTrue();
    assertThatThrownBy(() -> BenchSettings.from(with("bench.intake.generator", "ab")))
        .hasMessageContaining("bench.intake.generator");
  }

  @Test
  void theHoldIsChosenAsAScenario_forAsLongAsSaid() {
    Properties p = new Properties();
    p.setProperty("bench.scenarios", "hold");
    p.setProperty("bench.hold", "PT30M");

    BenchSettings s = BenchSettings.from(p);

    assertThat(s.runs("hold")).isTrue();
    assertThat(s.runs("intake")).isFalse();
    assertThat(s.hold()).isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(() -> BenchSettings.from(with("bench.hold", "PT0S"))).hasMessageContaining("bench.hold");
  }

  @Test
  void theDispatchAndCatchUpScenariosCanBeChosenWithTheirSizes() {
    Properties p = new Properties();
    p.setProperty("bench.scenarios", "dispatch,catch-up");
    p.setProperty("bench.dispatch.messages", "50");
    p.setProperty("bench.catch-up.appointments", "100");

    BenchSettings s = BenchSettings.from(p);

    assertThat(s.runs("dispatch")).isTrue();
    assertThat(s.runs("catch-up")).isTrue();
    assertThat(s.runs("storm")).isFalse();
    assertThat(s.dispatchMessages()).isEqualTo(50);
    assertThat(s.catchUpAppointments()).isEqualTo(100);
    assertThatThrownBy(() -> BenchSettings.from(with("bench.dispatch.messages", "-1")))
        .hasMessageContaining("bench.dispatch.messages");
  }

  @Test
  void propertiesOverrideTheDefaults() {
    Properties p = new Properties();
    p.setProperty("bench.intake.concurrency", "2, 4");
    p.setProperty("bench.storm.rate", "10");
    p.setProperty("bench.scenarios", "intake");

    BenchSettings s = BenchSettings.from(p);

    assertThat(s.intakeConcurrency()).isEqualTo(List.of(2, 4));
    assertThat(s.stormRate()).isEqualTo(10);
    assertThat(s.runs("storm")).isFalse();
    assertThat(s.runs("intake")).isTrue();
  }

  @Test
  void aBadValueStopsTheRunNamingTheProperty() {
    assertThatThrownBy(() -> BenchSettings.from(with("bench.storm.rate", "0")))
        .hasMessageContaining("bench.storm.rate");
    assertThatThrownBy(() -> BenchSettings.from(with("bench.intake.duration", "10s")))
        .hasMessageContaining("bench.intake.duration");
    assertThatThrownBy(() -> BenchSettings.from(with("bench.intake.concurrency", "8,x")))
        .hasMessageContaining("bench.intake.concurrency");
    assertThatThrownBy(() -> BenchSettings.from(with("bench.scenarios", "storm,soak")))
        .hasMessageContaining("bench.scenarios");
  }

  @Test
  void theStormsWarmUpMayBeSkipped_butNotNegative() {
    assertThat(BenchSettings.from(with("bench.storm.warm-up", "PT0S")).stormWarmUp()).isZero();
    assertThatThrownBy(() -> BenchSettings.from(with("bench.storm.warm-up", "-PT1S")))
        .hasMessageContaining("bench.storm.warm-up");
    assertThatThrownBy(() -> BenchSettings.from(with("bench.storm.patients", "0")))
        .hasMessageContaining("bench.storm.patients");
  }

  @Test
  void careLoopMayRunInTheBenchmarksJvm_withJvmOptionsOfItsOwnOtherwise() {
    assertThat(BenchSettings.from(with("bench.careloop", "in-process")).careLoopInOwnProcess()).isFalse();
    assertThat(BenchSettings.from(with("bench.careloop.jvm-args", "-Xmx2g  -XX:+UseSerialGC")).careLoopJvmOptions())
        .containsExactly("-Xmx2g", "-XX:+UseSerialGC");
    assertThatThrownBy(() -> BenchSettings.from(with("bench.careloop", "docker")))
        .hasMessageContaining("bench.careloop");
  }

  @Test
  void careLoopsProcessesMayRunFromTheExtractedJarWithOrWithoutItsArchive_orOnTheClassPath_insteadOfFromThePackagedJar() {
    assertThat(BenchSettings.from(with("bench.careloop.launch", "class-path")).careLoopLaunch())
        .isEqualTo(Launch.CLASS_PATH);
    assertThat(BenchSettings.from(with("bench.careloop.launch", " jar ")).careLoopLaunch()).isEqualTo(Launch.JAR);
    assertThat(BenchSettings.from(with("bench.careloop.launch", "extracted")).careLoopLaunch())
        .isEqualTo(Launch.EXTRACTED);
    assertThat(BenchSettings.from(with("bench.careloop.launch", "cds")).careLoopLaunch()).isEqualTo(Launch.CDS);
    assertThatThrownBy(() -> BenchSettings.from(with("bench.careloop.launch", "classpath")))
        .hasMessage("bench.careloop.launch must be jar, extracted, cds or class-path, was classpath");
  }

  private static Properties with(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }
}
