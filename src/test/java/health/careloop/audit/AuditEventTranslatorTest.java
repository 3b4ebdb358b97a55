package health.careloop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.junit.jupiter.api.Test;

/** The audit entries as AuditEvents shaped after IHE's Basic Audit Log Patterns (BALP), with ids only. */
class AuditEventTranslatorTest {

  private static final Instant AT = Instant.parse("2026-11-30T08:15:00Z");
  private final AuditEventTranslator translator = new AuditEventTranslator();

  @Test
  void toAuditEvent_aCommunicationCareLoopWrote_isARestCreateByCareLoop_withTheCommunicationAndItsPatient() {
    AuditRecord sent = new AuditRecord("a1", AT, AuditInteraction.CREATE, "Communication", null,
        AuditOutcome.SUCCESS, null, List.of(AuditedEntity.resource("Communication/123"), AuditedEntity.patient("ann")));

    AuditEvent event = translator.toAuditEvent(sent);

    assertThat(event.getIdElement().getIdPart()).isEqualTo("a1");
    assertThat(event.getType().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/audit-event-type");
    assertThat(event.getType().getCode()).isEqualTo("rest");
    assertThat(event.getSubtypeFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/restful-interaction");
    assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("create");
    assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
    assertThat(event.getRecorded().toInstant()).isEqualTo(AT);
    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(event.getAgent()).singleElement().satisfies(agent -> {
      assertThat(agent.getRequestor()).isTrue();
      assertThat(agent.getWho().getDisplay()).isEqualTo("CareLoop");
      assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("careloop");
    });
    assertThat(event.getSource().getObserver().getDisplay()).isEqualTo("CareLoop");
    assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference())
        .containsExactly("Communication/123", "Patient/ann");
    AuditEventEntityComponent patient = event.getEntity().get(1);
    assertThat(patient.getRole().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/object-role");
    assertThat(patient.getRole().getCode()).isEqualTo("1");
    assertThat(patient.getType().getCode()).isEqualTo("1");
    assertThat(event.getEntity().get(0).getRole().getCode()).as("domain resource").isEqualTo("4");
  }

  @Test
  void toAuditEvent_aClientsSearch_isARestSearchExecute_byTheClientIdentifiedByItsClientId() {
    AuditRecord search = new AuditRecord("a2", AT, AuditInteraction.SEARCH, "CommunicationRequest", null,
        AuditOutcome.SUCCESS, "integrator", List.of(AuditedEntity.resource("CommunicationRequest/9"),
            AuditedEntity.patient("Patient/ann")));

    AuditEvent event = translator.toAuditEvent(search);

    assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
    assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
    assertThat(event.getAgentFirstRep().getWho().getIdentifier().getSystem())
        .isEqualTo("https://careloop.health/fhir/sid/client");
    assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("integrator");
    assertThat(event.getAgentFirstRep().getRequestor()).isTrue();
    assertThat(event.getEntityFirstRep().getRole().getCode()).as("the query entity").isEqualTo("24");
    assertThat(event.getEntityFirstRep().getWhat().getType()).isEqualTo("CommunicationRequest");
    assertThat(event.getEntityFirstRep().getQuery()).as("never the query's values").isNull();
    assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference())
        .containsExactly(null, "CommunicationRequest/9", "Patient/ann");
  }

  @Test
  void toAuditEvent_aRefusal_isAMinorFailure_withNoEntity_andAnAgentWithoutAToken() {
    AuditRecord refused = new AuditRecord("a3", AT, AuditInteraction.READ, "CommunicationRequest", null,
        AuditOutcome.MINOR_FAILURE, null, List.of());

    AuditEvent event = translator.toAuditEvent(refused);

    assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
    assertThat(event.getEntity()).isEmpty();
    assertThat(event.getAgentFirstRep().getWho().hasIdentifier()).isFalse();
    assertThat(event.getAgentFirstRep().getWho().getDisplay()).isEqualTo("a caller without a valid token");
  }

  @Test
  void toAuditEvent_anOperation_namesItInSubtypeAndEntity_andAWriteTheEhrRefusedKeepsTheMessageKey() {
    AuditRecord replay = new AuditRecord("a4", AT, AuditInteraction.OPERATION, "CommunicationRequest", "$replay",
        AuditOutcome.SUCCESS, "ops", List.of(AuditedEntity.resource("CommunicationRequest/7")));
    AuditRecord refused = new AuditRecord("a5", AT, AuditInteraction.CREATE, "Communication", null,
        AuditOutcome.SERIOUS_FAILURE, null, List.of(AuditedEntity.resource(
            "Communication?identifier=https://careloop.health/fhir/sid/message|appt-1:confirmation"),
            AuditedEntity.patient("ann")));

    AuditEvent operation = translator.toAuditEvent(replay);
    AuditEvent failed = translator.toAuditEvent(refused);

    assertThat(operation.getSubtype()).extracting(c -> c.getCode()).containsExactly("operation", "$replay");
    assertThat(failed.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._8);
    assertThat(failed.getEntityFirstRep().getWhat().getType()).isEqualTo("Communication");
    assertThat(failed.getEntityFirstRep().getWhat().getIdentifier().getSystem())
        .isEqualTo("https://careloop.health/fhir/sid/message");
    assertThat(failed.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("appt-1:confirmation");
  }

  /** What an AuditEvent can say comes from the entry alone: ids, codes and a time; no free text. */
  @Test
  void toAuditEvent_holdsNothingButIdsCodesAndTheTime() {
    AuditRecord search = new AuditRecord("a6", AT, AuditInteraction.SEARCH, "CommunicationRequest", null,
        AuditOutcome.SUCCESS, "integrator", List.of(AuditedEntity.patient("ann")));

    String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(translator.toAuditEvent(search));

    assertThat(json).doesNotContain("\"text\"", "\"description\"", "\"query\"", "\"detail\"", "\"name\"",
        "\"telecom\"", "\"payload\"");
  }

  @Test
  void toEhrAuditEvent_namesCareLoopsOwnPlansByIdentifier_andEveryOtherResourceAsTheFacadeDoes() {
    AuditRecord planned = new AuditRecord("a7", AT, AuditInteraction.CREATE, "CommunicationRequest", null,
        AuditOutcome.SUCCESS, null, List.of(AuditedEntity.resource("CommunicationRequest/41"),
            AuditedEntity.resource("Communication/12"), AuditedEntity.patient("ann")));

    AuditEvent inEhr = translator.toEhrAuditEvent(planned);
    AuditEvent onFacade = translator.toAuditEvent(planned);

    assertThat(inEhr.getIdElement().getIdPart()).as("the entry's id: the same AuditEvent however often written")
        .isEqualTo("a7");
    assertThat(inEhr.getEntity().get(0).getWhat().hasReference()).isFalse();
    assertThat(inEhr.getEntity().get(0).getWhat().getType()).isEqualTo("CommunicationRequest");
    assertThat(inEhr.getEntity().get(0).getWhat().getIdentifier().getSystem())
        .isEqualTo("https://careloop.health/fhir/sid/communication-request");
    assertThat(inEhr.getEntity().get(0).getWhat().getIdentifier().getValue()).isEqualTo("41");
    assertThat(inEhr.getEntity()).extracting(e -> e.getWhat().getReference())
        .containsExactly(null, "Communication/12", "Patient/ann");
    assertThat(onFacade.getEntity()).extracting(e -> e.getWhat().getReference())
        .containsExactly("CommunicationRequest/41", "Communication/12", "Patient/ann");
  }

  /** A create or update is CareLoop's own only when the entry says so: a caller may attempt one. */
  @Test
  void toAuditEvent_aCallersAttemptedWrite_isByTheCaller_notByCareLoop_refused() {
    AuditRecord attempted = new AuditRecord("a8", AT, AuditInteraction.CREATE, "CommunicationRequest", null,
        AuditOutcome.MINOR_FAILURE, "integrator", List.of(), false);
    AuditRecord deleted = new AuditRecord("a9", AT, AuditInteraction.DELETE, "Task", null,
        AuditOutcome.MINOR_FAILURE, null, List.of(), false);

    AuditEvent create = translator.toAuditEvent(attempted);
    AuditEvent delete = translator.toAuditEvent(deleted);

    assertThat(create.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
    assertThat(create.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    assertThat(create.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("integrator");
    assertThat(delete.getAction()).isEqualTo(AuditEvent.AuditEventAction.D);
    assertThat(delete.getSubtypeFirstRep().getCode()).isEqualTo("delete");
    assertThat(delete.getAgentFirstRep().getWho().getDisplay()).isEqualTo("a caller without a valid token");
  }
}
