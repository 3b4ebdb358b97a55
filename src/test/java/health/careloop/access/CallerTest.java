package health.careloop.access;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.access.Caller.Reach;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void aSystemScope_reachesEveryPatient_forTheLettersItGrants() {
    Caller caller = caller(null, "system/CommunicationRequest.rs", "system/Task.r");

    assertThat(caller.reach("CommunicationRequest", 'r')).isEqualTo(Reach.ALL);
    assertThat(caller.reach("CommunicationRequest", 's')).isEqualTo(Reach.ALL);
    assertThat(caller.reach("Task", 'r')).isEqualTo(Reach.ALL);
    assertThat(caller.reach("Task", 's')).isEqualTo(Reach.NONE);
    assertThat(caller.reach("Appointment", 'r')).isEqualTo(Reach.NONE);
  }

  @Test
  void v1Scopes_wildcards_andUserScopes_areReadAsSmartSays() {
    assertThat(caller(null, "system/CommunicationRequest.read").reach("CommunicationRequest", 's')).isEqualTo(Reach.ALL);
    assertThat(caller(null, "system/*.rs").reach("Task", 'r')).isEqualTo(Reach.ALL);
    assertThat(caller(null, "system/*.*").reach("Task", 's')).isEqualTo(Reach.ALL);
    assertThat(caller(null, "system/Task.write").reach("Task", 'r')).isEqualTo(Reach.NONE);
    assertThat(caller(null, "user/CommunicationRequest.rs").reach("CommunicationRequest", 'r'))
        .as("user/ counts as system/").isEqualTo(Reach.ALL);
  }

  /** The audit trail is an auditor's: only a system/ scope that names AuditEvent reaches it. */
  @Test
  void theAuditTrail_isReachedOnlyByASystemScopeNamingAuditEvent() {
    assertThat(caller(null, "system/AuditEvent.rs").reach("AuditEvent", 's')).isEqualTo(Reach.ALL);
    assertThat(caller(null, "system/AuditEvent.read").reach("AuditEvent", 'r')).isEqualTo(Reach.ALL);
    assertThat(caller(null, "system/AuditEvent.r").reach("AuditEvent", 's')).isEqualTo(Reach.NONE);
    for (String scope : new String[] {"system/*.rs", "system/*.*", "user/AuditEvent.rs", "user/*.rs"}) {
      assertThat(caller(null, scope).reach("AuditEvent", 'r')).as(scope).isEqualTo(Reach.NONE);
    }
    assertThat(caller("ann", "patient/AuditEvent.rs").reach("AuditEvent", 'r')).isEqualTo(Reach.NONE);
    assertThat(caller("ann", "patient/*.rs").reach("AuditEvent", 'r')).isEqualTo(Reach.NONE);
  }

  @Test
  void theClientId_isTheTokensClientIdClaim_elseAzp_elseSub() {
    assertThat(Callers.clientIdOf(java.util.Map.of("client_id", "a", "azp", "b", "sub", "c"))).hasValue("a");
    assertThat(Callers.clientIdOf(java.util.Map.of("azp", "b", "sub", "c"))).hasValue("b");
    assertThat(Callers.clientIdOf(java.util.Map.of("sub", "c"))).hasValue("c");
    assertThat(Callers.clientIdOf(java.util.Map.of())).isEmpty();
  }

  @Test
  void aScopeWithAQuery_orOutOfOrder_orMalformed_grantsNothing() {
    for (String scope : new String[] {"system/CommunicationRequest.rs?category=x", "system/CommunicationRequest.sr",
        "system/CommunicationRequest.", "system/communicationRequest.rs", "system/CommunicationRequest.rs extra",
        "CommunicationRequest.rs", "launch/patient", "careloop/preview"}) {
      assertThat(caller(null, scope).reach("CommunicationRequest", 'r')).as(scope).isEqualTo(Reach.NONE);
    }
  }

  @Test
  void aPatientScope_reachesOnlyWithAPatientClaim() {
    assertThat(caller("p1", "patient/CommunicationRequest.rs").reach("CommunicationRequest", 's')).isEqualTo(Reach.PATIENT);
    assertThat(caller(null, "patient/CommunicationRequest.rs").reach("CommunicationRequest", 's')).isEqualTo(Reach.NONE);
    assertThat(caller(" ", "patient/CommunicationRequest.rs").reach("CommunicationRequest", 's')).isEqualTo(Reach.NONE);
    assertThat(caller("Patient/p1", "patient/CommunicationRequest.rs").patient()).contains("p1");
    assertThat(caller("p1", "patient/CommunicationRequest.rs", "system/CommunicationRequest.s")
        .reach("CommunicationRequest", 's')).as("the wider scope wins").isEqualTo(Reach.ALL);
  }

  @Test
  void operationScopes_areExact() {
    Caller caller = caller(null, "careloop/preview");

    assertThat(caller.has(FacadeAccessInterceptor.PREVIEW)).isTrue();
    assertThat(caller.has(FacadeAccessInterceptor.SYNC)).isFalse();
  }

  private static Caller caller(String patient, String... scopes) {
    return new Caller(Set.of(scopes), Optional.ofNullable(patient));
  }
}
