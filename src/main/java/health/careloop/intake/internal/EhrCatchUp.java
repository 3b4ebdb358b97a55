package health.careloop.intake.internal;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.careloop.ehr.EhrProperties;
import health.careloop.ehr.SubscriptionsRegistered;
import health.careloop.intake.CatchUp;
import health.careloop.intake.CatchUpProperties;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.WorkKind;
import health.careloop.writeback.EhrFailures;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiFunction;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Catches up with the EHR by search, on top of its Subscription, whose notifications an EHR drops
 * after a short while of failed deliveries (HAPI: about a minute). Every resource found goes into
 * the inbox exactly as a notification would: one already received is a duplicate and changes
 * nothing, one missed is processed and planned from like any other (as the present state: an
 * appointment first seen cancelled, or already over, gets nothing).
 *
 * <p>Runs once the Subscriptions are registered at start-up (after that, nothing can fall between
 * the search and the notifications) and every {@code interval} as a safety net, as recurring work
 * one replica runs at a time. Per type: from the watermark less the overlap, by
 * {@code _lastUpdated}, page by page, moving the watermark after each page is stored. With no
 * watermark yet (the first start), a backfill: the appointments that start from now to the
 * backfill horizon, then the watermark is the time that search began (for Encounters, no backfill:
 * the watermark is the first start).
 *
 * <p>While CareLoop polls an EHR that cannot push ({@code careloop.ehr.notifications: polling}),
 * this search is how it hears of changes at all: it runs once CareLoop is ready and every
 * {@code polling-interval}. A type's failed search is recorded for health (status and issue code
 * only) and the other types are still searched.
 */
@Component
class EhrCatchUp implements CatchUp, RecurringWork {

  private static final Logger log = LoggerFactory.getLogger(EhrCatchUp.class);

  /**
   * A type caught up on, and how its backfill searches (from, to) → query; none: nothing from before
   * the first start is taken.
   */
  record CaughtUpType(String resourceType, Optional<BiFunction<Instant, Instant, String>> backfill) {}

  /**
   * Appointments ahead are backfilled at the first start (their confirmations and reminders are still
   * due). Encounters are not: follow-ups and summaries are for visits that end from go-live on, not
   * for every visit the EHR ever held; after that, Encounters changed while CareLoop did not hear of
   * them are caught up on like Appointments.
   */
  static final List<CaughtUpType> TYPES = List.of(
      new CaughtUpType("Appointment", Optional.of((from, to) -> "Appointment?date=ge" + Watermark.inQuery(from)
          + "&date=le" + Watermark.inQuery(to))),
      new CaughtUpType("Encounter", Optional.empty()));

  private final IGenericClient ehr;
  private final NotificationIntake intake;
  private final Watermarks watermarks;
  private final DeferredWork work;
  private final CatchUpFailures failures;
  private final CatchUpProperties properties;
  private final boolean polling;
  private final Clock clock;
  /** Asks for a search's next page while its current one is stored (see {@link #search}). */
  private final ExecutorService pagesAhead = Executors.newCachedThreadPool(daemonThreads("catch-up-page-ahead-"));

  EhrCatchUp(IGenericClient ehr, NotificationIntake intake, Watermarks watermarks, CatchUpFailures failures,
      DeferredWork work, CatchUpProperties properties, EhrProperties ehrProperties, Clock clock) {
    this.ehr = ehr;
    this.intake = intake;
    this.watermarks = watermarks;
    this.failures = failures;
    this.work = work;
    this.properties = properties;
    this.polling = ehrProperties.polling();
    this.clock = clock;
  }

  @EventListener
  void onSubscriptionsRegistered(SubscriptionsRegistered registered) {
    if (properties.enabled()) {
      work.runNow(WorkKind.CATCH_UP);
    }
  }

  /** Polling: no Subscription to wait for, the first search runs as soon as CareLoop is ready. */
  @EventListener
  void onReady(ApplicationReadyEvent ready) {
    if (polling && properties.enabled()) {
      work.runNow(WorkKind.CATCH_UP);
    }
  }

  @Override
  public WorkKind kind() {
    return WorkKind.CATCH_UP;
  }

  @Override
  public Duration interval() {
    return polling ? properties.pollingInterval() : properties.interval();
  }

  @Override
  public void run() {
    if (!properties.enabled()) {
      log.debug("Catch-up with the EHR is switched off");
      return;
    }
    try {
      catchUp(Optional.empty());
    } catch (RuntimeException recordedAndLogged) {
      // Each type's failure is recorded for health and logged as its status and issue code: thrown on,
      // the scheduler would log the exception's text, which may quote what the EHR answered. The next
      // run comes at the interval anyway.
    }
  }

  /**
   * Searches every type; one whose search fails is recorded and the others are still searched, and
   * then the first failure is thrown (the next run tries again).
   */
  @Override
  public Result catchUp(Optional<Instant> since) {
    Result total = new Result(0, 0);
    RuntimeException failed = null;
    for (CaughtUpType type : TYPES) {
      Result result;
      try {
        result = catchUp(type, since);
      } catch (RuntimeException e) {
        String problem = EhrFailures.describe(e);
        failures.record(type.resourceType(), clock.instant(), problem);
        log.warn("Catch-up of {} failed ({}); next try in {}", type.resourceType(), problem, interval());
        failed = failed == null ? e : failed;
        continue;
      }
      total = new Result(total.found() + result.found(), total.accepted() + result.accepted());
    }
    if (failed != null) {
      throw failed;
    }
    return total;
  }

