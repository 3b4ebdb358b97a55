package health.careloop.followup.internal;

import health.careloop.ehr.PatientReach;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.followup.FollowUpPlanner;
import health.careloop.followup.FollowUpSelector;
import health.careloop.followup.Selection;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.Reach;
import health.careloop.rules.Recipient;
import health.careloop.schedule.DeliveredContent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a finished visit calls for: no follow-up at all (and why), or the items chosen for it and the
 * messages planned from them. Reads the EHR (the Patient, the diagnosis Conditions, the Procedures);
 * writes nothing: planning and {@code $preview} both ask it.
 */
@Component
public class FollowUpDecisions {

  private final FollowUpSelector selector;
  private final FollowUpPlanner planner;
  private final VisitCodesReader codes;
  private final RecipientDirectory directory;
  private final PatientReach patientReach;

  FollowUpDecisions(FollowUpSelector selector, FollowUpPlanner planner, VisitCodesReader codes,
      RecipientDirectory directory, PatientReach patientReach) {
    this.selector = selector;
    this.planner = planner;
    this.codes = codes;
    this.directory = directory;
    this.patientReach = patientReach;
  }

  /** What a visit calls for. */
  public sealed interface Decision {

    /** No follow-up at all, and why (never naming a diagnosis). */
    record NoFollowUp(String reason) implements Decision {}

    /** The items chosen, and the messages planned from them. */
    record FollowUps(Selection selection, FollowUpPlanner.FollowUpPlan plan) implements Decision {}
  }

  /**
   * @param encounter a finished visit with a Patient as its subject
   * @param delivered what went out about it already, to whom
   */
  public Decision decide(EncounterSnapshot encounter, List<DeliveredContent> delivered, Instant now) {
    return decide(encounter, true, delivered, now);
  }

  /** @param inEhr false for a visit the EHR does not hold (its Procedures are not read) */
  public Decision decide(EncounterSnapshot encounter, boolean inEhr, List<DeliveredContent> delivered, Instant now) {
    if (encounter.patientDied()) {
      return new Decision.NoFollowUp("the patient died during the visit (discharge disposition)");
    }
    Optional<Recipient> patient = directory.patient(encounter.patientId());
    if (patient.isEmpty()) {
      return new Decision.NoFollowUp("Patient/" + encounter.patientId() + " is not in the EHR");
    }
    if (patient.get().deceased()) {
      return new Decision.NoFollowUp("the patient is recorded as deceased");
    }
    Reach reach = patientReach.of(patient.get(), directory.zoneOfLocation(encounter.locationId()), now);
    Selection selection = selector.select(codes.of(encounter, inEhr), now.atZone(reach.zone()).toLocalDate());
    if (selection.exclusion().isPresent()) {
      return new Decision.NoFollowUp("no automatic follow-up: " + selection.exclusion().get());
    }
    return new Decision.FollowUps(selection, planner.plan(encounter.id(), encounter.patientId(),
        encounter.end() != null ? encounter.end() : now, selection, reach, delivered, now));
  }
}
