package health.careloop.summaries.digest.internal;

import health.careloop.config.ComposeProperties;
import health.careloop.schedule.RecurringSchedule;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.WorkKind;
import health.careloop.summaries.ClinicianSummary;
import health.careloop.summaries.OpenWork;
import health.careloop.summaries.OpenWorkSource;
import health.careloop.summaries.RepeatBudget;
import health.careloop.summaries.SummaryContent;
import health.careloop.summaries.SummaryProperties;
import health.careloop.summaries.ToldItems;
import health.careloop.summaries.digest.ClinicianDigest;
import health.careloop.summaries.digest.ClinicianDigest.PatientWork;
import health.careloop.summaries.digest.ClinicianDigestTranslator;
import health.careloop.summaries.digest.DayLists;
import health.careloop.summaries.digest.DigestPatient;
import health.careloop.summaries.digest.DigestProperties;
import health.careloop.writeback.CommunicationWriter;
import health.careloop.writeback.EhrFailures;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The daily run: each clinician with appointments today gets their digest, written straight into
 * the EHR.
 *
 * <p>Written here rather than planned as messages in the schedule: a digest is due at the run
 * itself, and its content must be read from the EHR when it is written anyway, so a planned row
 * would add a second durable record and a second path with nothing to wait for. The guarantees
 * hold without it: one replica runs recurring work at a time; a run that fails is retried
 * ({@link RecurringWork}); and the digest's identifier is the clinician and the day
 * ({@link ClinicianDigest#messageKey}), created conditionally, so a second run, a retry after a
 * crash half-way, or another replica finds the digest already written instead of writing another.
 *
 * <p>A clinician whose digest could not be written (the EHR failed) is logged by reference and the
 * others go on; the run then fails, so that it is tried again soon. The open work of a patient seen
 * by several clinicians is read once a run.
 *
 * <p>The repeat budget ({@code careloop.summaries.repeat-after}, {@link RepeatBudget}) holds for the
 * digest as for the summaries: an item told to the clinician within the window (by yesterday's
 * digest, by a summary) is named by reference only, and a digest with nothing new is not written.
 * Every patient of the day is still listed.
 */
@Component
class DigestRun implements RecurringWork {

  private static final Logger log = LoggerFactory.getLogger(DigestRun.class);

  private final EhrDayAppointments appointments;
  private final OpenWorkSource openWork;
  private final CommunicationWriter writer;
  private final DigestProperties properties;
  private final ZoneId zone;
  private final ClinicianSummary summary;
  private final ClinicianDigest digest;
  private final RepeatBudget budget;
  private final ToldItems told;
  private final Clock clock;

  DigestRun(EhrDayAppointments appointments, OpenWorkSource openWork, CommunicationWriter writer,
      DigestProperties properties, SummaryProperties summaries, ComposeProperties compose, ToldItems told, Clock clock) {
    this.appointments = appointments;
    this.budget = summaries.repeatBudget();
    this.told = told;
    this.openWork = openWork;
    this.writer = writer;
    this.properties = properties;
    this.zone = properties.zone(compose.defaultTimeZone());
    // Every patient of the day gets the summary's text, "no open work" included: see ClinicianDigest.
    this.summary = new ClinicianSummary(zone, summaries.maxNextAppointments(), true);
    this.digest = new ClinicianDigest(zone, properties.writeWhenEmpty());
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.CLINICIAN_DIGEST;
  }

  @Override
  public RecurringSchedule schedule() {
    return properties.schedule(zone);
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    LocalDate day = now.atZone(zone).toLocalDate();
    if (!properties.enabled()) {
      log.debug("The clinician digest is switched off");
      return;
    }
    if (!properties.writesOn(day.getDayOfWeek())) {
      log.info("Clinician digest: {} is not a digest day (careloop.summaries.digest.days)", day.getDayOfWeek());
      return;
    }
    Map<String, List<DigestPatient>> lists = DayLists.byClinician(appointments.between(
        day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant()));
    Map<String, OpenWork> read = new HashMap<>();
    List<String> failed = new ArrayList<>();
    int written = 0;
    for (Map.Entry<String, List<DigestPatient>> list : lists.entrySet()) {
      try {
        if (write(list.getKey(), day, list.getValue(), read, now)) {
          written++;
        }
      } catch (RuntimeException e) {
        failed.add(list.getKey());
        log.warn("Clinician digest: the digest for {} could not be written: {}", list.getKey(),
            EhrFailures.describe(e));
      }
    }
    log.info("Clinician digest for {}: {} clinician(s) with appointments, {} digest(s) written or found, {} failed",
        day, lists.size(), written, failed.size());
    if (!failed.isEmpty()) {
      throw new IllegalStateException("Clinician digest: " + failed.size() + " digest(s) could not be written, e.g. for "
          + failed.get(0));
    }
  }

  /** True if the clinician has a digest for the day now (written by this run or found). */
  private boolean write(String clinician, LocalDate day, List<DigestPatient> patients, Map<String, OpenWork> read,
      Instant now) {
    Map<String, RepeatBudget.Told> toldBefore = told.toldTo(clinician, budget.since(now));
    List<PatientWork> work = new ArrayList<>();
    List<RepeatBudget.Item> telling = new ArrayList<>();
    int notRepeated = 0;
    for (DigestPatient patient : patients) {
      OpenWork open = read.computeIfAbsent(patient.patient(),
          p -> openWork.openWork(p.substring("Patient/".length()), now));
      RepeatBudget.Folded folded = budget.fold(open, toldBefore, now);
      telling.addAll(RepeatBudget.items(folded.kept()));
      notRepeated += folded.notRepeated().size();
      work.add(new PatientWork(patient,
          summary.write(folded.kept(), folded.notRepeated(), budget.windowInWords()).orElseThrow(),
          folded.kept().hasWork()));
    }
    Optional<SummaryContent> content = digest.write(day, work);
    if (content.isEmpty()) {
      log.info("Clinician digest: none for {} on {}, none of the {} patient(s) has open work not told to them in the"
          + " last {} ({} item(s) not repeated)", clinician, day, patients.size(), budget.windowInWords(), notRepeated);
      return false;
    }
    String id = writer.write(ClinicianDigestTranslator.toCommunication(clinician, day, content.get(), now));
    // After the write: a crash in between makes these items told again by the next message, never lost.
    if (!budget.window().isZero() && !telling.isEmpty()) {
      told.record(clinician, telling, ClinicianDigest.messageKey(clinician, day), now, budget.since(now));
    }
    log.info("Clinician digest: {} for {} on {} ({} patient(s), {} item(s) not repeated)", id, clinician, day,
        patients.size(), notRepeated);
    return true;
  }
}
