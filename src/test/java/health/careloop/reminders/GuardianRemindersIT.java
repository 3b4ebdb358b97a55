package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Guardians, read from what the EHR records (RelatedPerson, Patient.contact): a minor's messages go
 * to their parent instead; an adult with a legal guardian gets theirs and the guardian a copy.
 */
class GuardianRemindersIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.recipients.minor-under-age", "16",
      "careloop.recipients.minors", "guardians-instead",
      "careloop.recipients.adults-with-guardian", "guardians-too"));

  @Test
  void minorWithAMother_theMotherGetsTheMessagesInHerLanguage_andTheChildNone() {
    LocalDate tenYearsAgo = LocalDate.now(careLoop.clock()).minusYears(10);
    String childId = fixtures.patientBornOn("Alex", "en", tenYearsAgo);
    String motherId = fixtures.relatedPerson(childId, "Camille", "MTH", "fr");
    fixtures.relatedPerson(childId, "Dominique", "C", "en"); // an emergency contact: not a guardian
    String appointmentId = fixtures.book(childId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();

    Communication confirmation = Await.value("the confirmation", WAIT, () ->
        fixtures.communicationsFor(childId, "appointment-confirmation").stream().findFirst().orElse(null));

    assertThat(confirmation.getRecipientFirstRep().getReference()).isEqualTo("RelatedPerson/" + motherId);
    assertThat(confirmation.getLanguage()).isEqualTo("fr");
    assertThat(confirmation.getPayloadFirstRep().getContentStringType().getValue())
        .startsWith("Bonjour Camille").contains("pour Alex");
    CareLoopProfileValidator.get().assertValid(confirmation);
    List<PlannedMessageView> planned = careLoop.planned(appointmentId);
    assertThat(planned).hasSize(3).allMatch(m -> ("RelatedPerson/" + motherId).equals(m.guardian()));
    assertThat(fixtures.communicationsFor(childId)).hasSize(1);
  }

  @Test
  void adultWithALegalGuardianInPatientContact_bothGetTheConfirmation() {
    String patientId = fixtures.patient("Robin", "en", null);
    fixtures.addContact(patientId, "Sam", "GUARD");
    fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)));

    List<Communication> confirmations = Await.value("both confirmations", WAIT, () -> {
      List<Communication> found = fixtures.communicationsFor(patientId, "appointment-confirmation");
      return found.size() == 2 ? found : null;
    });

    Communication toPatient = confirmations.stream()
        .filter(c -> c.getRecipientFirstRep().getReference().equals("Patient/" + patientId)).findFirst().orElseThrow();
    Communication toGuardian = confirmations.stream().filter(c -> c != toPatient).findFirst().orElseThrow();
    assertThat(toPatient.getPayloadFirstRep().getContentStringType().getValue()).startsWith("Hello Robin");
    assertThat(toGuardian.getPayloadFirstRep().getContentStringType().getValue()).startsWith("Hello Sam")
        .contains("Robin");
    RelatedPerson guardian = (RelatedPerson) toGuardian.getContained().get(0);
    assertThat(guardian.getRelationshipFirstRep().getCodingFirstRep().getCode()).isEqualTo("GUARD");
    assertThat(guardian.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Sam");
    CareLoopProfileValidator.get().assertValid(toGuardian);
  }

  /**
   * Planned while no guardian was recorded for the ten-year-old, so for the child themself (nobody
   * else could be written to); the mother is recorded before the reminder is due. Re-decided at send
   * time, as the planning would decide now: the mother gets it, under her own key, in her language,
   * and the child nothing.
   */
  @Test
  void aMinorsReminder_plannedBeforeTheirMotherWasRecorded_goesToTheMotherInstead_notToTheChild() {
    String childId = fixtures.patientBornOn("Kim", "en", LocalDate.now(careLoop.clock()).minusYears(10));
    String appointmentId = fixtures.book(childId, null, careLoop.clock().instant().plus(Duration.ofDays(10)))
        .getIdElement().getIdPart();
    Await.until("the child's own confirmation", WAIT, () ->
        fixtures.communicationsFor(childId, "appointment-confirmation").size() == 1);
    PlannedMessageView reminder = Await.value("the child's reminders planned", WAIT, () -> {
      List<PlannedMessageView> planned = careLoop.planned(appointmentId, "appointment-reminder");
      return planned.size() == 2 ? planned.stream().min(Comparator.comparing(PlannedMessageView::dueAt)).orElseThrow() : null;
    });
    assertThat(reminder.guardian()).isNull();
    String motherId = fixtures.relatedPerson(childId, "Camille", "MTH", "fr");

    careLoop.advanceClockTo(reminder.dueAt().plusSeconds(1));

    List<Communication> sent = fixtures.communicationsFor(childId, "appointment-reminder");
    assertThat(sent).singleElement().satisfies(c -> {
      assertThat(c.getRecipientFirstRep().getReference()).isEqualTo("RelatedPerson/" + motherId);
      assertThat(c.getIdentifierFirstRep().getValue())
          .isEqualTo(reminder.messageKey().replace(":Patient/" + childId + ":", ":Patient/" + childId + ":to:RelatedPerson/" + motherId + ":"));
      assertThat(c.getLanguage()).isEqualTo("fr");
      assertThat(c.getPayloadFirstRep().getContentStringType().getValue()).startsWith("Bonjour Camille").contains("Kim");
      CareLoopProfileValidator.get().assertValid(c);
    });
    assertThat(careLoop.planned(appointmentId, "appointment-reminder").stream()
        .filter(m -> m.id().equals(reminder.id())).toList())
        .extracting(PlannedMessageView::status, PlannedMessageView::statusReason, PlannedMessageView::communicationId)
        .containsExactly(tuple(PlannedMessageStatus.SENT, "sent to the guardian instead: a guardian recorded since it"
            + " was planned receives the patient's messages instead", sent.get(0).getIdElement().toUnqualifiedVersionless().getValue()));
  }

  /**
   * Planned while the patient was fifteen, so for the parents only; due after the sixteenth
   * birthday, when a parent is no guardian any more. Re-decided at send time: the patient gets the
   * reminder, once, although both parents' copies were planned (both are due at the same moment).
   */
  @Test
  void aMinorWhoComesOfAgeBeforeTheReminder_getsItThemself_exactlyOnce_insteadOfBothParents() {
    LocalDate sixteenthBirthday = LocalDate.now(careLoop.clock()).plusDays(5);
    String teenId = fixtures.patientBornOn("Jo", "en", sixteenthBirthday.minusYears(16));
    String motherId = fixtures.relatedPerson(teenId, "Camille", "MTH", "fr");
    String fatherId = fixtures.relatedPerson(teenId, "Luc", "FTH", "en");
    String appointmentId = fixtures.book(teenId, null, careLoop.clock().instant().plus(Duration.ofDays(10)))
        .getIdElement().getIdPart();
    Await.until("both parents' confirmations", WAIT, () ->
        fixtures.communicationsFor(teenId, "appointment-confirmation").size() == 2);
    List<PlannedMessageView> reminders = Await.value("the parents' reminders planned", WAIT, () -> {
      List<PlannedMessageView> planned = careLoop.planned(appointmentId, "appointment-reminder");
      return planned.size() == 4 ? planned : null;
    });
    assertThat(reminders).allMatch(m -> m.guardian() != null);
    Instant firstDue = reminders.stream().map(PlannedMessageView::dueAt).min(Instant::compareTo).orElseThrow();
    List<PlannedMessageView> parentsCopies = reminders.stream().filter(m -> m.dueAt().equals(firstDue)).toList();
    assertThat(parentsCopies).hasSize(2);
    String patientsOwnKey = parentsCopies.get(0).messageKey()
        .replace(":to:" + parentsCopies.get(0).guardian(), "");

    careLoop.advanceClockTo(firstDue.plusSeconds(1));

    List<Communication> sent = fixtures.communicationsFor(teenId, "appointment-reminder");
    assertThat(sent).singleElement().satisfies(c -> {
      assertThat(c.getRecipientFirstRep().getReference()).isEqualTo("Patient/" + teenId);
      assertThat(c.getIdentifierFirstRep().getValue()).isEqualTo(patientsOwnKey);
      assertThat(c.getLanguage()).isEqualTo("en");
      assertThat(c.getPayloadFirstRep().getContentStringType().getValue())
          .startsWith("Hello Jo, this is a reminder of your appointment");
      CareLoopProfileValidator.get().assertValid(c);
    });
    String communicationId = sent.get(0).getIdElement().toUnqualifiedVersionless().getValue();
    assertThat(careLoop.planned(appointmentId, "appointment-reminder").stream()
        .filter(m -> m.dueAt().equals(firstDue)).toList())
        .extracting(PlannedMessageView::guardian, PlannedMessageView::status, PlannedMessageView::statusReason,
            PlannedMessageView::communicationId)
        .containsExactlyInAnyOrder(
            tuple("RelatedPerson/" + motherId, PlannedMessageStatus.SENT,
                "sent to the patient instead: the patient is now an adult", communicationId),
            tuple("RelatedPerson/" + fatherId, PlannedMessageStatus.SENT,
                "sent to the patient instead: the patient is now an adult", communicationId));
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aPatientContactsKey_inTheLogsAndTheEhr_isKeyedWithTheInstallationsSecret_notADigestOfTheirName(
      CapturedOutput log) throws Exception {
    String patientId = fixtures.patient("Robin", "en", null);
    fixtures.addContact(patientId, "Wilhelmina", "GUARD");
    // Tomorrow: the two-day reminder's time has passed, and the log says so by its key.
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(1)))
        .getIdElement().getIdPart();

    String identifier = Await.value("the guardian's confirmation", WAIT, () ->
        fixtures.communicationsFor(patientId, "appointment-confirmation").stream()
            .map(c -> c.getIdentifierFirstRep().getValue()).filter(v -> v.contains("#contact-")).findFirst().orElse(null));
    String contact = identifier.substring(identifier.indexOf(":to:") + 4, identifier.lastIndexOf(":confirmation:"));
    String key = contact.substring(contact.indexOf("#contact-") + "#contact-".length());

    // What the key was: the first 16 hex digits of the SHA-256 of "family|given|text", which anyone
    // can work out for a list of common names.
    String nameDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("test|wilhelmina|null".getBytes(StandardCharsets.UTF_8)), 0, 8);
    assertThat(contact).isEqualTo("Patient/" + patientId + "#contact-" + key);
    assertThat(key).hasSize(16).isNotEqualTo(nameDigest);
    assertThat(log.getOut())
        .contains("Not planned: Appointment/" + appointmentId + ":Patient/" + patientId + ":to:" + contact + ":reminder-PT48H")
        .doesNotContain("Wilhelmina").doesNotContain(nameDigest);
  }

  @Test
  void aGuardianWhoIsNoLongerRecorded_isNotWritten() {
    String childId = fixtures.patientBornOn("Kim", "en", LocalDate.now(careLoop.clock()).minusYears(8));
    String fatherId = fixtures.relatedPerson(childId, "Lee", "FTH", "en");
    String appointmentId = fixtures.book(childId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    Await.until("the confirmation", WAIT, () -> !fixtures.communicationsFor(childId).isEmpty());

    RelatedPerson father = ehr.client().read().resource(RelatedPerson.class).withId(fatherId).execute();
    ehr.client().update().resource(father.setActive(false)).execute();
    Instant firstReminder = careLoop.planned(appointmentId, "appointment-reminder").stream()
        .map(PlannedMessageView::dueAt).min(Instant::compareTo).orElseThrow();
    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), firstReminder.plusSeconds(1)));

    PlannedMessageView done = Await.value("the father's reminder done", WAIT, () ->
        careLoop.planned(appointmentId).stream()
            .filter(m -> m.dueAt().equals(firstReminder) && m.status() != PlannedMessageStatus.PENDING)
            .findFirst().orElse(null));
    // Nobody else is recorded now: as planning would decide today, the child gets it (never the father).
    assertThat(done.status()).isEqualTo(PlannedMessageStatus.SENT);
    assertThat(done.statusReason())
        .isEqualTo("sent to the patient instead: the recipient is no longer recorded as the patient's guardian");
    assertThat(fixtures.communicationsFor(childId, "appointment-reminder")).singleElement().satisfies(c -> {
      assertThat(c.getRecipientFirstRep().getReference()).isEqualTo("Patient/" + childId);
      assertThat(c.getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(done.communicationId());
    });
  }
}
