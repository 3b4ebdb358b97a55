package health.careloop.ehr;

import health.careloop.rules.AppointmentKinds;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.rules.ResourceVersion;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Reference;

/** FHIR Appointment → {@link AppointmentSnapshot}: the only place that reads Appointment fields. */
public final class AppointmentTranslator {

  private AppointmentTranslator() {}

  public static AppointmentSnapshot toSnapshot(String id, Appointment appointment, ResourceVersion version) {
    return new AppointmentSnapshot(
        id,
        version,
        appointment.hasStatus()
            ? AppointmentStatus.fromCode(appointment.getStatus().toCode())
            : AppointmentStatus.PROPOSED,
        appointment.hasStart() ? appointment.getStart().toInstant() : null,
        participantIds(appointment, "Patient"),
        participantIds(appointment, "Location").stream().findFirst().orElse(null),
        participantIds(appointment, "Practitioner"),
        new AppointmentKinds(
            codes(List.of(appointment.getAppointmentType())),
            codes(appointment.getServiceType()),
            codes(appointment.getSpecialty())),
        patientsWhoseStatusIs(appointment, Appointment.ParticipationStatus.ACCEPTED),
        patientsWhoseStatusIs(appointment, Appointment.ParticipationStatus.DECLINED),
        referenceIds(appointment.getBasedOn(), "ServiceRequest"));
  }

  /**
   * The version an Appointment read from the EHR (or given inline) says it is: its meta, or
   * {@code whenNone} when it carries no versionId (an EHR need not send one).
   */
  public static ResourceVersion versionOf(Appointment appointment, String whenNone) {
    String versionId = appointment.getMeta().hasVersionId() ? appointment.getMeta().getVersionId() : whenNone;
    return new ResourceVersion(versionId,
        appointment.getMeta().hasLastUpdated() ? appointment.getMeta().getLastUpdated().toInstant() : null);
  }

  /** An Appointment just read from the EHR, at the version its meta names ({@code current} if none). */
  public static AppointmentSnapshot current(String id, Appointment appointment) {
    return toSnapshot(id, appointment, versionOf(appointment, "current"));
  }

  /**
   * Codes as {@code system|code}, or a bare {@code code} when the coding has no system: the form
   * {@link health.careloop.rules.CodeMatch} matches configured codes against.
   */
  static Set<String> codes(List<CodeableConcept> concepts) {
    return concepts.stream().flatMap(c -> c.getCoding().stream())
        .filter(Coding::hasCode)
        .map(c -> (c.hasSystem() ? c.getSystem() + "|" : "") + c.getCode())
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  /** The Patient participants with a participant entry of this status (accepted, declined). */
  private static Set<String> patientsWhoseStatusIs(Appointment appointment, Appointment.ParticipationStatus status) {
    return Set.copyOf(participantIds(appointment.getParticipant().stream()
        .filter(p -> p.getStatus() == status).toList(), "Patient"));
  }

  private static List<String> participantIds(Appointment appointment, String type) {
    return participantIds(appointment.getParticipant(), type);
  }

  private static List<String> participantIds(List<AppointmentParticipantComponent> participants, String type) {
    return referenceIds(participants.stream().map(AppointmentParticipantComponent::getActor).toList(), type);
  }

  /** The logical ids of the references to resources of this type (versions dropped), in order, once each. */
  private static List<String> referenceIds(List<Reference> references, String type) {
    return references.stream()
        .filter(Reference::hasReference)
        .map(Reference::getReferenceElement)
        .filter(ref -> type.equals(ref.getResourceType()))
        .map(ref -> ref.getIdPart())
        .distinct()
        .toList();
  }
}
