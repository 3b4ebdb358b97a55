package health.careloop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.audit.FacadeAudit.Attempt;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a request the façade cannot answer attempted, read from its method and path: never an id it named. */
class FacadeAuditTest {

  @Test
  void attempted_writes_areTheWriteInteractionOnTheType() {
    assertThat(FacadeAudit.attempted("PUT", "/CommunicationRequest/123"))
        .contains(new Attempt(AuditInteraction.UPDATE, "CommunicationRequest", null));
    assertThat(FacadeAudit.attempted("PUT", "CommunicationRequest"))
        .as("a conditional update").contains(new Attempt(AuditInteraction.UPDATE, "CommunicationRequest", null));
    assertThat(FacadeAudit.attempted("POST", "/Task"))
        .contains(new Attempt(AuditInteraction.CREATE, "Task", null));
    assertThat(FacadeAudit.attempted("PATCH", "/Task/9"))
        .contains(new Attempt(AuditInteraction.PATCH, "Task", null));
    assertThat(FacadeAudit.attempted("DELETE", "/Patient/ann"))
        .contains(new Attempt(AuditInteraction.DELETE, "Patient", null));
    assertThat(FacadeAudit.attempted("POST", "/"))
        .contains(new Attempt(AuditInteraction.TRANSACTION, null, null));
  }

  @Test
  void attempted_readsSearchesAndOperations_asBefore() {
    assertThat(FacadeAudit.attempted("GET", "/CommunicationRequest"))
        .contains(new Attempt(AuditInteraction.SEARCH, "CommunicationRequest", null));
    assertThat(FacadeAudit.attempted("POST", "/CommunicationRequest/_search"))
        .contains(new Attempt(AuditInteraction.SEARCH, "CommunicationRequest", null));
    assertThat(FacadeAudit.attempted("GET", "/CommunicationRequest/1"))
        .contains(new Attempt(AuditInteraction.READ, "CommunicationRequest", null));
    assertThat(FacadeAudit.attempted("POST", "/CommunicationRequest/1/$replay"))
        .contains(new Attempt(AuditInteraction.OPERATION, "CommunicationRequest", "$replay"));
  }

  @Test
  void attempted_somethingElse_orAPathThatIsNoResourceType_isNotAnAttemptOfAnything() {
    assertThat(FacadeAudit.attempted("PUT", "/jane-doe/07700900123")).isEqualTo(Optional.empty());
    assertThat(FacadeAudit.attempted("DELETE", "/")).isEmpty();
    assertThat(FacadeAudit.attempted("GET", "/CommunicationRequest/1/_history/2")).isEmpty();
    assertThat(FacadeAudit.attempted("OPTIONS", "/CommunicationRequest")).isEmpty();
  }
}
