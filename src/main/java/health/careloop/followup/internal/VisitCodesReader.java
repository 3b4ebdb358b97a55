package health.careloop.followup.internal;

import health.careloop.ehr.EhrReader;
import health.careloop.followup.VisitCodes;
import health.careloop.rules.EncounterSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Procedure;
import org.springframework.stereotype.Component;

/**
 * The codes of a finished visit that follow-up content is chosen by: the Encounter's class, type
 * and reason, the codes of the Conditions its diagnoses reference, and of the Procedures done
 * during it, as the EHR holds them now. A diagnosis recorded in error or refuted, and a procedure
 * recorded in error or not done, select nothing.
 */
@Component
class VisitCodesReader {

  /** Condition.verificationStatus codes that say the patient does not have it. */
  private static final Set<String> NOT_A_DIAGNOSIS = Set.of("refuted", "entered-in-error");

  private final EhrReader ehr;

  VisitCodesReader(EhrReader ehr) {
    this.ehr = ehr;
  }

  VisitCodes of(EncounterSnapshot encounter) {
    return of(encounter, true);
  }

  /** @param inEhr false for an Encounter the EHR does not hold (a $preview of one without id): no Procedures to read */
  VisitCodes of(EncounterSnapshot encounter, boolean inEhr) {
    return new VisitCodes(
        parsed(Optional.ofNullable(encounter.classCode()).stream().toList()),
        parsed(encounter.typeCodes()),
        parsed(encounter.reasonCodes()),
        encounter.diagnosisConditionIds().stream()
            .map(ehr::condition).flatMap(Optional::stream)
            .filter(VisitCodesReader::isDiagnosis)
            .flatMap(condition -> codes(condition.getCode()).stream()).toList(),
        (inEhr ? ehr.proceduresOf(encounter.id()) : List.<Procedure>of()).stream()
            .filter(VisitCodesReader::wasDone)
            .flatMap(procedure -> codes(procedure.getCode()).stream()).toList());
  }

  private static boolean isDiagnosis(Condition condition) {
    return condition.getVerificationStatus().getCoding().stream()
        .noneMatch(c -> NOT_A_DIAGNOSIS.contains(c.getCode()));
  }

  private static boolean wasDone(Procedure procedure) {
    return procedure.getStatus() != Procedure.ProcedureStatus.ENTEREDINERROR
        && procedure.getStatus() != Procedure.ProcedureStatus.NOTDONE;
  }

  private static List<VisitCodes.Code> codes(CodeableConcept concept) {
    return concept.getCoding().stream().filter(Coding::hasSystem).filter(Coding::hasCode)
        .map(c -> new VisitCodes.Code(c.getSystem(), c.getCode())).toList();
  }

  private static List<VisitCodes.Code> parsed(Collection<String> systemAndCodes) {
    return systemAndCodes.stream().map(VisitCodes.Code::parse).flatMap(Optional::stream).toList();
  }
}
