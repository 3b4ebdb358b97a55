package health.careloop.ehr;

import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.IdType;

/**
 * Whether CareLoop can tell who an Appointment's participants are: each reference must name an id,
 * and one on another server cannot be read as the EHR's (its Patient/123 is not ours, and
 * reminding the wrong person is the worst a reminder can do). Checked where an Appointment comes
 * in (the hook, {@code $preview}), so a bad one is refused with the reason instead of failing later.
 */
public final class ParticipantReferences {

  private ParticipantReferences() {}

  /** Empty when every participant reference can be used; else what is wrong with the first that cannot. */
  public static Optional<String> problem(Appointment appointment, EhrReferences ehr) {
    for (int i = 0; i < appointment.getParticipant().size(); i++) {
      AppointmentParticipantComponent participant = appointment.getParticipant().get(i);
      if (!participant.getActor().hasReference() || participant.getActor().getReference().startsWith("#")) {
        continue;
      }
      String reference = participant.getActor().getReference();
      IdType id = new IdType(reference);
      if (!id.hasIdPart() || id.getIdPart().isBlank() || !id.hasResourceType()) {
        return Optional.of("Appointment.participant[" + i + "].actor '" + reference + "' names no {type}/{id}");
      }
      if (!ehr.isEhr(id.getBaseUrl())) {
        return Optional.of("Appointment.participant[" + i + "].actor '" + reference + "' is on another server: "
            + "CareLoop reads participants from the EHR at " + ehr.base() + " only");
      }
    }
    return Optional.empty();
  }
}