  private Result catchUp(CaughtUpType type, Optional<Instant> since) {
    String name = type.resourceType();
    Optional<Instant> watermark = watermarks.of(name);
    if (since.isEmpty() && watermark.isEmpty()) {
      Instant began = clock.instant();
      Result result = type.backfill().isEmpty() ? new Result(0, 0)
          : search(name, type.backfill().get().apply(began, began.plus(properties.backfillHorizon())), false);
      watermarks.moveTo(name, began);
      watermarks.caughtUp(name, began);
      log.info("Backfilled {}: {} found, {} new; watermark {}", name, result.found(), result.accepted(), began);
      return result;
    }
    Instant from = since.orElseGet(() -> Watermark.searchFrom(watermark.get(), properties.overlap()));
    Instant began = clock.instant();
    Result result = search(name, name + "?_lastUpdated=ge" + Watermark.inQuery(from) + "&_sort=_lastUpdated", true);
    if (since.isEmpty()) {
      // From the watermark on: nothing before began is missing (a given since may leave a gap behind it).
      watermarks.caughtUp(name, began);
    }
    log.info("Caught up on {} changed since {}: {} found, {} new", name, from, result.found(), result.accepted());
    return result;
  }

  /**
   * Follows every page; with {@code moveWatermark}, the watermark moves once each page is stored.
   * The next page is asked for while this one is stored, so that the EHR's search and CareLoop's
   * storing overlap instead of each waiting for the other; still one request of the search in the
   * EHR at a time, and a page is stored only after the one before it.
   */
  private Result search(String type, String query, boolean moveWatermark) {
    Bundle page = ehr.search().byUrl(query + "&_count=" + properties.pageSize())
        // EHRs (HAPI among them) may answer a repeated search from a cache: ask for the truth.
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    Result total = new Result(0, 0);
    while (true) {
      Bundle current = page;
      CompletableFuture<Bundle> next = current.getLink(Bundle.LINK_NEXT) == null ? null
          : CompletableFuture.supplyAsync(() -> ehr.loadPage().next(current).execute(), pagesAhead);
      Result stored;
      try {
        stored = store(type, current, moveWatermark);
      } catch (RuntimeException failure) {
        if (next != null) {
          next.cancel(false); // its answer, when it comes, is dropped
        }
        throw failure;
      }
      total = new Result(total.found() + stored.found(), total.accepted() + stored.accepted());
      if (next == null) {
        return total;
      }
      page = nextPage(next);
    }
  }

  /** Stores one page's resources of {@code type}; with {@code moveWatermark}, then moves the watermark. */
  private Result store(String type, Bundle page, boolean moveWatermark) {
    int found = 0;
    int accepted = 0;
    List<Instant> stored = new ArrayList<>();
    List<Notification> readable = new ArrayList<>();
    for (Bundle.BundleEntryComponent entry : page.getEntry()) {
      Resource resource = entry.getResource();
      if (resource == null || !type.equals(resource.fhirType())) {
        continue; // an OperationOutcome or an included resource
      }
      found++;
      read(resource).ifPresent(readable::add);
      if (resource.getMeta().getLastUpdated() != null) {
        stored.add(resource.getMeta().getLastUpdated().toInstant());
      }
    }
    // The page in one transaction: a commit per resource cost more than the search itself. A
    // resource the inbox could not store fails this type's catch-up, as it did one by one: the
    // watermark stays before this page and the next run searches it again.
    for (Inbox.Stored one : readable.isEmpty() ? List.<Inbox.Stored>of() : intake.acceptAll(readable)) {
      if (one.acceptanceOrThrow() != Inbox.Acceptance.DUPLICATE) {
        accepted++;
      }
    }
    if (moveWatermark) {
      Watermark.advance(watermarks.of(type).orElse(null), stored).ifPresent(w -> watermarks.moveTo(type, w));
    }
    return new Result(found, accepted);
  }

  /** The page asked for ahead; what kept the EHR from answering it, as the search itself would throw it. */
  private static Bundle nextPage(CompletableFuture<Bundle> next) {
    try {
      return next.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }

  @PreDestroy
  void stopAskingAhead() {
    pagesAhead.shutdownNow();
  }

  private static ThreadFactory daemonThreads(String prefix) {
    CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
    threads.setDaemon(true);
    return threads;
  }

  /** The resource as the inbox takes it; none if CareLoop cannot read it (logged and left out). */
  private Optional<Notification> read(Resource resource) {
    try {
      return Optional.of(intake.caughtUp(resource.getIdElement(), resource));
    } catch (BaseServerResponseException unreadable) {
      log.warn("Catch-up left {}/{} out: {}", resource.fhirType(), resource.getIdElement().getIdPart(),
          unreadable.getMessage());
      return Optional.empty();
    }
  }
}
