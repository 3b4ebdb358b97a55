package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import health.careloop.ehr.EhrReader;
import health.careloop.intake.CatchUp;
import health.careloop.intake.ResourceDeleted;
import health.careloop.schedule.MessageBeingSent;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A deletion heard while one of the resource's messages is being sent to the EHR: the revocation
 * is tried again until the send is over (as it used to wait for the send's row lock), and only if
 * the send outlasts the wait is the EHR asked to send the notification again.
 */
class IdOnlyNotificationsTest {

  private final EhrReader ehr = mock(EhrReader.class);
  private final ApplicationEventPublisher publisher = mock(ApplicationEventPublisher.class);
  private final IdOnlyNotifications notifications = new IdOnlyNotifications(ehr, mock(NotificationIntake.class),
      publisher, new TransactionTemplate(mock(PlatformTransactionManager.class)), mock(CatchUp.class));

  @Test
  void aDeletionWhileOneOfItsMessagesIsBeingSent_waitsForTheSend_thenRevokes() {
    when(ehr.appointment("a1")).thenReturn(Optional.empty());
    doThrow(new MessageBeingSent("pm-1")).doThrow(new MessageBeingSent("pm-1")).doNothing()
        .when(publisher).publishEvent(any(Object.class));

    var outcome = notifications.receive("Appointment", "a1");

    assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("deleted in the EHR");
    verify(publisher, times(3)).publishEvent(new ResourceDeleted("Appointment", "a1"));
  }

  @Test
  void aSendThatOutlastsTheWait_isAnswered503WithRetryAfter_forTheEhrToSendTheNotificationAgain() {
    when(ehr.appointment("a1")).thenReturn(Optional.empty());
    doThrow(new MessageBeingSent("pm-1")).when(publisher).publishEvent(any(Object.class));
    long started = System.nanoTime();

    UnclassifiedServerFailureException unavailable = catchThrowableOfType(UnclassifiedServerFailureException.class,
        () -> notifications.receive("Appointment", "a1"));

    assertThat(unavailable.getStatusCode()).isEqualTo(503);
    assertThat(unavailable.getMessage()).contains("CL-1116").doesNotContain("pm-1");
    assertThat(unavailable.getResponseHeaders()).containsKey("Retry-After");
    assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(IdOnlyNotifications.WAIT_FOR_SEND.toNanos());
  }
}
