package health.careloop.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.careloop.audit.AuditEventTranslator;
import health.careloop.audit.AuditInteraction;
import health.careloop.audit.AuditOutcome;
import health.careloop.audit.AuditRecord;
import health.careloop.audit.AuditTrail;
import health.careloop.audit.AuditedEntity;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code careloop.audit.copy-to-ehr}: with it on, the audit trail reaches the sandbox EHR as
 * AuditEvents, each once however often the copy runs; ids only there too. The EHR away leaves the
 * entries for a later run, which copies them; one the EHR refuses does not hold the others back.
 * With it off, nothing reaches the EHR: {@link AuditCopyOffIT} (a CareLoop of its own, on the same
 * sandbox one after the other: two at once would share one Subscription).
 */
class AuditCopyIT {

  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String GIVEN = "Copia" + SUFFIX;
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());
  private static final AuditEventFaults faults = new AuditEventFaults();
  private static final SandboxEhr.Withholding intercepting = ehr.intercept(faults);

  // The interval is far longer than the test: the copy runs when a test calls it, not meanwhile.
  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.audit.copy-to-ehr", "true",
      "careloop.audit.copy-interval", "PT12H"));

  @AfterAll
  static void stopIntercepting() {
    intercepting.close();
  }

  @Test
  void on_aConfirmationsEntries_reachTheEhrAsAuditEvents_onceEach_evenWhenTheCopyRunsAgain_idsOnly() {
    String patient = fixtures.patient(GIVEN, "en", null);
    fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    Communication confirmation = Await.value("the confirmation in the EHR", Duration.ofSeconds(60),
        () -> fixtures.communicationsFor(patient, "appointment-confirmation").stream().findFirst().orElse(null));
    String communication = "Communication/" + confirmation.getIdElement().getIdPart();
    Await.until("the confirmation's entry", Duration.ofSeconds(30), () -> jdbc().queryForObject(
        "select count(*) from audit_entity where reference = ?", Integer.class, communication) > 0);

    copy().copy();

    List<String> entries = entriesAbout(patient);
    assertThat(entries).as("the plans made, the confirmation written").hasSizeGreaterThanOrEqualTo(2);
    assertThat(notCopied(entries)).as("all marked copied").isEmpty();
    List<AuditEvent> inEhr = inEhrAbout(patient);
    assertThat(inEhr).extracting(e -> e.getIdElement().getIdPart()).containsExactlyInAnyOrderElementsOf(entries);
    AuditEvent written = inEhr.stream().filter(e -> references(e).contains(communication)).findFirst().orElseThrow();
    assertThat(written.getSubtypeFirstRep().getCode()).isEqualTo("create");
    assertThat(written.getAgentFirstRep().getWho().getDisplay()).isEqualTo("CareLoop");
    assertThat(references(written)).containsExactly(communication, "Patient/" + patient);
    AuditEvent planned = inEhr.stream().filter(e -> e != written).findFirst().orElseThrow();
    assertThat(planned.getEntity()).as("CareLoop's plans by identifier: the EHR has no CommunicationRequest of theirs")
        .anySatisfy(entity -> {
          assertThat(entity.getWhat().getType()).isEqualTo("CommunicationRequest");
          assertThat(entity.getWhat().hasReference()).isFalse();
          assertThat(entity.getWhat().getIdentifier().getSystem())
              .isEqualTo(AuditEventTranslator.COMMUNICATION_REQUEST_IDENTIFIER_SYSTEM);
        });
    String text = confirmation.getPayloadFirstRep().getContentStringType().getValue();
    for (AuditEvent event : inEhr) {
      assertThat(FHIR.newJsonParser().encodeResourceToString(event)).doesNotContain(GIVEN).doesNotContain(text);
    }

    // A run that wrote them and crashed before marking them copied: the next writes them again.
    jdbc().update("update audit_event set copied_to_ehr_at = null");
    copy().copy();
    copy().copy();

    assertThat(inEhrAbout(patient)).as("the same AuditEvents, no second of any")
        .extracting(e -> e.getIdElement().getIdPart()).containsExactlyInAnyOrderElementsOf(entries);
    assertThat(notCopied(entries)).isEmpty();
  }

  @Test
  void on_theEhrAway_leavesTheEntriesUncopied_andTheRunFails_thenALaterRunCopiesThem() {
    String patient = fixtures.patient("Away" + SUFFIX, "en", null);
    String first = record(patient, 2);
    String second = record(patient, 1);
    faults.unavailable(first, second);

    assertThatThrownBy(() -> copy().run()).hasMessageContaining("not copied");

    assertThat(notCopied(List.of(first, second))).containsExactlyInAnyOrder(first, second);
    assertThat(inEhrAbout(patient)).isEmpty();

    faults.clear(first, second);
    copy().run();

    assertThat(notCopied(List.of(first, second))).isEmpty();
    assertThat(inEhrAbout(patient)).extracting(e -> e.getIdElement().getIdPart())
        .containsExactlyInAnyOrder(first, second);
  }

  @Test
  void on_anEntryTheEhrRefuses_staysUncopied_andTheOthersAfterItAreCopied() {
    String patient = fixtures.patient("Refused" + SUFFIX, "en", null);
    String refused = record(patient, 2);
    String after = record(patient, 1);
    faults.refuse(refused);

    assertThatThrownBy(() -> copy().run()).hasMessageContaining(refused);

    assertThat(notCopied(List.of(refused, after))).containsExactly(refused);
    assertThat(inEhrAbout(patient)).extracting(e -> e.getIdElement().getIdPart()).containsExactly(after);
    faults.clear(refused);
  }

  /**
   * More refused entries than a batch holds, then good ones: a run goes past the refused (each
   * asked for once) to the good ones. Going back to the oldest not copied for each batch would find
   * the same refused batch again, for ever; here the second ask of one answers 503, which ends the
   * run before the good ones.
   */
  @Test
  void on_moreRefusedEntriesThanABatch_eachIsTriedOncePerRun_andTheEntriesAfterThemAreCopied() {
    String patient = fixtures.patient("Batch" + SUFFIX, "en", null);
    int refusedCount = AuditCopy.BATCH + 1;
    List<String> refused = new java.util.ArrayList<>();
    for (int i = 0; i < refusedCount; i++) {
      refused.add(record(patient, 1000 - i));
    }
    List<String> good = List.of(record(patient, 3), record(patient, 2), record(patient, 1));
    faults.refuse(refused.toArray(String[]::new));

    AuditCopy.Copied run = copy().copy();

    assertThat(run.failed()).isGreaterThanOrEqualTo(refusedCount);
    assertThat(refused).allSatisfy(id -> assertThat(faults.attempts(id)).as("asked once").isEqualTo(1));
    assertThat(notCopied(good)).isEmpty();
    assertThat(notCopied(refused)).hasSize(refusedCount);
    faults.clear(refused.toArray(String[]::new));
  }

  // --- helpers ---

  private static AuditCopy copy() {
    return careLoop.bean(AuditCopy.class);
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }

  /** An entry as a façade read of a plan of the patient's records it, recorded that many seconds ago. */
  private static String record(String patient, int secondsAgo) {
    String id = UUID.randomUUID().toString();
    careLoop.bean(AuditTrail.class).record(entry(id, patient, careLoop.clock().instant().minusSeconds(secondsAgo)));
    return id;
  }

  private static AuditRecord entry(String id, String patient, java.time.Instant recorded) {
    return new AuditRecord(id, recorded, AuditInteraction.READ, "CommunicationRequest", null,
        AuditOutcome.SUCCESS, "reader-" + SUFFIX, List.of(AuditedEntity.resource("CommunicationRequest/p-" + SUFFIX),
            AuditedEntity.patient(patient)));
  }

  private static List<String> entriesAbout(String patient) {
    return jdbc().queryForList("select audit_event_id from audit_entity where patient = true and reference = ?",
        String.class, "Patient/" + patient);
  }

  private static List<String> notCopied(List<String> ids) {
    return ids.stream().filter(id -> jdbc().queryForObject(
        "select count(*) from audit_event where id = ? and copied_to_ehr_at is null", Integer.class, id) > 0).toList();
  }

  private static List<AuditEvent> inEhrAbout(String patient) {
    Bundle found = ehr.client().search().forResource(AuditEvent.class)
        .where(AuditEvent.PATIENT.hasId("Patient/" + patient)).count(100)
        // Not the sandbox's cached answer to the same search a moment ago.
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
  }

  private static List<String> references(AuditEvent event) {
    return event.getEntity().stream().map(e -> e.getWhat().getReference()).toList();
  }

  /** Answers the EHR's AuditEvent writes of the entries it is told of as an EHR away (503) or refusing (422). */
  @Interceptor
  static final class AuditEventFaults {

    private final Map<String, Integer> faults = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> attempts = new ConcurrentHashMap<>();

    /** How often the EHR was asked to write the AuditEvent while it had a fault. */
    int attempts(String id) {
      return attempts.getOrDefault(id, new java.util.concurrent.atomic.AtomicInteger()).get();
    }

    void unavailable(String... ids) {
      for (String id : ids) {
        faults.put(id, 503);
      }
    }

    void refuse(String... ids) {
      for (String id : ids) {
        faults.put(id, 422);
      }
    }

    void clear(String... ids) {
      Set.of(ids).forEach(faults::remove);
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void beforeWrite(RequestDetails request, RestOperationTypeEnum operation) {
      if (operation != RestOperationTypeEnum.UPDATE || !"AuditEvent".equals(request.getResourceName())
          || request.getId() == null) {
        return;
      }
      Integer status = faults.get(request.getId().getIdPart());
      if (status == null) {
        return;
      }
      int attempt = attempts.computeIfAbsent(request.getId().getIdPart(),
          k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
      // A refused entry asked for again ends the run (a 503): a run that comes back to the same
      // entries fails the test instead of looping.
      if (status == 503 || attempt > 1) {
        throw new UnclassifiedServerFailureException(503, "EHR unavailable");
      }
      throw new UnprocessableEntityException("AuditEvent refused");
    }
  }
}
