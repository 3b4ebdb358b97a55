package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IGetPage;
import ca.uhn.fhir.rest.gclient.IGetPageTyped;
import ca.uhn.fhir.rest.gclient.IQuery;
import ca.uhn.fhir.rest.gclient.IUntypedQuery;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.careloop.ehr.EhrProperties;
import health.careloop.intake.CatchUp;
import health.careloop.intake.CatchUpProperties;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.DeferredWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * The catch-up stores each page it reads in one call to the inbox (one transaction, see
 * {@code InboxBatchIT#aBatch_isOneTransaction}), counting found and new as one by one did, and moves
 * the watermark only once a page is stored.
 */
class EhrCatchUpPagesTest {

  private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");

  private final Appointment unreadable = appointment("a5", 5);
  private final IGenericClient ehr = mock(IGenericClient.class);
  private final NotificationIntake intake = mock(NotificationIntake.class);
  private final Watermarks watermarks = mock(Watermarks.class);
  private final EhrProperties ehrProperties = mock(EhrProperties.class);
  private final EhrCatchUp catchUp = new EhrCatchUp(ehr, intake, watermarks, mock(CatchUpFailures.class),
      mock(DeferredWork.class), new CatchUpProperties(true, Duration.ofMinutes(5), Duration.ofMinutes(5), 3,
          Duration.ofDays(60), Duration.ofMinutes(1), 60), ehrProperties, Clock.fixed(T0, ZoneOffset.UTC));

  @Test
  void eachPage_isStoredInOneCall_andFoundAndNewAreCountedAsBefore() {
    Bundle first = page(appointment("a1", 1), appointment("a2", 2), appointment("a3", 3));
    first.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://ehr.example/next");
    Bundle second = page(appointment("a4", 4), unreadable);
    searchAnswers(first, second);
    when(intake.caughtUp(any(), any())).thenAnswer(call -> notification(call.getArgument(1)));
    doThrow(new UnprocessableEntityException("CL-1003: unreadable")).when(intake).caughtUp(any(), eq(unreadable));
    when(intake.acceptAll(anyList())).thenAnswer(call -> {
      List<Notification> page = call.getArgument(0);
      return page.stream().map(n -> Inbox.Stored.as(n, n.resourceId().equals("a2")
          ? Inbox.Acceptance.DUPLICATE : Inbox.Acceptance.ACCEPTED)).toList();
    });

    CatchUp.Result result = catchUp.catchUp(Optional.of(T0.minusSeconds(3600)));

    @SuppressWarnings("unchecked")
    ArgumentCaptor<List<Notification>> pages = ArgumentCaptor.forClass(List.class);
    InOrder order = inOrder(intake, watermarks);
    order.verify(intake).acceptAll(pages.capture());
    order.verify(watermarks).moveTo("Appointment", lastUpdated(3));
    order.verify(intake).acceptAll(pages.capture());
    order.verify(watermarks).moveTo("Appointment", lastUpdated(5));
    assertThat(pages.getAllValues()).extracting(page -> page.stream().map(Notification::resourceId).toList())
        .containsExactly(List.of("a1", "a2", "a3"), List.of("a4"));
    assertThat(result.found()).as("found, the unreadable one too, as before").isEqualTo(5);
    assertThat(result.accepted()).isEqualTo(3);
  }

  @Test
  void aPageTheInboxCouldNotStoreWhole_failsTheCatchUp_andTheWatermarkStaysBeforeIt() {
    searchAnswers(page(appointment("b1", 1), appointment("b2", 2)), page());
    when(intake.caughtUp(any(), any())).thenAnswer(call -> notification(call.getArgument(1)));
    when(intake.acceptAll(anyList())).thenAnswer(call -> {
      List<Notification> page = call.getArgument(0);
      return List.of(Inbox.Stored.as(page.get(0), Inbox.Acceptance.ACCEPTED),
          Inbox.Stored.failed(page.get(1), new IllegalStateException("refused")));
    });

    assertThatThrownBy(() -> catchUp.catchUp(Optional.of(T0.minusSeconds(3600)))).hasMessage("refused");
    verify(watermarks, never()).moveTo(eq("Appointment"), any());
  }

  @Test
  void theNextPage_isAskedForWhileThisOneIsStored() {
    Bundle first = page(appointment("c1", 1));
    first.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://ehr.example/next");
    CountDownLatch nextAskedFor = new CountDownLatch(1);
    CountDownLatch storing = new CountDownLatch(1);
    // Each waits for the other: asked for before the page is stored, or after it, neither comes.
    searchAnswers(first, page(appointment("c2", 2)), () -> {
      nextAskedFor.countDown();
      awaitOrFail(storing);
    });
    when(intake.caughtUp(any(), any())).thenAnswer(call -> notification(call.getArgument(1)));
    List<Boolean> askedWhileStored = new ArrayList<>();
    when(intake.acceptAll(anyList())).thenAnswer(call -> {
      List<Notification> page = call.getArgument(0);
      if (page.get(0).resourceId().equals("c1")) {
        storing.countDown();
        askedWhileStored.add(nextAskedFor.await(10, TimeUnit.SECONDS));
      }
      return page.stream().map(n -> Inbox.Stored.as(n, Inbox.Acceptance.ACCEPTED)).toList();
    });

    CatchUp.Result result = catchUp.catchUp(Optional.of(T0.minusSeconds(3600)));

    assertThat(askedWhileStored).containsExactly(true);
    assertThat(result.accepted()).isEqualTo(2);
  }

  @Test
  void aNextPageTheEhrDidNotAnswer_failsTheCatchUpWithTheEhrsOwnError_afterThisPageIsStored() {
    Bundle first = page(appointment("d1", 1));
    first.addLink().setRelation(Bundle.LINK_NEXT).setUrl("http://ehr.example/next");
    searchAnswers(first, null, () -> {
      throw new InternalErrorException("HAPI-0000: the EHR failed");
    });
    when(intake.caughtUp(any(), any())).thenAnswer(call -> notification(call.getArgument(1)));
    when(intake.acceptAll(anyList())).thenAnswer(call -> {
      List<Notification> page = call.getArgument(0);
      return page.stream().map(n -> Inbox.Stored.as(n, Inbox.Acceptance.ACCEPTED)).toList();
    });

    assertThatThrownBy(() -> catchUp.catchUp(Optional.of(T0.minusSeconds(3600))))
        .isInstanceOf(InternalErrorException.class).hasMessageContaining("the EHR failed");
    verify(watermarks).moveTo("Appointment", lastUpdated(1));
  }

  private void searchAnswers(Bundle first, Bundle next) {
    searchAnswers(first, next, () -> { });
  }

  private static void awaitOrFail(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the page before was not being stored meanwhile");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Appointment search answers {@code first} then {@code next}; the Encounter search nothing. */
  /** ... and runs {@code whenNextAskedFor} as the next page is asked for. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void searchAnswers(Bundle first, Bundle next, Runnable whenNextAskedFor) {
    IUntypedQuery untyped = mock(IUntypedQuery.class);
    when(ehr.search()).thenReturn(untyped);
    IQuery appointments = query(first);
    IQuery encounters = query(new Bundle());
    when(untyped.byUrl(startsWith("Appointment"))).thenReturn(appointments);
    when(untyped.byUrl(startsWith("Encounter"))).thenReturn(encounters);
    IGetPage pages = mock(IGetPage.class);
    IGetPageTyped following = mock(IGetPageTyped.class);
    when(ehr.loadPage()).thenReturn(pages);
    when(pages.next(first)).thenReturn(following);
    when(following.execute()).thenAnswer(call -> {
      whenNextAskedFor.run();
      return next;
    });
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static IQuery query(Bundle answer) {
    IQuery query = mock(IQuery.class);
    when(query.cacheControl(any())).thenReturn(query);
    when(query.returnBundle(Bundle.class)).thenReturn(query);
    when(query.execute()).thenReturn(answer);
    return query;
  }

  private Bundle page(Appointment... appointments) {
    Bundle page = new Bundle();
    for (Appointment a : appointments) {
      page.addEntry().setResource(a);
    }
    return page;
  }

  private static Appointment appointment(String id, int minute) {
    Appointment appointment = new Appointment();
    appointment.setId(new IdType("Appointment", id, "1"));
    appointment.getMeta().setVersionId("1").setLastUpdated(Date.from(lastUpdated(minute)));
    return appointment;
  }

  private static Instant lastUpdated(int minute) {
    return T0.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(minute));
  }

  private static Notification notification(Resource resource) {
    return new Notification(resource.fhirType(), resource.getIdElement().getIdPart(),
        new ResourceVersion("1", resource.getMeta().getLastUpdated().toInstant()), "{}", "f", true);
  }
}
