package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What CareLoop asks the EHR to send one message: the Appointment, then the Patient with its
 * Consents and RelatedPersons in one search, then the write. An EHR that cannot do that search
 * still gets every message, read as three requests, and an opt-out still stops one.
 */
class SendTimeReadsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String REMINDER = "appointment-reminder";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());
  private static final RequestLog requests = new RequestLog();
  private static final SandboxEhr.Withholding intercepting = ehr.intercept(requests);

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.reminders.confirmation", "false",
      "careloop.recipients.minor-under-age", "16",
      "careloop.recipients.minors", "guardians-instead"));

  @AfterAll
  static void stopIntercepting() {
    intercepting.close();
  }

  @Test
  void aReminderToThePatient_takesThreeRequests_theAppointment_thePatientWithConsentsAndRelatedPersons_theWrite() {
    String patientId = fixtures.patient("Lena", "en", null);
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();

    List<String> sent = requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SENT);

    assertThat(sent).as("requests naming the patient or the appointment: " + sent).hasSize(3);
    assertThat(sent.get(0)).startsWith("GET /fhir/Appointment/" + appointmentId);
    assertThat(sent.get(1)).startsWith("GET /fhir/Patient?").contains("_revinclude=Consent")
        .contains("_revinclude=RelatedPerson");
    assertThat(sent.get(2)).startsWith("POST /fhir/Communication");
  }

  @Test
  void theCombinedSearch_skipsTheEhrsSearchCache_butIsNotAskedUnstored_whichWouldCutItsConsents() {
    String patientId = fixtures.patient("Maja", "en", null);
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();

    List<String> sent = requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SENT);

    String combined = sent.stream().filter(r -> r.startsWith("GET /fhir/Patient?")).findFirst().orElseThrow();
    // no-cache: an opt-out recorded a minute ago counts. Never no-store, though it makes the search
    // cheaper for a HAPI FHIR JPA server (it then answers at once instead of recording the search):
    // that answer carries only the first few included resources (10 entries of a Patient with 500
    // Consents), with no next link and no warning, so an opt-out among the rest would go unseen.
    assertThat(requests.cacheControlOf(combined)).contains("no-cache").doesNotContain("no-store");
  }

  @Test
  void aReminderToAMinorsMother_takesThreeRequests_tooNotFive() {
    String childId = fixtures.patientBornOn("Noa", "en", LocalDate.now(careLoop.clock()).minusYears(9));
    String motherId = fixtures.relatedPerson(childId, "Ines", "MTH", "en");
    String appointmentId = fixtures.book(childId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();

    List<String> sent = requestsToSendTheFirstReminder(childId, appointmentId, PlannedMessageStatus.SENT);

    assertThat(sent).as("requests naming the patient or the appointment: " + sent).hasSize(3);
    assertThat(fixtures.communicationsFor(childId, REMINDER)).singleElement()
        .satisfies(c -> assertThat(c.getRecipientFirstRep().getReference()).isEqualTo("RelatedPerson/" + motherId));
  }

  @Test
  void anEhrRefusingTheCombinedSearch_getsTheMessageAll_the_same_fromThreeSeparateReads() {
    String patientId = fixtures.patient("Omar", "en", null);
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    requests.refuseRevincludeFor(patientId);

    List<String> sent = requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SENT);

    assertThat(sent).as(sent.toString()).hasSize(6);
    assertThat(sent.get(1)).startsWith("GET /fhir/Patient?").contains("_revinclude");
    assertThat(sent.subList(2, 5)).satisfiesExactlyInAnyOrder(
        r -> assertThat(r).startsWith("GET /fhir/Patient/" + patientId),
        r -> assertThat(r).startsWith("GET /fhir/Consent?"),
        r -> assertThat(r).startsWith("GET /fhir/RelatedPerson?"));
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).hasSize(1);
  }

  @Test
  void afterTheEhrRefusedTheCombinedSearch_theNextMessagesReadSeparatelyWithoutAsking_untilTheRetryTime() {
    Instant start = careLoop.clock().instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    String refusedFor = fixtures.patient("Ivo", "en", null);
    String next = fixtures.patient("Jon", "en", null);
    String later = fixtures.patient("Kai", "en", null);
    String refusedAppointment = fixtures.book(refusedFor, null, start).getIdElement().getIdPart();
    // Due two minutes after the refusal, then twenty: within and past careloop.ehr.combined-search-retry-after (PT10M).
    String nextAppointment = fixtures.book(next, null, start.plus(Duration.ofMinutes(2))).getIdElement().getIdPart();
    String laterAppointment = fixtures.book(later, null, start.plus(Duration.ofMinutes(20))).getIdElement().getIdPart();
    requests.refuseRevincludeFor(refusedFor);

    List<String> refused = requestsToSendTheFirstReminder(refusedFor, refusedAppointment, PlannedMessageStatus.SENT);
    List<String> within = requestsToSendTheFirstReminder(next, nextAppointment, PlannedMessageStatus.SENT);
    List<String> past = requestsToSendTheFirstReminder(later, laterAppointment, PlannedMessageStatus.SENT);

    assertThat(refused).as(refused.toString()).hasSize(6);
    assertThat(within).as("the combined search is not asked again: " + within).hasSize(5)
        .noneSatisfy(r -> assertThat(r).contains("_revinclude"))
        .anySatisfy(r -> assertThat(r).startsWith("GET /fhir/Patient/" + next))
        .anySatisfy(r -> assertThat(r).startsWith("GET /fhir/Consent?"))
        .anySatisfy(r -> assertThat(r).startsWith("GET /fhir/RelatedPerson?"));
    assertThat(past).as("tried again, and answered: " + past).hasSize(3);
    assertThat(past.get(1)).startsWith("GET /fhir/Patient?").contains("_revinclude");
    assertThat(fixtures.communicationsFor(next, REMINDER)).hasSize(1);
  }

  @Test
  void anEhrForbiddingTheCombinedSearch_asOneGrantingOnlyPatientRead_wouldDo_getsTheMessageFromSeparateReads() {
    String patientId = fixtures.patient("Pia", "en", null);
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    requests.forbidRevincludeFor(patientId);

    List<String> sent = requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SENT);

    assertThat(sent).as(sent.toString()).hasSize(6)
        .anySatisfy(r -> assertThat(r).startsWith("GET /fhir/Patient/" + patientId));
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).hasSize(1);
  }

  @Test
  void anEhrRefusingTheCombinedSearch_anOptOutStillStopsTheReminder() {
    String patientId = fixtures.patient("Ruth", "en", null);
    String appointmentId = bookedWithRemindersPlanned(patientId);
    requests.refuseRevincludeFor(patientId);
    fixtures.optOut(patientId, REMINDER);

    requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SKIPPED);

    PlannedMessageView first = firstReminder(appointmentId);
    assertThat(first.statusReason()).contains("opted out");
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).isEmpty();
  }

  @Test
  void anOptOutRecordedAfterPlanning_stopsTheReminder_readInTheCombinedSearch() {
    String patientId = fixtures.patient("Tess", "en", null);
    String appointmentId = bookedWithRemindersPlanned(patientId);
    fixtures.optOut(patientId, REMINDER);

    List<String> asked = requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SKIPPED);

    assertThat(firstReminder(appointmentId).statusReason()).contains("opted out");
    assertThat(asked).as(asked.toString()).hasSize(2);
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).isEmpty();
  }

  @Test
  void anEhrWhoseCombinedAnswerCarriesAWarning_isReadSeparately_andAnOptOutStillStopsTheReminder() {
    anOptOutStopsTheReminder_readSeparately("Yara", requests::warnInCombinedAnswerFor);
  }

  @Test
  void anEhrThatSilentlyDropsTheRevincludes_isReadSeparately_andAnOptOutStillStopsTheReminder() {
    anOptOutStopsTheReminder_readSeparately("Ada", requests::dropRevincludesFor);
  }

  @Test
  void aPatientWithSoManyConsentsThatAServerMightHaveCutThem_isReadSeparately_andTheOptOutAmongThemCounts() {
    String patientId = fixtures.patient("Zoe", "en", null);
    String appointmentId = bookedWithRemindersPlanned(patientId);
    Bundle consents = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    for (int i = 0; i < 500; i++) {
      // Permits for something else, and at the end the refusal of reminders.
      Consent.ConsentProvisionType type = i == 499 ? Consent.ConsentProvisionType.DENY : Consent.ConsentProvisionType.PERMIT;
      Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE)
          .setPatient(new Reference("Patient/" + patientId))
          .setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope",
              "patient-privacy", null)))
          .setProvision(new Consent.ProvisionComponent().setType(type)
              .addCode(EhrFixtures.messageKinds(i == 499 ? REMINDER : "appointment-confirmation")));
      consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
      consents.addEntry().setResource(consent).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Consent");
    }
    ehr.client().transaction().withBundle(consents).execute();

    List<String> asked = requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SKIPPED);

    assertThat(firstReminder(appointmentId).statusReason()).contains("opted out");
    assertThat(asked).anySatisfy(r -> assertThat(r).startsWith("GET /fhir/Consent?"));
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).isEmpty();
  }

  /**
   * A patient who opts out after planning, while the EHR answers the combined search as
   * {@code ehrAnswers} makes it for them: the Consents are read separately and the reminder is skipped.
   */
  private void anOptOutStopsTheReminder_readSeparately(String given, Consumer<String> ehrAnswers) {
    String patientId = fixtures.patient(given, "en", null);
    String appointmentId = bookedWithRemindersPlanned(patientId);
    ehrAnswers.accept(patientId);
    fixtures.optOut(patientId, REMINDER);

    List<String> asked = requestsToSendTheFirstReminder(patientId, appointmentId, PlannedMessageStatus.SKIPPED);

    assertThat(firstReminder(appointmentId).statusReason()).contains("opted out");
    assertThat(asked).as(asked.toString()).anySatisfy(r -> assertThat(r).startsWith("GET /fhir/Consent?"));
    assertThat(fixtures.communicationsFor(patientId, REMINDER)).isEmpty();
  }

  /** The requests naming the patient or the appointment from the first reminder's due time to its outcome. */
  /** An appointment of the patient's, three days ahead, once its two reminders are planned. */
  private static String bookedWithRemindersPlanned(String patientId) {
    String appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    Await.until("the reminders are planned", WAIT, () -> careLoop.planned(appointmentId, REMINDER).size() == 2);
    return appointmentId;
  }

  private List<String> requestsToSendTheFirstReminder(String patientId, String appointmentId,
      PlannedMessageStatus outcome) {
    Await.until("the reminders are planned", WAIT, () -> careLoop.planned(appointmentId, REMINDER).size() == 2);
    PlannedMessageView first = firstReminder(appointmentId);
    requests.watch(patientId, appointmentId);
    careLoop.advanceClockTo(first.dueAt().plusSeconds(1));
    Await.until("the first reminder " + outcome, WAIT, () -> firstReminder(appointmentId).status() == outcome);
    return requests.stopWatching();
  }

  private PlannedMessageView firstReminder(String appointmentId) {
    return careLoop.planned(appointmentId, REMINDER).stream().min(Comparator.comparing(PlannedMessageView::dueAt))
        .orElseThrow();
  }

  /**
   * Records the requests that name one patient or appointment (in the path, the query or a
   * conditional create's If-None-Exist), and refuses the combined search for some patients as an
   * EHR without {@code _revinclude} would (400).
   */
  public static final class RequestLog {

    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> cacheControls = new ConcurrentHashMap<>();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();
    private final Set<String> warning = ConcurrentHashMap.newKeySet();
    private final Set<String> forbidding = ConcurrentHashMap.newKeySet();
    private final Set<String> dropping = ConcurrentHashMap.newKeySet();
    private volatile Pattern watched;

    void watch(String patientId, String appointmentId) {
      seen.clear();
      cacheControls.clear();
      watched = Pattern.compile("(?<![A-Za-z0-9.-])(" + Pattern.quote(patientId) + "|" + Pattern.quote(appointmentId)
          + ")(?![A-Za-z0-9.-])");
    }

    List<String> stopWatching() {
      watched = null;
      synchronized (seen) {
        return List.copyOf(seen);
      }
    }

    /** The Cache-Control header of a request recorded, "null" if it had none. */
    String cacheControlOf(String line) {
      return cacheControls.get(line);
    }

    void refuseRevincludeFor(String patientId) {
      refusing.add(patientId);
    }

    /** As an EHR enforcing SMART v2 scopes would for a client granted {@code system/Patient.r} alone. */
    void forbidRevincludeFor(String patientId) {
      forbidding.add(patientId);
    }

    /** As a lenient server that does not support _revinclude (and ignores handling=strict) would answer. */
    void dropRevincludesFor(String patientId) {
      dropping.add(patientId);
    }

    void warnInCombinedAnswerFor(String patientId) {
      warning.add(patientId);
    }

    /** As a server that cut what it included in a page might, with a warning in the answer. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean warn(RequestDetails request, ResponseDetails response) {
      String[] ids = request.getParameters().get("_id");
      if ("Patient".equals(request.getResourceName()) && request.getParameters().containsKey("_revinclude")
          && ids != null && dropping.contains(ids[0]) && response.getResponseResource() instanceof Bundle bundle) {
        bundle.getEntry().removeIf(e -> !(e.getResource() instanceof org.hl7.fhir.r4.model.Patient));
        Bundle.BundleLinkComponent self = bundle.getLink(Bundle.LINK_SELF);
        self.setUrl(self.getUrl().replaceAll("&?_revinclude=[^&]*", ""));
      }
      if ("Patient".equals(request.getResourceName()) && request.getParameters().containsKey("_revinclude")
          && ids != null && warning.contains(ids[0]) && response.getResponseResource() instanceof Bundle bundle) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
            .setCode(OperationOutcome.IssueType.TOOCOSTLY).setDiagnostics("included resources truncated");
        bundle.addEntry().setResource(outcome).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
      }
      return true;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean record(HttpServletRequest request) {
      String query = request.getQueryString() == null ? "" : "?" + java.net.URLDecoder.decode(
          request.getQueryString(), java.nio.charset.StandardCharsets.UTF_8);
      String line = request.getMethod() + " " + request.getRequestURI() + query;
      String ifNoneExist = request.getHeader("If-None-Exist") == null ? ""
          : java.net.URLDecoder.decode(request.getHeader("If-None-Exist"), java.nio.charset.StandardCharsets.UTF_8);
      Pattern pattern = watched;
      if (pattern != null && pattern.matcher(line + " " + ifNoneExist).find()) {
        seen.add(line);
        cacheControls.put(line, String.valueOf(request.getHeader("Cache-Control")));
      }
      if (query.contains("_revinclude") && request.getRequestURI().endsWith("/Patient")
          && refusing.stream().anyMatch(id -> query.contains("_id=" + id))) {
        throw new InvalidRequestException("_revinclude is not supported");
      }
      if (request.getRequestURI().endsWith("/Patient") && forbidding.stream().anyMatch(id -> query.contains("_id=" + id))) {
        throw new ForbiddenOperationException("the token has no scope to search Patient");
      }
      return true;
    }
  }
}
