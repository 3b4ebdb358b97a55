package health.careloop.writeback;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * Writes Tasks for staff with a conditional create on their CareLoop identifier (the message key, or
 * for a referral's Task the referral), as {@link CommunicationWriter} does Communications: a retry,
 * a crash-and-replay or a second replica finds the Task already there.
 */
@Component
public class StaffTaskWriter {

  private final IGenericClient ehr;
  private final ProfileCheck profileCheck;
  private final AuditedWrite audited;

  StaffTaskWriter(IGenericClient ehr, ProfileCheck profileCheck, AuditedWrite audited) {
    this.ehr = ehr;
    this.profileCheck = profileCheck;
    this.audited = audited;
  }

  /**
   * @param task a Task whose first identifier is CareLoop's
   * @return the Task's versionless relative id, e.g. {@code Task/123}
   */
  public String write(Task task) {
    return audited.write(task, task.getFor(), () -> {
      profileCheck.check(task);
      Identifier ours = task.getIdentifierFirstRep();
      return ConditionalCreate.byIdentifier(ehr, task, ours.getSystem(), ours.getValue(), Task.IDENTIFIER);
    });
  }
}
