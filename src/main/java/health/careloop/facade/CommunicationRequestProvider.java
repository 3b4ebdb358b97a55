package health.careloop.facade;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import health.careloop.ehr.EhrReferences;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/CommunicationRequest/{id}} and {@code GET /fhir/CommunicationRequest?...}: the
 * messages CareLoop has planned, whatever became of them; and
 * {@code POST /fhir/CommunicationRequest/{id}/$replay}: a message the EHR refused (on-hold, parked)
 * or that failed after every retry, sent again once an operator has fixed the cause.
 *
 * <p>For callers with a bearer token and the scope {@code system/CommunicationRequest.r} (read) or
 * {@code .s} (search); a {@code patient/} token sees its patient's only. Checked before this
 * provider runs, by {@link health.careloop.access.FacadeAccessInterceptor} (docs/security.md). The
 * server offers no writes; the EHR's notifications arrive at intake's {@code /hook}, behind the
 * subscription secret.
 */
@Component
class CommunicationRequestProvider implements IResourceProvider {

  /** CareLoop's own search parameter: R4 defines none on {@code CommunicationRequest.about}. */
  static final String SP_APPOINTMENT = "appointment";

  private final CommunicationRequestService service;
  private final EhrReferences ehr;

  CommunicationRequestProvider(CommunicationRequestService service, EhrReferences ehr) {
    this.service = service;
    this.ehr = ehr;
  }

  @Override
  public Class<CommunicationRequest> getResourceType() {
    return CommunicationRequest.class;
  }

  @Read
  public CommunicationRequest read(@IdParam IdType id) {
    return service.read(id.getIdPart());
  }

  /**
   * A parked or failed message back to pending, due now, with a fresh dispatch job: the answer is
   * the updated request ({@code active}). Anything else is a 409 with an OperationOutcome; an
   * unknown id a 404. However often it is replayed, the EHR gets at most one Communication: it is
   * written with a conditional create on the message key.
   */
  @Operation(name = "$replay", idempotent = false)
  @Description(shortDefinition = "Send a parked (on-hold) or failed message again, now")
  public CommunicationRequest replay(@IdParam IdType id, RequestDetails request) {
    return service.replay(id.getIdPart(), request);
  }

  /**
   * Many at once: the oldest parked (on-hold) or failed messages that match, each replayed as the
   * instance-level {@code $replay} replays one (and the EHR still gets at most one Communication per
   * message). The answer counts those {@code replayed} and those {@code remaining} (call again), and
   * references each replayed request.
   */
  @Operation(name = "$replay", idempotent = false)
  @Description(shortDefinition = "Send again, now, the oldest parked (on-hold) or failed messages that match")
  public Parameters replayAll(
      @Description(shortDefinition = "parked or failed (repeat for both; none: both)")
      @OperationParam(name = "state", max = 2) List<CodeType> states,
      @Description(shortDefinition = "Only this kind of message (a code of CareLoop's message kinds)")
      @OperationParam(name = "category", max = 1) CodeType category,
      @Description(shortDefinition = "Only this patient's (Patient/{id}, {id} or the EHR's absolute URL)")
      @OperationParam(name = "patient", max = 1) StringType patient,
      @Description(shortDefinition = "Only those parked or failed at or after this time")
      @OperationParam(name = "since", max = 1) DateTimeType since,
      @Description(shortDefinition = "At most this many (default 100, at most 1000), the oldest first")
      @OperationParam(name = "_count", max = 1) IntegerType count,
      RequestDetails request) {
    return service.replayAll(BulkReplayParameters.selection(states, category, patient, since, count, ehr), request);
  }

  @Search
  public IBundleProvider search(
      @Description(shortDefinition = "The Patient the message is for (Patient/{id}, {id} or the EHR's absolute URL)")
      @OptionalParam(name = CommunicationRequest.SP_PATIENT, targetTypes = Patient.class)
      ReferenceAndListParam patient,
      @Description(shortDefinition = "The same as patient: CareLoop's messages are for Patients")
      @OptionalParam(name = CommunicationRequest.SP_SUBJECT, targetTypes = Patient.class)
      ReferenceAndListParam subject,
      @Description(shortDefinition = "CareLoop: the Appointment the message is about (CommunicationRequest.about)")
      @OptionalParam(name = SP_APPOINTMENT, targetTypes = Appointment.class)
      ReferenceAndListParam appointment,
      @Description(shortDefinition = "active (waiting), completed (sent), revoked (withdrawn, skipped or failed), unknown (handed to staff), on-hold (refused by the EHR, parked: $replay sends it again)")
      @OptionalParam(name = CommunicationRequest.SP_STATUS)
      TokenAndListParam status,
      @Description(shortDefinition = "CareLoop's message key (system https://careloop.health/fhir/sid/message)")
      @OptionalParam(name = CommunicationRequest.SP_IDENTIFIER)
      TokenAndListParam identifier,
      @Description(shortDefinition = "When the message is due (prefixes eq, ge, gt, le, lt; UTC unless a zone is given)")
      @OptionalParam(name = CommunicationRequest.SP_OCCURRENCE)
      DateAndListParam occurrence,
      @Offset Integer offset,
      @Count Integer count) {
    return service.search(
        new CommunicationRequestSearchParams(patient, subject, appointment, status, identifier, occurrence),
        offset, count);
  }
}
