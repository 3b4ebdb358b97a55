package health.careloop.ehr;

import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.ResourceVersion;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;

/** FHIR Encounter → {@link EncounterSnapshot}: the only place that reads Encounter fields. */
public final class EncounterTranslator {

  private EncounterTranslator() {}

  public static EncounterSnapshot toSnapshot(String id, Encounter encounter, ResourceVersion version) {
    return new EncounterSnapshot(
        id,
        version,
        encounter.hasStatus() ? encounter.getStatus().toCode() : null,
        idIfType(encounter.getSubject(), "Patient").orElse(null),
        encounter.hasClass_() && encounter.getClass_().hasCode()
            ? AppointmentTranslator.codes(List.of(new CodeableConcept(encounter.getClass_()))).iterator().next()
            : null,
        List.copyOf(AppointmentTranslator.codes(encounter.getType())),
        List.copyOf(AppointmentTranslator.codes(encounter.getReasonCode())),
        encounter.getDiagnosis().stream()
            .map(d -> idIfType(d.getCondition(), "Condition"))
            .flatMap(Optional::stream).toList(),
        encounter.getPeriod().hasEnd() ? encounter.getPeriod().getEnd().toInstant() : null,
        encounter.hasHospitalization()
            ? List.copyOf(AppointmentTranslator.codes(List.of(encounter.getHospitalization().getDischargeDisposition())))
            : List.of(),
        encounter.getLocation().stream().map(l -> idIfType(l.getLocation(), "Location"))
            .flatMap(Optional::stream).findFirst().orElse(null),
        encounter.getParticipant().stream()
            .filter(p -> p.getIndividual().hasReference())
            .filter(p -> isType(p.getIndividual(), "Practitioner") || isType(p.getIndividual(), "PractitionerRole"))
            .map(p -> new EncounterSnapshot.Participant(
                p.getIndividual().getReferenceElement().toUnqualifiedVersionless().getValue(),
                List.copyOf(AppointmentTranslator.codes(p.getType()))))
            .toList());
  }

  /** An Encounter just read from the EHR, at the version its meta names ({@code current} if none). */
  public static EncounterSnapshot current(String id, Encounter encounter) {
    String versionId = encounter.getMeta().hasVersionId() ? encounter.getMeta().getVersionId() : "current";
    return toSnapshot(id, encounter, new ResourceVersion(versionId,
        encounter.getMeta().hasLastUpdated() ? encounter.getMeta().getLastUpdated().toInstant() : null));
  }

  private static boolean isType(Reference reference, String type) {
    return type.equals(reference.getReferenceElement().getResourceType());
  }

  private static Optional<String> idIfType(Reference reference, String type) {
    return reference.hasReference() && isType(reference, type)
        ? Optional.of(reference.getReferenceElement().getIdPart()) : Optional.empty();
  }
}
