package health.careloop.facade;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CareLoop's façade over HTTP, as an integrator calls it: appointments are booked in the sandbox
 * EHR, CareLoop plans their reminders, and the plan is read as CommunicationRequests; {@code $preview}
 * shows a plan without making one. Time is CareLoop's {@link MutableClock}; nothing sleeps.
 */
class PlannedMessagesFacadeIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MESSAGE_SYSTEM = "https://careloop.health/fhir/sid/message";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());
  private static IGenericClient client;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final FhirContext fhir = FhirContext.forR4Cached();

  // Reminders only: the counts below are about search, not about the booking confirmation.
  @RegisterExtension
  static final CareLoopInstance careLoop =
      CareLoopInstance.onSandbox(ehr, java.util.Map.of("careloop.reminders.confirmation", "false"));

  @BeforeAll
  static void start() {
    // The patient of the inline previews: CareLoop plans only for patients the EHR knows.
    org.hl7.fhir.r4.model.Patient inlinePatient = new org.hl7.fhir.r4.model.Patient();
    inlinePatient.setId("p-inline");
    inlinePatient.addName().setFamily("Test").addGiven("Inline");
    ehr.client().update().resource(inlinePatient).execute();
    client = careLoop.clientFor(careLoop.fhirBaseUrl());
  }

  // --- search and read ---

  @Test
  void searchByPatient_findsThatPatientsPlanOnly_asValidCommunicationRequests() {
    String ann = fixtures.patient("Ann", "en", "Europe/London");
    String bob = fixtures.patient("Bob", "en", null);
    String annFirst = book(ann, Duration.ofDays(3));
    String annSecond = book(ann, Duration.ofDays(5));
    book(bob, Duration.ofDays(4));

    List<CommunicationRequest> plan = requests(awaitTotal("patient=Patient/" + ann, 4));
    awaitTotal("patient=Patient/" + bob, 2);

    assertThat(plan).allSatisfy(request -> {
      assertThat(request.getSubject().getReference()).isEqualTo(ehr.baseUrl() + "/Patient/" + ann);
      assertThat(request.getRecipientFirstRep().getReference()).isEqualTo(ehr.baseUrl() + "/Patient/" + ann);
      assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.ACTIVE);
      assertThat(request.getIdentifierFirstRep().getSystem()).isEqualTo(MESSAGE_SYSTEM);
      assertThat(request.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("appointment-reminder");
      assertThat(request.getMediumFirstRep().getCodingFirstRep().getCode()).isEqualTo("ONLINEWRIT");
      assertThat(request.hasAuthoredOn()).isTrue();
      CareLoopProfileValidator.get().assertValid(request);
    });
    assertThat(plan).extracting(r -> r.getAboutFirstRep().getReference()).containsOnly(
        ehr.baseUrl() + "/Appointment/" + annFirst, ehr.baseUrl() + "/Appointment/" + annSecond);
    assertThat(plan).extracting(r -> r.getOccurrenceDateTimeType().getValue())
        .as("ordered by due time").isSorted();
    assertThat(ids(search("patient=Patient/" + ann + "&_sort=occurrence"))).isEqualTo(ids(search("patient=Patient/" + ann)));

    assertThat(search("subject=" + ann).getTotal()).isEqualTo(4);
    assertThat(search("patient=" + ann).getTotal()).isEqualTo(4);
    assertThat(search("patient=" + ehr.baseUrl() + "/Patient/" + ann).getTotal()).isEqualTo(4);
    assertThat(search("patient:Patient=" + ann).getTotal()).isEqualTo(4);
    assertThat(search("patient=Patient/" + ann + ",Patient/" + bob).getTotal()).isEqualTo(6);
    assertThat(search("patient=Patient/" + ann + "&patient=Patient/" + bob).getTotal()).isZero();
    assertThat(search("patient=https://other-ehr.example.org/fhir/Patient/" + ann).getTotal())
        .as("another server's Patient").isZero();
  }

  @Test
  void searchByAppointmentOrIdentifier_andRead_giveTheSameRequests() {
    String patient = fixtures.patient("Cleo", "en", null);
    String appointment = book(patient, Duration.ofDays(3));

    Bundle bundle = awaitTotal("appointment=Appointment/" + appointment, 2);
    assertThat(search("appointment=" + appointment).getTotal()).isEqualTo(2);
    assertThat(search("appointment=" + ehr.baseUrl() + "/Appointment/" + appointment).getTotal()).isEqualTo(2);

    BundleEntryComponent entry = bundle.getEntryFirstRep();
    CommunicationRequest found = (CommunicationRequest) entry.getResource();
    String id = found.getIdElement().getIdPart();
    assertThat(entry.getFullUrl()).isEqualTo(careLoop.fhirBaseUrl() + "/CommunicationRequest/" + id);

    CommunicationRequest read = client.read().resource(CommunicationRequest.class).withId(id).execute();
    assertThat(read.getIdentifierFirstRep().getValue()).isEqualTo(found.getIdentifierFirstRep().getValue());
    assertThat(read.getOccurrenceDateTimeType().getValue()).isEqualTo(found.getOccurrenceDateTimeType().getValue());
    CareLoopProfileValidator.get().assertValid(read);

    String key = found.getIdentifierFirstRep().getValue();
    assertThat(ids(search("identifier=" + MESSAGE_SYSTEM + "|" + key))).containsExactly(id);
    assertThat(ids(search("identifier=" + key))).containsExactly(id);
    assertThat(search("identifier=urn:ietf:rfc:3986|" + key).getTotal()).isZero();
  }

  @Test
  void read_ofAnUnknownId_is404_withAnOperationOutcome() throws Exception {
    HttpResponse<String> response = get("/CommunicationRequest/no-such-message");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(diagnostics(response)).contains("CL-2010");
  }

  @Test
  void searchByStatus_followsACancellation_fromActiveToRevoked() {
    String patient = fixtures.patient("Dara", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    String ofIt = "appointment=" + id;
    awaitTotal(ofIt + "&status=active", 2);

    appointment.setStatus(AppointmentStatus.CANCELLED);
    fixtures.update(appointment);

    List<CommunicationRequest> revoked = requests(awaitTotal(ofIt + "&status=revoked", 2));
    awaitTotal(ofIt + "&status=completed", 1); // the cancellation notice, sent at once
    assertThat(search(ofIt + "&status=active").getTotal()).isZero();
    assertThat(search(ofIt + "&status=" + "http://hl7.org/fhir/request-status|revoked").getTotal()).isEqualTo(2);
    assertThat(search(ofIt + "&status=active,revoked").getTotal()).isEqualTo(2);
    assertThat(search(ofIt + "&status:not=revoked").getTotal()).isEqualTo(1);
    assertThat(revoked).allSatisfy(request -> {
      assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.REVOKED);
      assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("revoked");
      assertThat(request.getStatusReason().getText()).isNotBlank();
      CareLoopProfileValidator.get().assertValid(request);
    });
  }

  @Test
  void searchByStatus_completed_pointsAtTheCommunicationWrittenInTheEhr() {
    String patient = fixtures.patient("Hal", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String ofIt = "appointment=" + appointment.getIdElement().getIdPart();
    awaitTotal(ofIt + "&status=active", 2);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(),
        appointment.getStart().toInstant().minus(Duration.ofDays(2)).plusSeconds(1)));

    CommunicationRequest sent = requests(awaitTotal(ofIt + "&status=completed", 1)).get(0);
    assertThat(search(ofIt + "&status=active").getTotal()).isEqualTo(1);
    Reference communication = (Reference) sent.getExtensionByUrl(
        "https://careloop.health/fhir/StructureDefinition/sent-communication").getValue();
    assertThat(communication.getReference()).startsWith(ehr.baseUrl() + "/Communication/");
    Communication inEhr = ehr.client().read().resource(Communication.class).withUrl(communication.getReference()).execute();
    assertThat(inEhr.getIdentifierFirstRep().getValue()).isEqualTo(sent.getIdentifierFirstRep().getValue());
    CareLoopProfileValidator.get().assertValid(sent);
  }

  @Test
  void searchByOccurrence_selectsOnTheDueTime() {
    String patient = fixtures.patient("Eli", "en", null);
    Instant start = careLoop.clock().instant().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.MINUTES);
    String appointment = fixtures.book(patient, null, start).getIdElement().getIdPart();
    String ofIt = "appointment=" + appointment;
    awaitTotal(ofIt, 2);
    Instant twoDaysBefore = start.minus(Duration.ofDays(2));
    Instant twoHoursBefore = start.minus(Duration.ofHours(2));

    assertThat(dues(ofIt + "&occurrence=ge" + start.minus(Duration.ofDays(1)))).containsExactly(twoHoursBefore);
    assertThat(dues(ofIt + "&occurrence=lt" + start.minus(Duration.ofDays(1)))).containsExactly(twoDaysBefore);
    assertThat(dues(ofIt + "&occurrence=ge" + twoDaysBefore + "&occurrence=le" + twoHoursBefore))
        .containsExactly(twoDaysBefore, twoHoursBefore);
    assertThat(dues(ofIt + "&occurrence=gt" + twoDaysBefore + "&occurrence=lt" + twoHoursBefore)).isEmpty();
    assertThat(dues(ofIt + "&occurrence=" + twoHoursBefore)).containsExactly(twoHoursBefore);
    assertThat(dues(ofIt + "&occurrence=eq" + twoDaysBefore.atOffset(ZoneOffset.UTC).toLocalDate()))
        .as("a day is the whole UTC day").containsExactly(twoDaysBefore);
    assertThat(dues(ofIt + "&occurrence=le" + twoHoursBefore.minusSeconds(60).toString().replace("Z", "+00:00")))
        .as("an explicit offset").containsExactly(twoDaysBefore);
  }

  @Test
  void paging_byCount_withNextAndPreviousLinks() {
    String patient = fixtures.patient("Fay", "en", null);
    book(patient, Duration.ofDays(3));
    book(patient, Duration.ofDays(6));
    awaitTotal("patient=" + patient, 4);

    Bundle first = search("patient=" + patient + "&_count=3");
    assertThat(first.getTotal()).isEqualTo(4);
    assertThat(first.getEntry()).hasSize(3);
    assertThat(first.getLink(Bundle.LINK_NEXT)).isNotNull();
    assertThat(first.getLink(Bundle.LINK_PREV)).isNull();

    Bundle second = client.loadPage().next(first).execute();
    assertThat(second.getEntry()).hasSize(1);
    assertThat(second.getLink(Bundle.LINK_NEXT)).isNull();
    assertThat(second.getLink(Bundle.LINK_PREV)).isNotNull();
    assertThat(ids(first)).doesNotContainAnyElementsOf(ids(second));
    assertThat(dues(first).get(2)).isBeforeOrEqualTo(dues(second).get(0));

    Bundle countOnly = search("patient=" + patient + "&_count=0");
    assertThat(countOnly.getTotal()).isEqualTo(4);
    assertThat(countOnly.getEntry()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "status=pending; CL-2001",
      "status=http://example.org/status|active; CL-2002",
      "status:text=active; CL-2007",
      "identifier:of-type=x|y|z; CL-2007",
      "occurrence=2026-13-45; CL-2003",
      "occurrence=next-tuesday; CL-2003",
      "occurrence=ge2026-12-01T25:00:00Z; CL-2003",
      "occurrence=ne2026-12-01; CL-2004",
      "occurrence=2026-12-01,2026-12-02; CL-2004",
      "patient=Group/1; CL-2005",
      "subject=Practitioner/1; CL-2005",
      "appointment=Patient/1; CL-2005",
      "patient.name=Smith; CL-2006",
      "_count=-1; _count",
      "_sort=-occurrence; CL-2008",
      "_lastUpdated=ge2026-01-01; CL-2008",
      "_id=1; _id",
      "about=Appointment/1; about"})
  void badSearchParameters_are400_withAnOperationOutcomeSayingWhatIsWrong(String query, String expected)
      throws Exception {
    HttpResponse<String> response = get("/CommunicationRequest?" + encode(query));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(diagnostics(response)).contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/CommunicationRequest?identifier=a%00b",
      "/CommunicationRequest?patient=Patient/p%00",
      "/CommunicationRequest?status=active%00",
      "/CommunicationRequest?appointment=Appointment/a%01b",
      "/Task?status=requested%00",
      "/CommunicationRequest/x%01y"})
  void aControlCharacterInAParameterOrId_isA400_withAnOperationOutcome_neverA500(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(diagnostics(response)).startsWith("CL-2011");
  }

  // --- $preview ---

  @Test
  void preview_ofAnInlineAppointmentWithoutId_givesDrafts_andWritesNothing() {
    awaitQuiet();
    Map<String, Integer> before = rowCounts();
    Instant start = careLoop.clock().instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);

    Bundle preview = preview(new Parameters().addParameter(
        new Parameters.ParametersParameterComponent().setName("appointment").setResource(appointment(null, "p-inline", start))));

    assertThat(preview.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
    List<CommunicationRequest> drafts = requests(preview);
    assertThat(drafts).hasSize(2).allSatisfy(draft -> {
      assertThat(draft.getStatus()).isEqualTo(CommunicationRequestStatus.DRAFT);
      assertThat(draft.hasId()).isFalse();
      assertThat(draft.hasIdentifier()).as("no Appointment id, no message key").isFalse();
      assertThat(draft.getSubject().getReference()).isEqualTo(ehr.baseUrl() + "/Patient/p-inline");
      assertThat(draft.getAboutFirstRep().hasReference()).isFalse();
      CareLoopProfileValidator.get().assertValid(draft);
    });
    assertThat(dues(preview)).containsExactly(start.minus(Duration.ofDays(2)), start.minus(Duration.ofHours(2)));
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void preview_ofAnInlineAppointmentWithId_givesTheKeysItWouldGet_andWritesNothing() {
    awaitQuiet();
    Map<String, Integer> before = rowCounts();
    Instant start = careLoop.clock().instant().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MINUTES);

    Bundle preview = preview(new Parameters().addParameter(
        new Parameters.ParametersParameterComponent().setName("appointment")
            .setResource(appointment("inline-7", "p-inline", start))));

    assertThat(requests(preview)).hasSize(2).allSatisfy(draft -> {
      assertThat(draft.getIdentifierFirstRep().getValue()).startsWith("Appointment/inline-7:Patient/p-inline:reminder-");
      assertThat(draft.getAboutFirstRep().getReference()).isEqualTo(ehr.baseUrl() + "/Appointment/inline-7");
      CareLoopProfileValidator.get().assertValid(draft);
    });
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(jdbc().queryForObject("select count(*) from planned_message where appointment_id = 'inline-7'",
        Integer.class)).isZero();
  }

  @Test
  void preview_byReference_showsWhatCareLoopPlanned_andWritesNothing() {
    String patient = fixtures.patient("Gil", "en", null);
    String appointment = book(patient, Duration.ofDays(3));
    Set<String> plannedKeys = keys(awaitTotal("appointment=" + appointment, 2));
    awaitQuiet();
    Map<String, Integer> before = rowCounts();

    Bundle preview = preview(new Parameters().addParameter("appointmentReference", new Reference("Appointment/" + appointment)));

    assertThat(requests(preview)).allSatisfy(draft -> {
      assertThat(draft.getStatus()).isEqualTo(CommunicationRequestStatus.DRAFT);
      CareLoopProfileValidator.get().assertValid(draft);
    });
    assertThat(keys(preview)).isEqualTo(plannedKeys);
    assertThat(rowCounts()).isEqualTo(before);
  }

  @Test
  void preview_ofACancelledAppointment_plansNothing_asCareLoopNeverHadItAsBooked() {
    // A preview plans as for an appointment CareLoop sees for the first time: one first seen
    // cancelled gets no cancellation notice (the patient never heard of it from CareLoop).
    Appointment cancelled = appointment(null, "p-inline", careLoop.clock().instant().plus(Duration.ofDays(3)));
    cancelled.setStatus(AppointmentStatus.CANCELLED);

    Bundle preview = preview(new Parameters().addParameter(
        new Parameters.ParametersParameterComponent().setName("appointment").setResource(cancelled)));

    assertThat(requests(preview)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "neither; 400; CL-2020",
      "both; 400; CL-2020",
      "inline Patient; 400; CL-2021",
      "reference to a Patient; 400; CL-2022",
      "reference to a version; 400; CL-2022",
      "reference to an Appointment the EHR does not have; 422; CL-2023",
      "reference to another server; 422; CL-2024",
      "participant on another server; 422; CL-2026",
      "participant without id; 422; CL-2026"})
  void preview_withBadInput_is4xx_withAnOperationOutcomeSayingWhatIsWrong(String input, int status, String code)
      throws Exception {
    Appointment inline = appointment(null, "p1", careLoop.clock().instant().plus(Duration.ofDays(3)));
    Parameters parameters = switch (input) {
      case "neither" -> new Parameters();
      case "both" -> new Parameters()
          .addParameter(new Parameters.ParametersParameterComponent().setName("appointment").setResource(inline))
          .addParameter("appointmentReference", new Reference("Appointment/1"));
      case "inline Patient" -> new Parameters().addParameter(
          new Parameters.ParametersParameterComponent().setName("appointment").setResource(new Patient().setActive(true)));
      case "reference to a Patient" -> new Parameters().addParameter("appointmentReference", new Reference("Patient/1"));
      case "reference to a version" -> new Parameters().addParameter("appointmentReference",
          new Reference("Appointment/1/_history/2"));
      case "reference to an Appointment the EHR does not have" -> new Parameters().addParameter(
          "appointmentReference", new Reference("Appointment/does-not-exist-" + System.nanoTime()));
      case "reference to another server" -> new Parameters().addParameter("appointmentReference",
          new Reference("https://other-ehr.example.org/fhir/Appointment/1"));
      case "participant on another server" -> new Parameters().addParameter(new Parameters.ParametersParameterComponent()
          .setName("appointment").setResource(appointment(null, "p1", careLoop.clock().instant().plus(Duration.ofDays(3)))
              .setParticipant(List.of(new Appointment.AppointmentParticipantComponent()
                  .setActor(new Reference("https://other-ehr.example.org/fhir/Patient/p1"))))));
      case "participant without id" -> new Parameters().addParameter(new Parameters.ParametersParameterComponent()
          .setName("appointment").setResource(appointment(null, "p1", careLoop.clock().instant().plus(Duration.ofDays(3)))
              .setParticipant(List.of(new Appointment.AppointmentParticipantComponent()
                  .setActor(new Reference("Patient/"))))));
      default -> throw new IllegalArgumentException(input);
    };

    HttpResponse<String> response = post("/Appointment/$preview", parameters, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(diagnostics(response)).contains(code);
  }

  // --- access and capabilities ---

  @Test
  void readsAndPreview_takeAnIntegratorsToken_notTheSubscriptionSecret() throws Exception {
    Parameters parameters = new Parameters().addParameter(new Parameters.ParametersParameterComponent()
        .setName("appointment").setResource(appointment(null, "p1", careLoop.clock().instant().plus(Duration.ofDays(3)))));

    assertThat(get("/CommunicationRequest?status=active&_count=1").statusCode()).isEqualTo(200);
    assertThat(post("/Appointment/$preview", parameters, null).statusCode()).isEqualTo(200);
    assertThat(post("/Appointment/$preview", parameters, "Bearer " + CareLoopInstance.SECRET).statusCode())
        .as("the subscription secret belongs to the hook; here it opens nothing").isEqualTo(401);
  }

  @Test
  void capabilityStatement_declaresTheSearchParameters_andPreview() {
    CapabilityStatement capabilities = client.capabilities().ofType(CapabilityStatement.class).execute();

    CapabilityStatementRestResourceComponent requests = resource(capabilities, "CommunicationRequest");
    assertThat(requests.getSearchParam()).extracting(CapabilityStatementRestResourceSearchParamComponent::getName)
        .contains("patient", "subject", "appointment", "status", "identifier", "occurrence");
    assertThat(requests.getSearchParam()).filteredOn(p -> p.getName().equals("appointment")).singleElement()
        .satisfies(p -> assertThat(p.getType().toCode()).isEqualTo("reference"));
    assertThat(requests.getInteraction()).extracting(i -> i.getCode().toCode()).contains("read", "search-type");
    CapabilityStatement.CapabilityStatementRestResourceOperationComponent preview =
        resource(capabilities, "Appointment").getOperation().stream().filter(o -> o.getName().equals("preview"))
            .findFirst().orElseThrow(() -> new AssertionError("no $preview on Appointment"));
    OperationDefinition definition = client.read().resource(OperationDefinition.class)
        .withUrl(careLoop.fhirBaseUrl() + "/" + new IdType(preview.getDefinition()).toUnqualifiedVersionless().getValue())
        .execute();
    // HAPI describes the operations named $preview (an Appointment's and a visit's follow-ups) in
    // one OperationDefinition, with the parameters of both.
    assertThat(definition.getParameter()).filteredOn(p -> p.getUse() == OperationDefinition.OperationParameterUse.IN)
        .extracting(OperationDefinition.OperationDefinitionParameterComponent::getName)
        .containsExactlyInAnyOrder("appointment", "appointmentReference", "encounter", "encounterReference");
  }

  // --- helpers ---

  private static String book(String patientId, Duration fromNow) {
    return fixtures.book(patientId, null, careLoop.clock().instant().plus(fromNow)).getIdElement().getIdPart();
  }

  private static Appointment appointment(String id, String patientId, Instant start) {
    Appointment a = new Appointment();
    if (id != null) {
      a.setId(id);
    }
    a.setStatus(AppointmentStatus.BOOKED);
    a.setStart(Date.from(start));
    a.setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
    a.addParticipant().setActor(new Reference("Patient/" + patientId)).setStatus(ParticipationStatus.ACCEPTED);
    return a;
  }

  private static Bundle search(String query) {
    return client.search().byUrl("CommunicationRequest?" + encode(query)).returnBundle(Bundle.class).execute();
  }

  private static Bundle awaitTotal(String query, int total) {
    return Await.value(total + " CommunicationRequests for " + query, WAIT, () -> {
      Bundle bundle = search(query);
      return bundle.getTotal() == total ? bundle : null;
    });
  }

  private static Bundle preview(Parameters parameters) {
    return client.operation().onType(Appointment.class).named("$preview").withParameters(parameters)
        .returnResourceType(Bundle.class).execute();
  }

  private static List<CommunicationRequest> requests(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> (CommunicationRequest) e.getResource()).toList();
  }

  private static List<String> ids(Bundle bundle) {
    return requests(bundle).stream().map(r -> r.getIdElement().getIdPart()).toList();
  }

  private static Set<String> keys(Bundle bundle) {
    return requests(bundle).stream().map(r -> r.getIdentifierFirstRep().getValue()).collect(Collectors.toSet());
  }

  private static List<Instant> dues(String query) {
    return dues(search(query));
  }

  private static List<Instant> dues(Bundle bundle) {
    return requests(bundle).stream().map(r -> r.getOccurrenceDateTimeType().getValue().toInstant()).toList();
  }

  private static CapabilityStatementRestResourceComponent resource(CapabilityStatement capabilities, String type) {
    return capabilities.getRestFirstRep().getResource().stream().filter(r -> r.getType().equals(type))
        .findFirst().orElseThrow(() -> new AssertionError("no " + type + " in the CapabilityStatement"));
  }

  /** Encodes each value of a query string, keeping its = and & (and the : of modifiers). */
  private static String encode(String query) {
    return java.util.Arrays.stream(query.split("&")).map(pair -> {
      int eq = pair.indexOf('=');
      return pair.substring(0, eq + 1) + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8);
    }).collect(Collectors.joining("&"));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(careLoop.facadeRequest(path)
        .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, IBaseResource body, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl() + path))
        .header("Authorization", authorization == null ? careLoop.facadeAuthorization() : authorization)
        .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
        // As written: HAPI's encoder would strip a version from a reference (Appointment/1/_history/2).
        .POST(HttpRequest.BodyPublishers.ofString(
            fhir.newJsonParser().setStripVersionsFromReferences(false).encodeResourceToString(body)));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String diagnostics(HttpResponse<String> response) {
    OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, response.body());
    assertThat(outcome.getIssue()).isNotEmpty();
    return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
        .collect(Collectors.joining(" | "));
  }

  /** Waits until CareLoop has no notification left to process and no work due. */
  private static void awaitQuiet() {
    Await.until("CareLoop has nothing left to process", WAIT, () ->
        jdbc().queryForObject("select count(*) from inbox_event where outcome = 'PENDING'", Integer.class) == 0
            && jdbc().queryForObject("select count(*) from scheduled_tasks where execution_time <= ?", Integer.class,
                java.sql.Timestamp.from(careLoop.clock().instant())) == 0);
  }

  private static Map<String, Integer> rowCounts() {
    return Map.of(
        "planned_message", jdbc().queryForObject("select count(*) from planned_message", Integer.class),
        "scheduled_tasks", jdbc().queryForObject("select count(*) from scheduled_tasks", Integer.class),
        "inbox_event", jdbc().queryForObject("select count(*) from inbox_event", Integer.class));
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }
}
