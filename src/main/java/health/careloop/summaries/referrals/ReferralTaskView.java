package health.careloop.summaries.referrals;

import java.time.Instant;

/**
 * CareLoop's Task for one referral, as CareLoop's database holds it.
 *
 * @param id CareLoop's own id (the façade's {@code Task/{id}})
 * @param taskId the Task in the EHR, {@code Task/{id}}
 * @param priority the referral's priority code when the Task was written; null: routine
 * @param owner the Task's owner when it was written, {@code Type/id}; null: none
 * @param status the FHIR Task.status as CareLoop last knew it: {@code requested} while open, then
 *     {@code completed} or {@code cancelled} (or however staff had closed it)
 * @param statusReason why it was closed; null while open
 * @param openedAt when CareLoop wrote the Task
 * @param closedAt when CareLoop found it closed; null while open
 * @param updatedAt the last change of this record
 */
public record ReferralTaskView(String id, String referralId, String patientId, String taskId, String priority,
    String owner, String description, String status, String statusReason, Instant openedAt, Instant closedAt,
    Instant updatedAt) {

  public static final String OPEN = "requested";

  public boolean isOpen() {
    return OPEN.equals(status);
  }
}
