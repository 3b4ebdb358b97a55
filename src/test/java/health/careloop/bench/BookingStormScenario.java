package health.careloop.bench;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Appointments booked in the EHR through its FHIR API at a fixed rate (open loop: a slow EHR does
 * not slow the bookings down, they queue), its Subscriptions notifying CareLoop as in production,
 * CareLoop confirming each booking at once. Measured per appointment: from the booking call's
 * return to CareLoop's confirmation being written (its planned message SENT, which CareLoop records
 * right after the EHR accepted the Communication); and, every second, the inbox backlog and the
 * confirmations due but not sent yet.
 */
final class BookingStormScenario {

  private static final String CONFIRMATION = "appointment-confirmation";

  private final IGenericClient ehr;
  private final JdbcTemplate careLoopDb;
  private final List<String> patientIds;
  private final String locationId;

  BookingStormScenario(IGenericClient ehr, JdbcTemplate careLoopDb, List<String> patientIds, String locationId) {
    this.ehr = ehr;
    this.careLoopDb = careLoopDb;
    this.patientIds = patientIds;
    this.locationId = locationId;
  }

  /**
   * The storm: first {@code warmUp} at the same rate, not measured, until all its bookings are
   * confirmed (a JVM just started compiles its hot code for a minute or two, and its caches are
   * cold: without this the figures would measure the start, not a running CareLoop); then the
   * measured {@code duration}.
   */
  Map<String, Object> run(int perSecond, Duration warmUp, Duration duration, Duration drainTimeout)
      throws InterruptedException {
    Map<String, Object> result = new LinkedHashMap<>();
    int made = 0;
    result.put("warmUpSeconds", warmUp.toSeconds());
    if (!warmUp.isZero()) {
      long warmUpBegan = System.nanoTime();
      Bookings warm = book(perSecond, warmUp, 0, new ConcurrentHashMap<>());
      result.put("warmUpBooked", warm.bookedAt().size());
      result.put("warmUpAllConfirmed", awaitConfirmations(warm.bookedAt().keySet(), drainTimeout));
      result.put("warmUpSecondsUntilAllConfirmed", IntakeScenario.round((System.nanoTime() - warmUpBegan) / 1e9));
      made = warm.made();
    }

    List<Map<String, Object>> backlog = new ArrayList<>();
    Map<String, Instant> bookedAt = new ConcurrentHashMap<>();
    long began = System.nanoTime();
    // Its own thread, from the first second until the end of the drain: the backlog is sampled
    // while queued bookings are still being made too.
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> sample(began, bookedAt.size(), backlog), 1, 1, TimeUnit.SECONDS);
    Bookings storm = book(perSecond, duration, made, bookedAt);
    awaitConfirmations(bookedAt.keySet(), drainTimeout);
    sampler.shutdownNow();
    Map<String, Instant> sent = sentConfirmations();
    Duration untilAllConfirmed = Duration.ofNanos(System.nanoTime() - began);
    Map<String, Instant> lastUpdated = storm.lastUpdated();

    Histogram fromBookingReturn = new Histogram(TimeUnit.MINUTES.toMillis(30), 3);
    Histogram fromLastUpdated = new Histogram(TimeUnit.MINUTES.toMillis(30), 3);
    Histogram fromReceived = new Histogram(TimeUnit.MINUTES.toMillis(30), 3);
    Map<String, Instant> received = firstReceived();
    int confirmed = 0;
    for (Map.Entry<String, Instant> booked : bookedAt.entrySet()) {
      Instant confirmedAt = sent.get(booked.getKey());
      if (confirmedAt == null) {
        continue;
      }
      confirmed++;
      fromBookingReturn.recordValue(Math.max(0, Duration.between(booked.getValue(), confirmedAt).toMillis()));
      Instant updated = lastUpdated.get(booked.getKey());
      if (updated != null) {
        fromLastUpdated.recordValue(Math.max(0, Duration.between(updated, confirmedAt).toMillis()));
      }
      Instant arrived = received.get(booked.getKey());
      if (arrived != null) {
        fromReceived.recordValue(Math.max(0, Duration.between(arrived, confirmedAt).toMillis()));
      }
    }

