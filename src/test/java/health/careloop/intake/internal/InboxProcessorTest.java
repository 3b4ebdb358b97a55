package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.schedule.PacedPlanning;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class InboxProcessorTest {

  @Test
  void whileTheHookIsFlooded_aNotificationIsPlannedOnlyThroughTheGate() throws InterruptedException {
    InboxEventRepository events = mock(InboxEventRepository.class);
    when(events.findById(any())).thenReturn(Optional.empty());
    PlanningGate gate = new PlanningGate(() -> 50, 8, 1, new SimpleMeterRegistry());
    InboxProcessor processor = new InboxProcessor(events, mock(ApplicationEventPublisher.class),
        FhirContext.forR4Cached(), new TransactionTemplate(mock(PlatformTransactionManager.class)),
        mock(PacedPlanning.class), null, Clock.systemUTC(), gate);
    CountDownLatch othersPlanning = new CountDownLatch(1);
    CountDownLatch othersDone = new CountDownLatch(1);
    Thread other = new Thread(() -> gate.pass(() -> {
      othersPlanning.countDown();
      await(othersDone);
    }));
    other.start();
    assertThat(othersPlanning.await(5, TimeUnit.SECONDS)).isTrue();

    CountDownLatch processed = new CountDownLatch(1);
    Thread processing = new Thread(() -> {
      processor.run("1");
      processed.countDown();
    });
    processing.start();

    assertThat(processed.await(300, TimeUnit.MILLISECONDS)).as("waits while the one allowed planner plans").isFalse();
    othersDone.countDown();
    assertThat(processed.await(5, TimeUnit.SECONDS)).isTrue();
    other.join(5_000);
    processing.join(5_000);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
