package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.ehr.EhrReferences;
import health.careloop.intake.HookProperties;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A delivery goes through the group commit, unless it is switched off: then it is stored alone, as before. */
class NotificationIntakeGroupCommitTest {

  private final Inbox inbox = mock(Inbox.class);
  private final HookGroupCommit groupCommit = mock(HookGroupCommit.class);

  @Test
  void aDelivery_isStoredThroughTheGroupCommit() {
    when(groupCommit.accept(any())).thenReturn(Inbox.Acceptance.ACCEPTED);

    intake(true).receive(new IdType("Encounter", "e1"), encounter());

    verify(groupCommit).accept(any());
    verify(inbox, never()).accept(any());
  }

  @Test
  void withGroupCommitSwitchedOff_aDeliveryIsStoredAlone_onItsRequestsThread() {
    when(inbox.accept(any())).thenReturn(Inbox.Acceptance.DUPLICATE);

    var outcome = intake(false).receive(new IdType("Encounter", "e1"), encounter());

    verify(inbox).accept(any());
    verify(groupCommit, never()).accept(any());
    assertThat(((org.hl7.fhir.r4.model.OperationOutcome) outcome.getOperationOutcome()).getIssueFirstRep()
        .getDiagnostics()).startsWith("Already received");
  }

  private NotificationIntake intake(boolean groupCommitEnabled) {
    HookProperties hook = new HookProperties(DataSize.ofMegabytes(1),
        new HookProperties.GroupCommit(groupCommitEnabled, 64, 1024));
    return new NotificationIntake(inbox, groupCommit, hook, FhirContext.forR4Cached(), mock(EhrReferences.class),
        mock(NotificationsReceived.class));
  }

  private static Encounter encounter() {
    Encounter encounter = new Encounter();
    encounter.setId("e1");
    encounter.getMeta().setVersionId("1");
    return encounter;
  }
}
