package health.careloop.schedule.internal;

import health.careloop.audit.AuditInteraction;
import health.careloop.audit.AuditOutcome;
import health.careloop.audit.AuditRecord;
import health.careloop.audit.AuditTrail;
import health.careloop.audit.AuditedEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The plans CareLoop makes and withdraws, in the audit trail: one entry per replan that changed
 * something (not one per message: intake's speed), naming each CommunicationRequest created, or
 * revoked, and their patient. Recorded in the replan's transaction: the entry and the change commit
 * together or not at all. Ids only.
 */
@Component
class PlanAudit {

  private static final String PLAN = "CommunicationRequest";

  private final AuditTrail trail;

  PlanAudit(AuditTrail trail) {
    this.trail = trail;
  }

  void planned(List<PlannedMessage> created, Instant now) {
    record(AuditInteraction.CREATE, created, now);
  }

  void revoked(List<PlannedMessage> withdrawn, Instant now) {
    record(AuditInteraction.UPDATE, withdrawn, now);
  }

  private void record(AuditInteraction interaction, List<PlannedMessage> messages, Instant now) {
    if (messages.isEmpty()) {
      return;
    }
    List<AuditedEntity> entities = new ArrayList<>();
    messages.forEach(m -> entities.add(AuditedEntity.resource(PLAN + "/" + m.id())));
    messages.stream().map(PlannedMessage::patientId).distinct().forEach(p -> entities.add(AuditedEntity.patient(p)));
    trail.record(new AuditRecord(UUID.randomUUID().toString(), now, interaction, PLAN, null, AuditOutcome.SUCCESS,
        null, entities));
  }
}
