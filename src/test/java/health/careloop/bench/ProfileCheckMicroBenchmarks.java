package health.careloop.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import health.careloop.compose.MessageComposer;
import health.careloop.compose.RenderedMessage;
import health.careloop.compose.TemplateCatalog;
import health.careloop.compose.TemplateValues;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.writeback.CommunicationTranslator;
import health.careloop.writeback.InvalidAgainstProfile;
import health.careloop.writeback.ProfileCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Communication;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * The profile check every Communication and Task goes through before it is written, on a reminder
 * as CareLoop writes it (valid) and the same without its status (invalid): CareLoop's
 * {@link ProfileCheck} (one reused validator per thread), and, for comparison, HAPI's own validator
 * with the same definitions and settings, which builds a new validator for every validation (as the
 * check did before). Run with the other micro-benchmarks ({@code ./mvnw -Pjmh verify}); its state
 * builds both validators (seconds) before the first iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProfileCheckMicroBenchmarks {

  private static final Instant START = Instant.parse("2026-12-10T14:00:00Z");
  private static final Instant NOW = START.minusSeconds(5 * 24 * 3600);

  private final ProfileCheck check = new ProfileCheck(new SimpleMeterRegistry());
  private final CareLoopProfileValidator hapisOwn = CareLoopProfileValidator.get();
  private Communication valid;
  private Communication invalid;

  @Setup
  public void setUp() {
    // Each refusal logs a line: thousands a second would drown JMH's output.
    ((Logger) LoggerFactory.getLogger(ProfileCheck.class)).setLevel(Level.OFF);
    MessageComposer composer = new MessageComposer(TemplateCatalog.load(Path.of("config/templates"), "en"), "en");
    RenderedMessage rendered = composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("en"),
        new TemplateValues("Camille", false, "Camille", START, ZoneId.of("Europe/London"), "Riverside clinic", null, null,
            List.of()));
    DueMessage due = new DueMessage("pm-1", "Appointment/a1:Patient/p1:reminder-PT48H:2026-12-10T14:00:00Z",
        MessageKind.APPOINTMENT_REMINDER, "a1", "p1", START, NOW, null, false, null);
    valid = CommunicationTranslator.toCommunication(due, List.of(), null, rendered, NOW);
    invalid = valid.copy();
    invalid.setStatus(null);
    check.check(valid);
    if (refusal(invalid) == null) {
      throw new IllegalStateException("the invalid reminder passed the check");
    }
  }

  /** A valid reminder through CareLoop's check. */
  @Benchmark
  public Communication profileCheckValidReminder() {
    check.check(valid);
    return valid;
  }

  /** An invalid reminder through CareLoop's check: refused. */
  @Benchmark
  public InvalidAgainstProfile profileCheckInvalidReminder() {
    return refusal(invalid);
  }

  /** The valid reminder through HAPI's own validator, a new validator per validation. */
  @Benchmark
  public Object hapisOwnValidatorValidReminder() {
    return hapisOwn.validate(valid);
  }

  /** The invalid reminder through HAPI's own validator. */
  @Benchmark
  public Object hapisOwnValidatorInvalidReminder() {
    return hapisOwn.validate(invalid);
  }

  private InvalidAgainstProfile refusal(Communication resource) {
    try {
      check.check(resource);
      return null;
    } catch (InvalidAgainstProfile refused) {
      return refused;
    }
  }
}
