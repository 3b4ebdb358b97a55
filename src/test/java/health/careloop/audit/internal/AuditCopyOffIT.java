package health.careloop.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.careloop.audit.AuditInteraction;
import health.careloop.audit.AuditOutcome;
import health.careloop.audit.AuditRecord;
import health.careloop.audit.AuditedEntity;
import health.careloop.audit.AuditTrail;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code careloop.audit.copy-to-ehr} off (the default): the copy's run writes nothing to the EHR. */
class AuditCopyOffIT {

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);

  @Test
  void off_theCopysRun_writesNothingToTheEhr_andMarksNothingCopied() {
    String patient = fixtures.patient("Off" + UUID.randomUUID().toString().substring(0, 8), "en", null);
    String id = UUID.randomUUID().toString();
    careLoop.bean(AuditTrail.class).record(new AuditRecord(id, careLoop.clock().instant(), AuditInteraction.READ,
        "CommunicationRequest", null, AuditOutcome.SUCCESS, "reader", List.of(AuditedEntity.patient(patient))));

    careLoop.bean(AuditCopy.class).run();

    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from audit_event where copied_to_ehr_at is not null", Integer.class)).isZero();
    assertThatThrownBy(() -> ehr.client().read().resource(AuditEvent.class).withId(id).execute())
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(ehr.client().search().forResource(AuditEvent.class)
        .where(AuditEvent.PATIENT.hasId("Patient/" + patient))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute().getEntry()).isEmpty();
  }
}
