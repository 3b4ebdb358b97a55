package health.careloop.bench;

import ca.uhn.fhir.context.FhirContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ca.uhn.fhir.parser.IParser;
import health.careloop.compose.MessageComposer;
import health.careloop.compose.RenderedMessage;
import health.careloop.compose.TemplateCatalog;
import health.careloop.compose.TemplateValues;
import health.careloop.ehr.AppointmentTranslator;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.reminders.AppointmentPlan;
import health.careloop.reminders.CadenceSelector;
import health.careloop.reminders.ReminderPlanner;
import health.careloop.reminders.ReminderProperties.Reminder;
import health.careloop.rules.Addressee;
import health.careloop.rules.AppointmentKinds;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.rules.DeclinedPatients;
import health.careloop.rules.MessageKind;
import health.careloop.rules.MissedMessagePolicy;
import health.careloop.rules.QuietHours;
import health.careloop.rules.Reach;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.DueMessage;
import health.careloop.writeback.CommunicationTranslator;
import health.careloop.writeback.InvalidAgainstProfile;
import health.careloop.writeback.ProfileCheck;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Reference;
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
 * JMH micro-benchmarks of the pure parts every notification and every message goes through:
 * planning an appointment's messages, rendering a template, and the FHIR translations in and out;
 * and the profile check every written resource goes through ({@link ProfileChecks}).
 * Run with {@code ./mvnw -Pjmh verify} (docs/benchmarks.md); compiled in every build so that it
 * cannot rot, run only by that profile. Inputs are those of the unit tests: one patient, the shipped
 * templates and cadence.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MicroBenchmarks {

  private static final Instant START = Instant.parse("2026-12-10T14:00:00Z");
  private static final Instant NOW = START.minus(Duration.ofDays(5));
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private final ReminderPlanner planner = new ReminderPlanner(
      new CadenceSelector(List.of(), List.of(new Reminder(Duration.ofDays(2), false), new Reminder(Duration.ofHours(2), false))),
      true, QuietHours.none(), new MissedMessagePolicy(Duration.ofDays(2), true), DeclinedPatients.NOTHING);
  private final AppointmentSnapshot booked = new AppointmentSnapshot("a1", new ResourceVersion("1", null),
      AppointmentStatus.BOOKED, START, List.of("p1"), "loc", List.of(), AppointmentKinds.NONE, Set.of(), Set.of());
  private final AppointmentSnapshot moved = new AppointmentSnapshot("a1", new ResourceVersion("2", null),
      AppointmentStatus.BOOKED, START.plus(Duration.ofDays(1)), List.of("p1"), "loc", List.of(), AppointmentKinds.NONE,
      Set.of(), Set.of());
  private final Map<String, Reach> reach = Map.of("p1", new Reach(LONDON, List.of(Addressee.patient(Optional.empty()))));

  private final MessageComposer composer =
      new MessageComposer(TemplateCatalog.load(Path.of("config/templates"), "en"), "en");
  private final TemplateValues values =
      new TemplateValues("Camille", false, "Camille", START, LONDON, "Riverside clinic", null, null, List.of());

  private final IParser json = FhirContext.forR4Cached().newJsonParser();
  private final Appointment appointment = appointment();
  private final String appointmentJson = json.encodeResourceToString(appointment);

  private final DueMessage due = new DueMessage("pm-1", "Appointment/a1:Patient/p1:reminder-PT48H:2026-12-10T14:00:00Z",
      MessageKind.APPOINTMENT_REMINDER, "a1", "p1", START, NOW, null, false, null);
  private final RenderedMessage rendered = composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("en"), values);

  private static Appointment appointment() {
    Appointment a = new Appointment();
    a.setId(new IdType("Appointment", "a1", "1"));
    a.setMeta(new Meta().setVersionId("1").setLastUpdated(Date.from(NOW)));
    a.setStatus(Appointment.AppointmentStatus.BOOKED);
    a.setStart(Date.from(START));
    a.setEnd(Date.from(START.plus(Duration.ofMinutes(30))));
    a.addParticipant().setActor(new Reference("Patient/p1")).setStatus(Appointment.ParticipationStatus.ACCEPTED);
    a.addParticipant().setActor(new Reference("Location/loc")).setStatus(Appointment.ParticipationStatus.ACCEPTED);
    return a;
  }

  /** A new booking: a confirmation and two reminders. */
  @Benchmark
  public AppointmentPlan planBooking() {
    return planner.plan(null, booked, reach, NOW);
  }

  /** A booking moved a day: a "moved" notice, the old reminders revoked, new ones planned. */
  @Benchmark
  public AppointmentPlan planMove() {
    return planner.plan(booked, moved, reach, NOW);
  }

  /** A reminder in English from the shipped templates. */
  @Benchmark
  public RenderedMessage renderReminder() {
    return composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("en"), values);
  }

  /** A parsed Appointment into the snapshot the rules plan from. */
  @Benchmark
  public AppointmentSnapshot translateAppointment() {
    return AppointmentTranslator.toSnapshot("a1", appointment, AppointmentTranslator.versionOf(appointment, "1"));
  }

  /** The same from the JSON a notification carries: parsing included, as the inbox does it. */
  @Benchmark
  public AppointmentSnapshot parseAndTranslateAppointment() {
    Appointment parsed = json.parseResource(Appointment.class, appointmentJson);
    return AppointmentTranslator.toSnapshot("a1", parsed, AppointmentTranslator.versionOf(parsed, "1"));
  }

  /** A due reminder and its text into the Communication written to the EHR. */
  @Benchmark
  public Communication translateCommunication() {
    return CommunicationTranslator.toCommunication(due, List.of(), null, rendered, NOW);
  }

  /** The same, encoded as the JSON the EHR is sent. */
  @Benchmark
  public String translateAndEncodeCommunication() {
    return json.encodeResourceToString(CommunicationTranslator.toCommunication(due, List.of(), null, rendered, NOW));
  }

  /** A valid reminder through CareLoop's check (one reused validator per thread). */
  @Benchmark
  public Communication profileCheckValidReminder(ProfileChecks checks) {
    checks.check.check(checks.valid);
    return checks.valid;
  }

  /** An invalid reminder through CareLoop's check: refused. */
  @Benchmark
  public InvalidAgainstProfile profileCheckInvalidReminder(ProfileChecks checks) {
    return checks.refusal(checks.invalid);
  }

  /** The valid reminder through HAPI's own validator: a new core validator per validation. */
  @Benchmark
  public Object hapisOwnValidatorValidReminder(ProfileChecks checks) {
    return checks.hapisOwn.validate(checks.valid);
  }

  /** The invalid reminder through HAPI's own validator. */
  @Benchmark
  public Object hapisOwnValidatorInvalidReminder(ProfileChecks checks) {
    return checks.hapisOwn.validate(checks.invalid);
  }

  /**
   * A reminder as CareLoop writes it (valid) and the same without its status (invalid), with
   * CareLoop's {@link ProfileCheck} and, for comparison, HAPI's own validator with the same
   * definitions and settings (the tests' {@link CareLoopProfileValidator}), which builds a new core
   * validator for every validation, as the check did before. A state of its own: only the benchmarks
   * that use it build the validators (seconds).
   */
  @State(Scope.Benchmark)
  public static class ProfileChecks {
    final ProfileCheck check = new ProfileCheck(new SimpleMeterRegistry());
    final CareLoopProfileValidator hapisOwn = CareLoopProfileValidator.get();
    Communication valid;
    Communication invalid;

    @Setup
    public void setUp() {
      // Each refusal logs a line: thousands a second would drown JMH's output.
      ((Logger) LoggerFactory.getLogger(ProfileCheck.class)).setLevel(Level.OFF);
      MicroBenchmarks inputs = new MicroBenchmarks();
      valid = inputs.translateCommunication();
      invalid = valid.copy();
      invalid.setStatus(null);
      check.check(valid);
      if (refusal(invalid) == null) {
        throw new IllegalStateException("the invalid reminder passed the check");
      }
    }

    InvalidAgainstProfile refusal(Communication resource) {
      try {
        check.check(resource);
        return null;
      } catch (InvalidAgainstProfile refused) {
        return refused;
      }
    }
  }
}
