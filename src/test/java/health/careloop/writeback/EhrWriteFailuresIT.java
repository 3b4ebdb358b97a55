package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An EHR that cannot take a Communication now (503 with Retry-After) gets it again soon, as it
 * asked, and once; an EHR that refuses one (422) is not asked again: the message is parked at once,
 * on hold on the façade, and {@code $replay} sends it once the cause is fixed, never twice.
 *
 * <p>The back-off is set far longer than the test waits (30 s, no jitter): a message sent within
 * it was retried as the EHR's Retry-After said.
 */
class EhrWriteFailuresIT {

  // Generous: the first dispatch after start-up waits for the profile validator, built in the background.
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String REMINDER = "appointment-reminder";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());
  private static final EhrFaults faults = new EhrFaults();
  private static final SandboxEhr.Withholding intercepting = ehr.intercept(faults);

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.reminders.confirmation", "false",
      "careloop.delivery.retry.first-interval", "PT30S",
      "careloop.delivery.retry.jitter", "0"));

  @AfterAll
  static void stopIntercepting() {
    intercepting.close();
  }

  @Test
  void anEhrAnswering503WithRetryAfter_getsTheMessageAgainAsItAsked_andOnce() {
    String patientId = fixtures.patient("Tom", "en", null);
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    faults.unavailableFor(appointmentId, 2);
    PlannedMessageView first = dueFirst(appointmentId);
    double retriedBefore = counter("careloop.messages.retried");

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), first.dueAt().plusSeconds(1)));

    PlannedMessageView sent = Await.value("the first reminder sent", Duration.ofSeconds(20),
        () -> status(appointmentId, first.id(), PlannedMessageStatus.SENT));
    assertThat(faults.creates(appointmentId)).as("two answered 503, the third accepted").isEqualTo(3);
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).singleElement()
        .satisfies(c -> assertThat(c.getIdElement().toUnqualifiedVersionless().getValue())
            .isEqualTo(sent.communicationId()));
    assertThat(counter("careloop.messages.retried") - retriedBefore).isEqualTo(2.0);
  }

  @Test
  void anEhrRefusingTheMessage_parksItAtOnce_onHoldOnTheFacade_andReplaySendsItOnce() {
    String patientId = fixtures.patient("Ana", "en", null);
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    faults.set(appointmentId, EhrFaults.Fault.REFUSE);
    PlannedMessageView first = dueFirst(appointmentId);
    double parkedBefore = counter("careloop.messages.parked");

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), first.dueAt().plusSeconds(1)));

    PlannedMessageView parked = Await.value("the first reminder parked", WAIT,
        () -> status(appointmentId, first.id(), PlannedMessageStatus.PARKED));
    assertThat(parked.statusReason()).isEqualTo("HTTP 422 (business-rule)");
    // Time enough for a retry at the shortest (the scheduler polls every second): there is none.
    careLoop.advanceClock(Duration.ofMinutes(5));
    sleep(Duration.ofSeconds(3));
    assertThat(faults.creates(appointmentId)).as("refused once, not asked again").isEqualTo(1);
    assertThat(status(appointmentId, first.id(), PlannedMessageStatus.PARKED)).isNotNull();
    assertThat(counter("careloop.messages.parked") - parkedBefore).isEqualTo(1.0);

    IGenericClient facade = careLoop.clientFor(careLoop.fhirBaseUrl());
    Bundle onHold = facade.search().byUrl("CommunicationRequest?patient=Patient/" + patientId + "&status=on-hold")
        .returnBundle(Bundle.class).execute();
    assertThat(onHold.getEntry()).singleElement().satisfies(entry -> {
      CommunicationRequest request = (CommunicationRequest) entry.getResource();
      assertThat(request.getIdElement().getIdPart()).isEqualTo(first.id());
      assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.ONHOLD);
      assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("parked");
      assertThat(request.getStatusReason().getText()).isEqualTo("HTTP 422 (business-rule)");
      CareLoopProfileValidator.get().assertValid(request);
    });

    // The operator fixes the cause in the EHR, and replays the message.
    faults.set(appointmentId, EhrFaults.Fault.NONE);
    CommunicationRequest replayed = replay(facade, first.id());

    assertThat(replayed.getStatus()).isEqualTo(CommunicationRequestStatus.ACTIVE);
    PlannedMessageView sent = Await.value("the replayed reminder sent", WAIT,
        () -> status(appointmentId, first.id(), PlannedMessageStatus.SENT));
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).singleElement()
        .satisfies(c -> assertThat(c.getIdElement().toUnqualifiedVersionless().getValue())
            .isEqualTo(sent.communicationId()));
    assertThat(faults.creates(appointmentId)).isEqualTo(2);

    // A second replay: the message is sent; nothing is written again.
    assertThatThrownBy(() -> replay(facade, first.id()))
        .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(409);
          assertThat(e.getOperationOutcome()).isInstanceOf(OperationOutcome.class);
          assertThat(e.getMessage()).contains("completed").contains("only a parked (on-hold) or failed message");
        });
    sleep(Duration.ofSeconds(2));
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).hasSize(1);
    assertThat(faults.creates(appointmentId)).isEqualTo(2);
  }

  /** The EHR stored the Communication but its answer said otherwise: a replay finds it, writes no second one. */
  @Test
  void aReplayOfAMessageTheEhrHadStoredAfterAll_writesNoSecondCommunication() {
    String patientId = fixtures.patient("Ivo", "en", null);
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    faults.set(appointmentId, EhrFaults.Fault.STORE_THEN_REFUSE);
    PlannedMessageView first = dueFirst(appointmentId);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), first.dueAt().plusSeconds(1)));
    Await.value("the first reminder parked", WAIT, () -> status(appointmentId, first.id(), PlannedMessageStatus.PARKED));
    List<Communication> stored = fixtures.communicationsFor(patientId, REMINDER);
    assertThat(stored).as("the EHR kept what it said it refused").hasSize(1);

    faults.set(appointmentId, EhrFaults.Fault.NONE);
    replay(careLoop.clientFor(careLoop.fhirBaseUrl()), first.id());

    PlannedMessageView sent = Await.value("the replayed reminder sent", WAIT,
        () -> status(appointmentId, first.id(), PlannedMessageStatus.SENT));
    assertThat(sent.communicationId()).isEqualTo(stored.get(0).getIdElement().toUnqualifiedVersionless().getValue());
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).hasSize(1);
  }

  /** An operator fixed a cause many messages share: one call replays them, filtered and a batch at a time. */
  @Test
  void aBulkReplay_sendsAgainTheParkedMessagesThatMatch_aBatchAtATime_eachOnce() {
    String ana = fixtures.patient("Bea", "en", null);
    String ben = fixtures.patient("Ben", "en", null);
    Instant start = careLoop.clock().instant().plus(Duration.ofDays(3));
    String anasAppointment = fixtures.book(ana, null, start).getIdElement().getIdPart();
    List<String> bensAppointments = List.of(fixtures.book(ben, null, start).getIdElement().getIdPart(),
        fixtures.book(ben, null, start.plus(Duration.ofMinutes(30))).getIdElement().getIdPart());
    List<String> all = new java.util.ArrayList<>(bensAppointments);
    all.add(anasAppointment);
    all.forEach(id -> faults.set(id, EhrFaults.Fault.REFUSE));
    Map<String, PlannedMessageView> firsts = new java.util.HashMap<>();
    all.forEach(id -> firsts.put(id, dueFirst(id)));
    Instant lastDue = firsts.values().stream().map(PlannedMessageView::dueAt).max(Instant::compareTo).orElseThrow();
    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), lastDue.plusSeconds(1)));
    all.forEach(id -> Await.value("the first reminder parked", WAIT,
        () -> status(id, firsts.get(id).id(), PlannedMessageStatus.PARKED)));
    all.forEach(id -> faults.set(id, EhrFaults.Fault.NONE));
    IGenericClient facade = careLoop.clientFor(careLoop.fhirBaseUrl());

    Parameters failedOnly = bulkReplay(facade, new Parameters().addParameter("patient", new StringType("Patient/" + ana))
        .addParameter("state", new CodeType("failed")));
    assertThat(failedOnly.getParameterValue("replayed")).isInstanceOfSatisfying(IntegerType.class,
        n -> assertThat(n.getValue()).as("Bea's is parked, not failed").isZero());

    Parameters firstBatch = bulkReplay(facade, new Parameters().addParameter("patient", new StringType("Patient/" + ben))
        .addParameter("category", new CodeType(REMINDER)).addParameter("_count", new IntegerType(1)));
    assertThat(((IntegerType) firstBatch.getParameterValue("replayed")).getValue()).isEqualTo(1);
    assertThat(((IntegerType) firstBatch.getParameterValue("remaining")).getValue()).isEqualTo(1);
    // Ben's two reminders are of one group (one patient, one day): were the second pending while the
    // first is sent, one Communication would list both. Sent one at a time, each is its own.
    String firstReplayed = ((org.hl7.fhir.r4.model.Reference) firstBatch.getParameter("request").getValue())
        .getReferenceElement().getIdPart();
    String firstsAppointment = bensAppointments.stream().filter(id -> firsts.get(id).id().equals(firstReplayed))
        .findFirst().orElseThrow();
    Await.value("the first batch's reminder sent", WAIT,
        () -> status(firstsAppointment, firstReplayed, PlannedMessageStatus.SENT));
    // The patient as the EHR's absolute URL, as CareLoop's CommunicationRequests name it.
    Parameters secondBatch = bulkReplay(facade, new Parameters().addParameter("patient",
            new StringType(ehr.baseUrl() + "/Patient/" + ben))
        .addParameter("_count", new IntegerType(1)));
    assertThat(((IntegerType) secondBatch.getParameterValue("replayed")).getValue()).isEqualTo(1);
    assertThat(((IntegerType) secondBatch.getParameterValue("remaining")).getValue()).isZero();
    assertThat(java.util.stream.Stream.of(firstBatch, secondBatch).map(p -> p.getParameter("request").getValue())
        .map(v -> ((org.hl7.fhir.r4.model.Reference) v).getReference()))
        .containsExactlyInAnyOrderElementsOf(bensAppointments.stream()
            .map(id -> "CommunicationRequest/" + firsts.get(id).id()).toList());

    bensAppointments.forEach(id -> Await.value("Ben's replayed reminder sent", WAIT,
        () -> status(id, firsts.get(id).id(), PlannedMessageStatus.SENT)));
    assertThat(fixtures.communicationsFor(ben, REMINDER)).hasSize(2);
    assertThat(status(anasAppointment, firsts.get(anasAppointment).id(), PlannedMessageStatus.PARKED))
        .as("another patient's, not selected, stays parked").isNotNull();
    assertThat(fixtures.communicationsFor(ana, REMINDER)).isEmpty();
  }

  @Test
  void aBulkReplayWithParametersItCannotUse_is400_namingTheParameter() {
    IGenericClient facade = careLoop.clientFor(careLoop.fhirBaseUrl());
    for (Parameters bad : List.of(new Parameters().addParameter("state", new CodeType("sent")),
        new Parameters().addParameter("_count", new IntegerType(0)),
        new Parameters().addParameter("category", new CodeType("no-such-kind")),
        new Parameters().addParameter("patient", new StringType("https://another.example/fhir/Patient/1")),
        new Parameters().addParameter("patient", new StringType("Practitioner/1")))) {
      assertThatThrownBy(() -> bulkReplay(facade, bad))
          .isInstanceOfSatisfying(BaseServerResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("CL-2051");
          });
    }
  }

  private static Parameters bulkReplay(IGenericClient facade, Parameters parameters) {
    return facade.operation().onType(CommunicationRequest.class).named("$replay").withParameters(parameters)
        .returnResourceType(Parameters.class).execute();
  }

  @Test
  void replayOfAnUnknownMessage_is404() {
    assertThatThrownBy(() -> replay(careLoop.clientFor(careLoop.fhirBaseUrl()), "no-such-message"))
        .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
  }

  private static CommunicationRequest replay(IGenericClient facade, String id) {
    return facade.operation().onInstance(new IdType("CommunicationRequest", id)).named("$replay")
        .withNoParameters(Parameters.class).returnResourceType(CommunicationRequest.class).execute();
  }

  private static PlannedMessageView status(String appointmentId, String id, PlannedMessageStatus status) {
    return careLoop.planned(appointmentId, REMINDER).stream()
        .filter(m -> m.id().equals(id) && m.status() == status).findFirst().orElse(null);
  }

  private static PlannedMessageView dueFirst(String appointmentId) {
    Await.until("the reminders are planned", WAIT, () -> careLoop.planned(appointmentId, REMINDER).size() == 2);
    return careLoop.planned(appointmentId, REMINDER).stream()
        .min((a, b) -> a.dueAt().compareTo(b.dueAt())).orElseThrow();
  }

  private static double counter(String name) {
    Counter counter = careLoop.bean(MeterRegistry.class).find(name).tag("kind", REMINDER).counter();
    return counter == null ? 0.0 : counter.count();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
