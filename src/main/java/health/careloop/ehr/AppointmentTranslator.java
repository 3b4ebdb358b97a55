package health.careloop.ehr;

import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.rules.ResourceVersion;
import java.util.List;
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
        participantIds(appointment, "Location").stream().findFirst().orElse(null));
  }

  private static List<String> participantIds(Appointment appointment, String type) {
    return appointment.getParticipant().stream()
        .map(AppointmentParticipantComponent::getActor)
        .filter(Reference::hasReference)
        .map(Reference::getReferenceElement)
        .filter(ref -> type.equals(ref.getResourceType()))
        .map(ref -> ref.getIdPart())
        .distinct()
        .toList();
  }
}
