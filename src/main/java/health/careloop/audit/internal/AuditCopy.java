package health.careloop.audit.internal;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.audit.AuditEventTranslator;
import health.careloop.audit.AuditProperties;
import health.careloop.audit.AuditRecord;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.WorkFailure;
import health.careloop.schedule.WorkKind;
import health.careloop.writeback.EhrFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Copies the audit trail to the EHR when {@code careloop.audit.copy-to-ehr} is on: each entry not
 * copied yet, oldest first, a batch at a time, written as an AuditEvent with
 * {@code PUT AuditEvent/<the entry's id>} (an update that creates it), then marked copied. Written
 * twice (a run that crashed before marking, a retry), it is the same AuditEvent again: never a
 * second one.
 *
 * <p>The EHR away or answering "not now" ends the run: what is not copied stays so, and the next
 * run (one interval later) goes on from the oldest. The EHR refusing one entry (a 4xx that is no
 * "not now", e.g. a Patient it no longer holds) leaves that entry uncopied and the run goes on with
 * the others; it is tried again each run. Either is logged by entry id and HTTP status and counted
 * ({@value #FAILURES}), and the run then fails, so the scheduler records it too. An entry the
 * retention purged before it was copied is gone: it is never copied.
 */
@Component
class AuditCopy implements RecurringWork {

  private static final Logger log = LoggerFactory.getLogger(AuditCopy.class);

  static final int BATCH = 100;
  static final String COPIED = "careloop.audit.copied";
  static final String FAILURES = "careloop.audit.copy.failures";

  private final JdbcAuditTrail trail;
  private final AuditEventTranslator translator;
  private final IGenericClient ehr;
  private final EhrFailures failures;
  private final AuditProperties properties;
  private final Clock clock;
  private final Counter copied;
  private final Counter failed;

  AuditCopy(JdbcAuditTrail trail, AuditEventTranslator translator, IGenericClient ehr, EhrFailures failures,
      AuditProperties properties, Clock clock, MeterRegistry metrics) {
    this.trail = trail;
    this.translator = translator;
    this.ehr = ehr;
    this.failures = failures;
    this.properties = properties;
    this.clock = clock;
    this.copied = Counter.builder(COPIED).description("Audit entries copied to the EHR as AuditEvents")
        .register(metrics);
    this.failed = Counter.builder(FAILURES)
        .description("Audit entries the EHR did not take (refused, or away): tried again at the next run")
        .register(metrics);
  }

  @Override
  public WorkKind kind() {
    return WorkKind.COPY_AUDIT_TO_EHR;
  }

  @Override
  public Duration interval() {
    return properties.copyInterval();
  }

  @Override
  public void run() {
    if (!properties.copyToEhr()) {
      return;
    }
    Copied result = copy();
    if (result.copied() > 0) {
      log.info("Copied {} audit entries to the EHR", result.copied());
    }
    if (result.firstFailure() != null) {
      throw new IllegalStateException("The EHR did not take " + result.failed() + " audit entr"
          + (result.failed() == 1 ? "y" : "ies") + " (e.g. AuditEvent/" + result.firstFailure()
          + "): not copied, tried again at the next run");
    }
  }

  /** What a run did: how many copied, how many the EHR did not take, and the first of those. */
  record Copied(int copied, int failed, String firstFailure) {}

  /** One run: every entry not copied yet, unless the EHR is away. */
  Copied copy() {
    int done = 0;
    int notTaken = 0;
    String first = null;
    AuditRecord after = null;
    List<AuditRecord> batch;
    do {
      batch = trail.notCopied(after, BATCH);
      List<String> written = new ArrayList<>();
      boolean away = false;
      for (AuditRecord entry : batch) {
        after = entry;
        try {
          ehr.update().resource(translator.toEhrAuditEvent(entry)).withId("AuditEvent/" + entry.id()).execute();
          written.add(entry.id());
        } catch (RuntimeException e) {
          notTaken++;
          failed.increment();
          first = first == null ? entry.id() : first;
          WorkFailure failure = failures.classify(e, clock.instant());
          // Ids and the HTTP status only: an EHR's diagnostics may quote what it was sent.
          log.warn("The EHR did not take AuditEvent/{}: {}", entry.id(), failure.reason());
          if (!failure.permanent()) {
            away = true; // the others would fail alike: the next run goes on
            break;
          }
        }
      }
      trail.markCopied(written, clock.instant());
      done += written.size();
      copied.increment(written.size());
      if (away) {
        break;
      }
    } while (batch.size() == BATCH);
    return new Copied(done, notTaken, first);
  }
}