    result.put("targetPerSecond", perSecond);
    result.put("durationSeconds", duration.toSeconds());
    result.put("patients", patientIds.size());
    result.put("bookingsAttempted", storm.attempted());
    result.put("booked", bookedAt.size());
    result.put("bookingFailures", storm.failures());
    result.put("achievedBookingsPerSecond", IntakeScenario.round(bookedAt.size() / (storm.took().toMillis() / 1000.0)));
    result.put("bookingCallP50Ms", storm.call().getValueAtPercentile(50));
    result.put("bookingCallP99Ms", storm.call().getValueAtPercentile(99));
    result.put("confirmed", confirmed);
    result.put("notConfirmedWithinDrainTimeout", bookedAt.size() - confirmed);
    result.put("secondsUntilAllConfirmed", confirmed == bookedAt.size() ? untilAllConfirmed.toSeconds() : null);
    result.put("confirmationLatencyFromBookingReturnMs", percentiles(fromBookingReturn));
    result.put("confirmationLatencyFromLastUpdatedMs", percentiles(fromLastUpdated));
    result.put("confirmationLatencyFromReceivedMs", percentiles(fromReceived));
    synchronized (backlog) {
      result.put("maxInboxPending", backlog.stream().mapToLong(s -> (Long) s.get("inboxPending")).max().orElse(0));
      result.put("maxConfirmationsDue",
          backlog.stream().mapToLong(s -> (Long) s.get("confirmationsDue")).max().orElse(0));
      result.put("backlog", new ArrayList<>(backlog));
    }
    return result;
  }

  /**
   * What one period of booking made: each Appointment's id with when its booking call returned and
   * its {@code meta.lastUpdated}; bookings that fell due, and failed; the booking calls' durations;
   * from the first booking to the last answer.
   */
  private record Bookings(Map<String, Instant> bookedAt, Map<String, Instant> lastUpdated, int attempted,
      long failures, Histogram call, Duration took, int made) {}

  /**
   * Books {@code perSecond} appointments for {@code duration}, open loop, numbered from {@code first},
   * each booked one's id into {@code bookedAt} as soon as the EHR answers.
   */
  private Bookings book(int perSecond, Duration duration, int first, Map<String, Instant> bookedAt)
      throws InterruptedException {
    Map<String, Instant> lastUpdated = new ConcurrentHashMap<>();
    AtomicInteger sequence = new AtomicInteger(first);
    AtomicInteger attempted = new AtomicInteger();
    AtomicLong bookingFailures = new AtomicLong();
    Histogram bookingCall = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    Instant firstStart = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    ExecutorService booking = Executors.newFixedThreadPool(32);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long began = System.nanoTime();
    // Counted when due, not when a booking thread gets to it: bookings the EHR is too slow for queue.
    ticker.scheduleAtFixedRate(() -> {
      attempted.incrementAndGet();
      booking.execute(() -> {
        int n = sequence.getAndIncrement();
        long callStart = System.nanoTime();
        try {
          MethodOutcome created = ehr.create().resource(appointment(n, firstStart)).execute();
          Instant returned = Instant.now();
          synchronized (bookingCall) {
            bookingCall.recordValue(Math.max(1, (System.nanoTime() - callStart) / 1_000_000));
          }
          String id = created.getId().getIdPart();
          bookedAt.put(id, returned);
          if (created.getResource() instanceof Resource r && r.getMeta().getLastUpdated() != null) {
            lastUpdated.put(id, r.getMeta().getLastUpdated().toInstant());
          }
        } catch (RuntimeException e) {
          bookingFailures.incrementAndGet();
        }
      });
    }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    Thread.sleep(duration.toMillis());
    // No new bookings fall due; those already due (queued behind a slow EHR) are still made.
    ticker.shutdownNow();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
    booking.shutdown();
    booking.awaitTermination(2, TimeUnit.MINUTES);
    // Includes the bookings that queued behind a slow EHR: the rate it really absorbed.
    return new Bookings(bookedAt, lastUpdated, attempted.get(), bookingFailures.get(), bookingCall,
        Duration.ofNanos(System.nanoTime() - began), sequence.get());
  }

  /** Whether every booking's confirmation was sent within {@code timeout}. */
  private boolean awaitConfirmations(java.util.Set<String> appointmentIds, Duration timeout) throws InterruptedException {
    long until = System.nanoTime() + timeout.toNanos();
    while (!sentConfirmations().keySet().containsAll(appointmentIds)) {
      if (System.nanoTime() >= until) {
        return false;
      }
      Thread.sleep(1000);
    }
    return true;
  }

  private static Map<String, Object> percentiles(Histogram h) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("count", h.getTotalCount());
    p.put("p50", h.getValueAtPercentile(50));
    p.put("p95", h.getValueAtPercentile(95));
    p.put("p99", h.getValueAtPercentile(99));
    p.put("max", h.getMaxValue());
    return p;
  }

  private Appointment appointment(int n, Instant firstStart) {
    // Distinct starts a minute apart (no two on one slot), spread over a few patients.
    return EhrLoad.booked(firstStart.plus(n, ChronoUnit.MINUTES), patientIds.get(n % patientIds.size()), locationId);
  }

  /** One second of the backlog's time series (sampled during the storm and while it drains). */
  private void sample(long began, int booked, List<Map<String, Object>> backlog) {
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("second", (System.nanoTime() - began) / 1_000_000_000L);
    sample.put("inboxPending", pendingInbox());
    sample.put("confirmationsDue", confirmationsDue());
    sample.put("booked", booked);
    sample.put("confirmed", sentConfirmations().size());
    synchronized (backlog) {
      backlog.add(sample);
    }
  }

  long pendingInbox() {
    Long n = careLoopDb.queryForObject("select count(*) from inbox_event where outcome = 'PENDING'", Long.class);
    return n == null ? 0 : n;
  }

  /**
   * Confirmations planned, due and not sent yet: the queue behind planning, where a storm's time
   * goes once the inbox keeps up (sending waits on the EHR).
   */
  private long confirmationsDue() {
    Long n = careLoopDb.queryForObject("select count(*) from planned_message where kind = ? and status = 'PENDING'"
        + " and due_at <= ?", Long.class, CONFIRMATION, Timestamp.from(Instant.now()));
    return n == null ? 0 : n;
  }

  /**
   * When CareLoop first stored a notification of each Appointment (its inbox row's {@code received_at},
   * committed before the EHR got its answer): from there to the confirmation sent is CareLoop's own
   * share of the latency, without the EHR's Subscription queue before it.
   */
  private Map<String, Instant> firstReceived() {
    Map<String, Instant> received = new HashMap<>();
    careLoopDb.query("select resource_id, min(received_at) from inbox_event where resource_type = 'Appointment'"
        + " group by resource_id", rs -> {
          received.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        });
    return received;
  }

  private Map<String, Instant> sentConfirmations() {
    Map<String, Instant> sent = new ConcurrentHashMap<>();
    careLoopDb.query("select appointment_id, updated_at from planned_message where kind = ? and status = 'SENT'",
        rs -> {
          Timestamp at = rs.getTimestamp(2);
          sent.put(rs.getString(1), at.toInstant());
        }, CONFIRMATION);
    return sent;
  }
}
