package health.careloop.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.ehr.EhrReferences;
import health.careloop.schedule.PlannedMessageSearch;
import health.careloop.schedule.PlannedMessageStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommunicationRequestSearchTranslatorTest {

  private static final String EHR = "https://ehr.example.org/fhir";
  private static final String MESSAGE_SYSTEM = "https://careloop.health/fhir/sid/message";

  private final CommunicationRequestSearchTranslator translator =
      new CommunicationRequestSearchTranslator(new EhrReferences(EHR));

  private static CommunicationRequestSearchParams none() {
    return new CommunicationRequestSearchParams(null, null, null, null, null, null);
  }

  private static ReferenceAndListParam refs(String[]... andOfOrs) {
    ReferenceAndListParam and = new ReferenceAndListParam();
    for (String[] anyOf : andOfOrs) {
      ReferenceOrListParam or = new ReferenceOrListParam();
      Arrays.stream(anyOf).forEach(value -> or.add(new ReferenceParam(value)));
      and.addAnd(or);
    }
    return and;
  }

  private static TokenAndListParam tokens(TokenParam... anyOf) {
    TokenOrListParam or = new TokenOrListParam();
    Arrays.stream(anyOf).forEach(or::add);
    return new TokenAndListParam().addAnd(or);
  }

  private static DateAndListParam dates(String... andValues) {
    DateAndListParam and = new DateAndListParam();
    Arrays.stream(andValues).forEach(value -> and.addAnd(new DateOrListParam().add(new DateParam(value))));
    return and;
  }

  private PlannedMessageSearch patient(ReferenceAndListParam patient) {
    return translator.toSearch(new CommunicationRequestSearchParams(patient, null, null, null, null, null));
  }

  private PlannedMessageSearch status(TokenParam... anyOf) {
    return translator.toSearch(new CommunicationRequestSearchParams(null, null, null, tokens(anyOf), null, null));
  }

  private PlannedMessageSearch identifier(TokenParam... anyOf) {
    return translator.toSearch(new CommunicationRequestSearchParams(null, null, null, null, tokens(anyOf), null));
  }

  private PlannedMessageSearch occurrence(String... values) {
    return translator.toSearch(new CommunicationRequestSearchParams(null, null, null, null, null, dates(values)));
  }

  private static void assertRefused(Runnable search, String code) {
    assertThatThrownBy(search::run).isInstanceOf(InvalidRequestException.class).hasMessageStartingWith(code);
  }

  @Test
  void toSearch_withoutParameters_shouldFindEverything() {
    assertThat(translator.toSearch(none())).isEqualTo(PlannedMessageSearch.all());
  }

  // --- references ---

  @ParameterizedTest
  @ValueSource(strings = {"Patient/p1", "p1", EHR + "/Patient/p1"})
  void toSearch_shouldTakeAPatientAsTypedId_bareId_orTheEhrsUrl(String value) {
    assertThat(patient(refs(new String[] {value})).patientIds()).containsExactly("p1");
  }

  @Test
  void toSearch_shouldOrTheValuesOfOneParameter_andAndRepeatedParameters() {
    assertThat(patient(refs(new String[] {"p1", "p2"})).patientIds()).containsExactlyInAnyOrder("p1", "p2");
    assertThat(patient(refs(new String[] {"p1", "p2"}, new String[] {"p2", "p3"})).patientIds()).containsExactly("p2");
    assertThat(patient(refs(new String[] {"p1"}, new String[] {"p2"})).matchesNothing()).isTrue();
  }

  @Test
  void toSearch_shouldNarrowPatientBySubject() {
    PlannedMessageSearch search = translator.toSearch(new CommunicationRequestSearchParams(
        refs(new String[] {"p1", "p2"}), refs(new String[] {"Patient/p2"}), null, null, null, null));

    assertThat(search.patientIds()).containsExactly("p2");
  }

  @Test
  void toSearch_aPatientOfAnotherServer_shouldMatchNothing() {
    assertThat(patient(refs(new String[] {"https://other.example.org/fhir/Patient/p1"})).matchesNothing()).isTrue();
  }

  @Test
  void toSearch_shouldTakeTheAppointment() {
    PlannedMessageSearch search = translator.toSearch(new CommunicationRequestSearchParams(
        null, null, refs(new String[] {"Appointment/a1", "a2"}), null, null, null));

    assertThat(search.appointmentIds()).containsExactlyInAnyOrder("a1", "a2");
  }

  @Test
  void toSearch_aReferenceOfAnotherType_shouldBeRefused() {
    assertRefused(() -> patient(refs(new String[] {"Group/g1"})), "CL-2005");
    assertRefused(() -> translator.toSearch(new CommunicationRequestSearchParams(
        null, refs(new String[] {"Practitioner/1"}), null, null, null, null)), "CL-2005");
    assertRefused(() -> translator.toSearch(new CommunicationRequestSearchParams(
        null, null, refs(new String[] {"Patient/p1"}), null, null, null)), "CL-2005");
  }

  @Test
  void toSearch_aChainOrMissingModifier_shouldBeRefused() {
    ReferenceAndListParam chained = new ReferenceAndListParam()
        .addAnd(new ReferenceOrListParam().add(new ReferenceParam("Patient", "name", "Smith")));
    ReferenceParam missingParam = new ReferenceParam();
    missingParam.setMissing(true);
    ReferenceAndListParam missing = new ReferenceAndListParam().addAnd(new ReferenceOrListParam().add(missingParam));

    assertRefused(() -> patient(chained), "CL-2006");
    assertRefused(() -> patient(missing), "CL-2006");
  }

  // --- status ---

  @ParameterizedTest
  @CsvSource({
      "active, PENDING",
      "completed, SENT",
      "revoked, REVOKED SKIPPED FAILED",
      "unknown, HANDED_TO_STAFF"})
  void toSearch_shouldMapTheRequestStatusToPlannedStatuses(String code, String planned) {
    Set<PlannedMessageStatus> expected = EnumSet.noneOf(PlannedMessageStatus.class);
    Arrays.stream(planned.split(" ")).map(PlannedMessageStatus::valueOf).forEach(expected::add);

    assertThat(status(new TokenParam(code)).statuses()).isEqualTo(expected);
    assertThat(status(new TokenParam("http://hl7.org/fhir/request-status", code)).statuses()).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(PlannedMessageStatus.class)
  void statusCodes_shouldBeTheReverseOfTheTranslatorsMapping(PlannedMessageStatus planned) {
    String code = PlannedMessageTranslator.status(planned).toCode();

    assertThat(CommunicationRequestSearchTranslator.STATUS_CODES.get(code)).contains(planned);
  }

  @ParameterizedTest
  @ValueSource(strings = {"draft", "entered-in-error"})
  void toSearch_aStatusCareLoopNeverGives_shouldMatchNothing(String code) {
    assertThat(status(new TokenParam(code)).matchesNothing()).isTrue();
  }

  @Test
  void toSearch_onHold_shouldFindTheParkedMessages() {
    assertThat(status(new TokenParam("on-hold")).statuses()).containsExactly(PlannedMessageStatus.PARKED);
  }

  @Test
  void toSearch_statusNot_shouldTakeTheOthers() {
    assertThat(status(new TokenParam("revoked").setModifier(TokenParamModifier.NOT)).statuses())
        .containsExactlyInAnyOrder(PlannedMessageStatus.PENDING, PlannedMessageStatus.SENT,
            PlannedMessageStatus.HANDED_TO_STAFF, PlannedMessageStatus.PARKED);
  }

  @Test
  void toSearch_aBadStatus_shouldBeRefused() {
    assertRefused(() -> status(new TokenParam("pending")), "CL-2001");
    assertRefused(() -> status(new TokenParam("http://example.org/status", "active")), "CL-2002");
    assertRefused(() -> status(new TokenParam("active").setModifier(TokenParamModifier.TEXT)), "CL-2007");
  }

  // --- identifier ---

  @Test
  void toSearch_shouldTakeTheMessageKey_withOurSystemOrNone() {
    assertThat(identifier(new TokenParam(MESSAGE_SYSTEM, "k1")).messageKeys()).containsExactly("k1");
    assertThat(identifier(new TokenParam("k1"), new TokenParam("k2")).messageKeys()).containsExactlyInAnyOrder("k1", "k2");
  }

  @Test
  void toSearch_anIdentifierOfAnotherSystem_shouldMatchNothing() {
    assertThat(identifier(new TokenParam("urn:ietf:rfc:3986", "k1")).matchesNothing()).isTrue();
  }

  @Test
  void toSearch_ourSystemWithoutValue_shouldMatchAnyKey() {
    assertThat(identifier(new TokenParam(MESSAGE_SYSTEM, null)).messageKeys()).isNull();
  }

  @Test
  void toSearch_anIdentifierModifier_shouldBeRefused() {
    assertRefused(() -> identifier(new TokenParam("k1").setModifier(TokenParamModifier.OF_TYPE)), "CL-2007");
  }

  // --- occurrence ---

  @ParameterizedTest
  @CsvSource({
      "2026-12-08,                    2026-12-08T00:00:00Z,     2026-12-09T00:00:00Z",
      "2026-12,                       2026-12-01T00:00:00Z,     2027-01-01T00:00:00Z",
      "2026,                          2026-01-01T00:00:00Z,     2027-01-01T00:00:00Z",
      "2026-12-08T09:30Z,             2026-12-08T09:30:00Z,     2026-12-08T09:31:00Z",
      "2026-12-08T09:30:00Z,          2026-12-08T09:30:00Z,     2026-12-08T09:30:01Z",
      "2026-12-08T09:30:00.250Z,      2026-12-08T09:30:00.250Z, 2026-12-08T09:30:00.251Z",
      "2026-12-08T10:30:00+01:00,     2026-12-08T09:30:00Z,     2026-12-08T09:30:01Z",
      "2026-12-08T09:30:00,           2026-12-08T09:30:00Z,     2026-12-08T09:30:01Z"})
  void period_shouldBeWhatThePrecisionNames_inUtcUnlessAZoneIsGiven(String value, Instant from, Instant before) {
    assertThat(SearchValues.period("occurrence", value))
        .isEqualTo(new SearchValues.Period(from, before));
  }

  @ParameterizedTest
  @CsvSource({
      "2026-12-08,   2026-12-08T00:00:00Z, 2026-12-09T00:00:00Z",
      "eq2026-12-08, 2026-12-08T00:00:00Z, 2026-12-09T00:00:00Z",
      "ge2026-12-08, 2026-12-08T00:00:00Z, ",
      "gt2026-12-08, 2026-12-09T00:00:00Z, ",
      "le2026-12-08, ,                     2026-12-09T00:00:00Z",
      "lt2026-12-08, ,                     2026-12-08T00:00:00Z"})
  void toSearch_shouldApplyThePrefixToTheDueTime(String value, Instant dueFrom, Instant dueBefore) {
    PlannedMessageSearch search = occurrence(value);

    assertThat(search.dueFrom()).isEqualTo(dueFrom);
    assertThat(search.dueBefore()).isEqualTo(dueBefore);
  }

  @Test
  void toSearch_repeatedOccurrences_shouldMakeARange() {
    PlannedMessageSearch search = occurrence("ge2026-12-01", "lt2026-12-08", "ge2026-11-01");

    assertThat(search.dueFrom()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(search.dueBefore()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
    assertThat(occurrence("gt2026-12-08", "lt2026-12-08").matchesNothing()).isTrue();
  }

  @Test
  void toSearch_anUnsupportedPrefixOrSeveralValues_shouldBeRefused() {
    assertRefused(() -> occurrence("ne2026-12-08"), "CL-2004");
    assertRefused(() -> occurrence("sa2026-12-08"), "CL-2004");
    DateAndListParam two = new DateAndListParam().addAnd(
        new DateOrListParam().add(new DateParam("2026-12-08")).add(new DateParam("2026-12-09")));
    assertRefused(() -> translator.toSearch(new CommunicationRequestSearchParams(null, null, null, null, null, two)),
        "CL-2004");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-45", "next-tuesday", "xx2026-12-08", "ge2026-12-08T25:00:00Z", "2026-12-08T09:30:00 01:00", "tomorrow"})
  void checkOccurrenceSyntax_shouldRefuseWhatIsNoDate_namingTheParameter(String value) {
    assertThatThrownBy(() -> CommunicationRequestSearchTranslator.checkOccurrenceSyntax(value))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-2003: occurrence");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-08", "ge2026-12-08", "lt2026-12-08T09:30:00Z", "eq2026", "ne2026-12-08"})
  void checkOccurrenceSyntax_shouldLetDatesThrough(String value) {
    CommunicationRequestSearchTranslator.checkOccurrenceSyntax(value);
  }
}
