package health.careloop.facade;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.ehr.EhrReferences;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PlannedMessageTranslatorTest {

  private static final String EHR = "https://ehr.example.org/fhir";
  private static final String KEY = "Appointment/a1:Patient/p1:reminder-PT48H:2026-12-10T09:30:00Z";
  private static final Instant START = Instant.parse("2026-12-10T09:30:00Z");
  private static final Instant DUE = Instant.parse("2026-12-08T09:30:00Z");
  private static final Instant CREATED = Instant.parse("2026-12-01T10:15:42.123Z");
  private static final Instant UPDATED = Instant.parse("2026-12-08T09:30:02Z");

  private final PlannedMessageTranslator translator = new PlannedMessageTranslator(new EhrReferences(EHR + "/"));

  private static PlannedMessageView message(PlannedMessageStatus status, String reason, String communicationId) {
    return new PlannedMessageView("pm-1", KEY, "appointment-reminder", "a1", "p1", DUE, status, reason,
        communicationId, null, CREATED, UPDATED, null);
  }

  private static final PlannedMessageView PENDING = message(PlannedMessageStatus.PENDING, null, null);

  @Test
  void toCommunicationRequest_shouldUseThePlannedMessageIdAsId_andCarryTheProfile() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);

    assertThat(request.getIdElement().getResourceType()).isEqualTo("CommunicationRequest");
    assertThat(request.getIdElement().getIdPart()).isEqualTo("pm-1");
    assertThat(request.getMeta().getProfile()).extracting(p -> p.getValue())
        .containsExactly("https://careloop.health/fhir/StructureDefinition/careloop-communication-request");
    assertThat(request.getMeta().getLastUpdated()).isEqualTo(Date.from(UPDATED));
  }

  @Test
  void toCommunicationRequest_shouldCarryTheMessageKeyAsIdentifier() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);

    assertThat(request.getIdentifier()).singleElement().satisfies(id -> {
      assertThat(id.getSystem()).isEqualTo("https://careloop.health/fhir/sid/message");
      assertThat(id.getValue()).isEqualTo(KEY);
    });
  }

  @Test
  void toCommunicationRequest_shouldGiveTheMessageKindAsCategory() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);

    assertThat(request.getCategory()).singleElement().satisfies(category -> {
      assertThat(category.getCodingFirstRep().getSystem()).isEqualTo("https://careloop.health/fhir/CodeSystem/message-kind");
      assertThat(category.getCodingFirstRep().getCode()).isEqualTo("appointment-reminder");
    });
  }

  @Test
  void toCommunicationRequest_shouldPointAtThePatientAndAppointmentInTheEhr_absolutely() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);

    assertThat(request.getSubject().getReference()).isEqualTo(EHR + "/Patient/p1");
    assertThat(request.getRecipient()).extracting(Reference::getReference).containsExactly(EHR + "/Patient/p1");
    assertThat(request.getAbout()).extracting(Reference::getReference).containsExactly(EHR + "/Appointment/a1");
  }

  @Test
  void toCommunicationRequest_shouldGiveTheDueTimeAsOccurrence_andThePlanningTimeAsAuthoredOn() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);

    assertThat(request.getOccurrenceDateTimeType().getValue()).isEqualTo(Date.from(DUE));
    assertThat(request.getOccurrenceDateTimeType().getValueAsString()).isEqualTo("2026-12-08T09:30:00Z");
    assertThat(request.getAuthoredOnElement().getValueAsString()).isEqualTo("2026-12-01T10:15:42.123Z");
  }

  @Test
  void toCommunicationRequest_shouldSayTheMediumIsThePortal_asTheCommunicationDoes() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);

    assertThat(request.getMedium()).singleElement().satisfies(medium -> {
      assertThat(medium.getCodingFirstRep().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode");
      assertThat(medium.getCodingFirstRep().getCode()).isEqualTo("ONLINEWRIT");
      assertThat(medium.getText()).isEqualTo("EHR patient portal / inbox");
    });
  }

  @ParameterizedTest
  @CsvSource({
      "PENDING, active",
      "SENT, completed",
      "REVOKED, revoked",
      "SKIPPED, revoked",
      "FAILED, revoked",
      "HANDED_TO_STAFF, unknown",
      "PARKED, on-hold"})
  void status_shouldMapEachPlannedStatus(PlannedMessageStatus planned, String fhir) {
    assertThat(PlannedMessageTranslator.status(planned).toCode()).isEqualTo(fhir);
  }

  @ParameterizedTest
  @CsvSource({
      "REVOKED, revoked, the appointment was cancelled",
      "SKIPPED, skipped, the appointment has moved",
      "FAILED, failed, could not be written to the EHR: gave up after retrying"})
  void toCommunicationRequest_shouldGiveTheRecordedReason_andWhichWayItEnded(
      PlannedMessageStatus planned, String code, String reason) {
    CommunicationRequest request = translator.toCommunicationRequest(message(planned, reason, null));

    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.REVOKED);
    assertThat(request.getStatusReason().getText()).isEqualTo(reason);
    assertThat(request.getStatusReason().getCodingFirstRep().getSystem())
        .isEqualTo("https://careloop.health/fhir/CodeSystem/not-sent-reason");
    assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo(code);
  }

  /** On hold, not revoked: an operator can resume it ($replay), and the EHR's refusal says why it waits. */
  @Test
  void toCommunicationRequest_whenParked_isOnHold_withTheEhrsRefusalAsReason() {
    CommunicationRequest request = translator.toCommunicationRequest(
        message(PlannedMessageStatus.PARKED, "HTTP 422 (business-rule)", null));

    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.ONHOLD);
    assertThat(request.getStatusReason().getCodingFirstRep().getSystem())
        .isEqualTo("https://careloop.health/fhir/CodeSystem/not-sent-reason");
    assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("parked");
    assertThat(request.getStatusReason().getText()).isEqualTo("HTTP 422 (business-rule)");
    CareLoopProfileValidator.get().assertValid(request);
  }

  @Test
  void toCommunicationRequest_whenNoReasonWasRecorded_shouldStillSayWhichWayItEnded() {
    CommunicationRequest request = translator.toCommunicationRequest(message(PlannedMessageStatus.REVOKED, null, null));

    assertThat(request.getStatusReason().getText()).isEqualTo("Withdrawn before it was due");
  }

  @Test
  void toCommunicationRequest_whenPendingOrSent_shouldHaveNoStatusReason() {
    assertThat(translator.toCommunicationRequest(PENDING).hasStatusReason()).isFalse();
    assertThat(translator.toCommunicationRequest(message(PlannedMessageStatus.SENT, null, "Communication/c9"))
        .hasStatusReason()).isFalse();
  }

  @Test
  void toCommunicationRequest_whenPendingAfterADeferral_isStillActive_andSaysWhyItsTimeMoved() {
    String reason = "deferred from 2026-12-08T02:00:00Z: quiet hours in Etc/GMT-2";
    CommunicationRequest request = translator.toCommunicationRequest(message(PlannedMessageStatus.PENDING, reason, null));

    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.ACTIVE);
    assertThat(request.getOccurrenceDateTimeType().getValue()).isEqualTo(Date.from(DUE));
    assertThat(request.getStatusReason().getCodingFirstRep().getSystem())
        .isEqualTo("https://careloop.health/fhir/CodeSystem/not-sent-reason");
    assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("deferred");
    assertThat(request.getStatusReason().getText()).isEqualTo(reason);
    CareLoopProfileValidator.get().assertValid(request);
  }

  @Test
  void toCommunicationRequest_whenSent_shouldPointAtTheCommunicationInTheEhr() {
    CommunicationRequest request = translator.toCommunicationRequest(
        message(PlannedMessageStatus.SENT, null, "Communication/c9"));

    Extension sent = request.getExtensionByUrl("https://careloop.health/fhir/StructureDefinition/sent-communication");
    assertThat(sent).isNotNull();
    assertThat(((Reference) sent.getValue()).getReference()).isEqualTo(EHR + "/Communication/c9");
  }

  @Test
  void toCommunicationRequest_whenSentWithANote_showsTheNote_soWhatASummaryLeftOutIsVisible() {
    String note = "Not repeated, told to the clinician in the last 7 days (careloop.summaries.repeat-after) and not"
        + " newly overdue: ServiceRequest/r1";
    CommunicationRequest request = translator.toCommunicationRequest(
        message(PlannedMessageStatus.SENT, note, "Communication/c9"));

    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.COMPLETED);
    assertThat(request.hasStatusReason()).isFalse();
    assertThat(request.getNote()).extracting(n -> n.getText()).containsExactly(note);
    CareLoopProfileValidator.get().assertValid(request);
    assertThat(translator.toCommunicationRequest(message(PlannedMessageStatus.SENT, null, "Communication/c9"))
        .hasNote()).isFalse();
  }

  @Test
  void toCommunicationRequest_whenHandedToStaff_isUnknown_saysWhy_andPointsAtTheTaskInTheEhr() {
    CommunicationRequest request = translator.toCommunicationRequest(new PlannedMessageView("pm-1", KEY,
        "appointment-reminder", "a1", "p1", DUE, PlannedMessageStatus.HANDED_TO_STAFF,
        "no usable telecom and no patient portal: handed to staff", null, null, CREATED, UPDATED, "Task/t7"));

    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.UNKNOWN);
    assertThat(request.getStatusReason().getCodingFirstRep().getSystem())
        .isEqualTo("https://careloop.health/fhir/CodeSystem/not-sent-reason");
    assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("handed-to-staff");
    assertThat(request.getStatusReason().getText()).isEqualTo("no usable telecom and no patient portal: handed to staff");
    Extension task = request.getExtensionByUrl("https://careloop.health/fhir/StructureDefinition/staff-task");
    assertThat(task).isNotNull();
    assertThat(((Reference) task.getValue()).getReference()).isEqualTo(EHR + "/Task/t7");
    assertThat(request.getExtensionByUrl(PlannedMessageTranslator.SENT_COMMUNICATION)).isNull();
    CareLoopProfileValidator.get().assertValid(request);
  }

  @Test
  void profile_shouldRefuseAStaffTaskThatIsNotATask() {
    CommunicationRequest request = translator.toCommunicationRequest(new PlannedMessageView("pm-1", KEY,
        "appointment-reminder", "a1", "p1", DUE, PlannedMessageStatus.HANDED_TO_STAFF, "why", null, null,
        CREATED, UPDATED, "Task/t7"));
    request.getExtensionByUrl(PlannedMessageTranslator.STAFF_TASK).setValue(new Reference(EHR + "/Communication/c9"));

    assertThat(CareLoopProfileValidator.get().errors(request))
        .anySatisfy(e -> assertThat(e).contains("CommunicationRequest.extension").contains("Task"));
  }

  @Test
  void toCommunicationRequest_whenNotSent_shouldHaveNoSentCommunication() {
    assertThat(translator.toCommunicationRequest(PENDING).getExtension()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PlannedMessageStatus.class)
  void toCommunicationRequest_shouldConformToTheProfile_inEveryStatus(PlannedMessageStatus status) {
    CommunicationRequest request = translator.toCommunicationRequest(
        message(status, status == PlannedMessageStatus.PENDING || status == PlannedMessageStatus.SENT ? null : "why",
            status == PlannedMessageStatus.SENT ? "Communication/c9" : null));

    CareLoopProfileValidator.get().assertValid(request);
  }

  @Test
  void toCommunicationRequest_withoutTimestamps_shouldStillConform() {
    CommunicationRequest request = translator.toCommunicationRequest(new PlannedMessageView("pm-2", KEY,
        "appointment-reminder", "a1", "p1", DUE, PlannedMessageStatus.PENDING, null, null, null, null, null, null));

    assertThat(request.hasAuthoredOn()).isFalse();
    assertThat(request.getMeta().hasLastUpdated()).isFalse();
    CareLoopProfileValidator.get().assertValid(request);
  }

  private static final MessageDraft DRAFT =
      new MessageDraft(KEY, MessageKind.APPOINTMENT_REMINDER, "a1", "p1", START, DUE, null, false, "sms", null, null);

  @Test
  void toPreview_shouldBeADraft_withoutId_butWithTheKeyItWouldGet() {
    CommunicationRequest request = translator.toPreview(DRAFT);

    assertThat(request.hasId()).isFalse();
    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.DRAFT);
    assertThat(request.getIdentifierFirstRep().getValue()).isEqualTo(KEY);
    assertThat(request.getSubject().getReference()).isEqualTo(EHR + "/Patient/p1");
    assertThat(request.getAboutFirstRep().getReference()).isEqualTo(EHR + "/Appointment/a1");
    assertThat(request.getOccurrenceDateTimeType().getValue()).isEqualTo(Date.from(DUE));
    assertThat(request.hasAuthoredOn()).isFalse();
    CareLoopProfileValidator.get().assertValid(request);
  }

  @Test
  void toAnonymousPreview_shouldHaveNoIdentifier_andNameTheAppointmentOnlyInWords() {
    CommunicationRequest request = translator.toAnonymousPreview(DRAFT);

    assertThat(request.hasIdentifier()).isFalse();
    assertThat(request.getAboutFirstRep().hasReference()).isFalse();
    assertThat(request.getAboutFirstRep().getDisplay()).contains("$preview");
    assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.DRAFT);
    CareLoopProfileValidator.get().assertValid(request);
  }

  @Test
  void profile_shouldRefuseAPlannedMessageWithoutItsIdentifier() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);
    request.setIdentifier(null);

    assertThat(CareLoopProfileValidator.get().errors(request)).anySatisfy(e -> assertThat(e).contains("careloop-cr-1"));
  }

  @Test
  void profile_shouldRefuseASentCommunicationThatIsNotACommunication() {
    CommunicationRequest request = translator.toCommunicationRequest(message(PlannedMessageStatus.SENT, null, "Communication/c9"));
    request.getExtensionByUrl(PlannedMessageTranslator.SENT_COMMUNICATION).setValue(new Reference(EHR + "/Patient/p1"));

    assertThat(CareLoopProfileValidator.get().errors(request))
        .anySatisfy(e -> assertThat(e).contains("CommunicationRequest.extension").contains("Communication"));
  }

  @Test
  void profile_shouldRefuseAnOccurrencePeriod_andASubjectThatIsNotAPatient() {
    CommunicationRequest request = translator.toCommunicationRequest(PENDING);
    request.setOccurrence(new org.hl7.fhir.r4.model.Period().setStartElement(new DateTimeType("2026-12-08")));
    request.setSubject(new Reference(EHR + "/Group/g1"));

    assertThat(CareLoopProfileValidator.get().errors(request))
        .anySatisfy(e -> assertThat(e).contains("occurrence"))
        .anySatisfy(e -> assertThat(e).contains("subject"));
  }
}
