package health.careloop.bench;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.github.kagkarlsson.scheduler.Scheduler;
import health.careloop.CareLoopFhir;
import health.careloop.rules.MessageKeys;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.MessageBeingSent;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.MessageSchedule;
import health.careloop.support.CareLoopInstance;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * N reminders, planned through CareLoop's own schedule ({@link MessageSchedule#replan}, as the
 * reminder feature plans them) for appointments and patients that are in the EHR, all due at the
 * same instant an hour ahead; then CareLoop's clock is moved to that instant and its scheduler sends
 * them all. Measured: Communications written per second, from the instant they fell due to the last
 * one recorded as sent, checked against the count of Communications the EHR gained. Then, in the same
 * EHR, the rate of the same Communications written by a plain client ({@link RawCommunicationWrites}).
 */
final class DispatchScenario {

  private static final int PLANNED_PER_TRANSACTION = 500;
  private static final int MAX_PLAN_ATTEMPTS = 60;

  private final CareLoopInstance careLoop;
  private final IGenericClient ehr;
  private final JdbcTemplate db;

  DispatchScenario(CareLoopInstance careLoop, IGenericClient ehr) {
    this.careLoop = careLoop;
    this.ehr = ehr;
    this.db = careLoop.bean(JdbcTemplate.class);
  }

  /**
   * @param warmUp the first this many of {@code appointments} are sent first, not measured: the
   *     sending path's code compiled and its validator built before the measured ones fall due
   */
  Map<String, Object> run(List<EhrLoad.Booked> appointments, int warmUp, int rawCount, Duration timeout)
      throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    if (warmUp > 0) {
      Instant warmDue = careLoop.clock().instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
      plan(appointments.subList(0, warmUp), warmDue);
      sendAllDue(warmDue, timeout);
      result.put("warmUpMessages", warmUp);
      appointments = appointments.subList(warmUp, appointments.size());
    }
    result.put("messages", appointments.size());
    // Equal due times (to the microsecond PostgreSQL keeps) also mark this scenario's rows.
    Instant due = careLoop.clock().instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    long planStart = System.nanoTime();
    plan(appointments, due);
    result.put("plannedPerSecond", IntakeScenario.round(appointments.size() / seconds(planStart)));

    long communicationsBefore = communicationsInEhr();
    Map<String, Long> statuses = sendAllDue(due, timeout);
    long sent = statuses.getOrDefault("SENT", 0L);
    result.put("statuses", statuses);
    result.put("allSentWithinTimeout", sent == appointments.size());
    // CareLoop's clock stood at `due` when they fell due: the last SENT row's time is the time taken.
    Timestamp last = db.queryForObject(
        "select max(updated_at) from planned_message where due_at = ? and status = 'SENT'", Timestamp.class,
        Timestamp.from(due));
    double took = last == null ? Double.NaN : Duration.between(due, last.toInstant()).toMillis() / 1000.0;
    result.put("secondsUntilLastSent", IntakeScenario.round(took));
    double careLoopRate = IntakeScenario.round(sent / took);
    result.put("careLoopPerSecond", careLoopRate);
    result.put("communicationsGainedInEhr", communicationsInEhr() - communicationsBefore);

    Map<String, Object> raw = new RawCommunicationWrites(ehr, oneWrittenByCareLoop()).measure(rawCount);
    raw.put("count", rawCount);
    result.put("rawEhr", raw);
    Map<String, Object> ratios = new LinkedHashMap<>();
    raw.forEach((way, rate) -> {
      if (way.endsWith("PerSecond")) {
        ratios.put(way.replace("PerSecond", ""), IntakeScenario.ratio(careLoopRate, (Double) rate));
      }
    });
    result.put("ratioCareLoopToRaw", ratios);
    return result;
  }

  /** Moves CareLoop's clock to {@code due} and waits until nothing due then is pending: the statuses then. */
  private Map<String, Long> sendAllDue(Instant due, Duration timeout) throws InterruptedException {
    careLoop.clock().set(due);
    careLoop.bean(Scheduler.class).triggerCheckForDueExecutions();
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> statuses = statuses(due);
    while (statuses.getOrDefault("PENDING", 0L) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      statuses = statuses(due);
      System.out.println("[bench] dispatch " + statuses);
    }
    return statuses;
  }

  /**
   * One reminder per appointment, through the schedule, {@value #PLANNED_PER_TRANSACTION} a
   * transaction. CareLoop may have heard of some of these appointments itself (a Subscription of an
   * earlier CareLoop on the same EHR, whose deliveries arrive late) and be sending their
   * confirmations; a replan that meets a message being sent is refused and tried again once the send
   * is done, as CareLoop's own callers do.
   */
  private void plan(List<EhrLoad.Booked> appointments, Instant due) throws InterruptedException {
    MessageSchedule schedule = careLoop.bean(MessageSchedule.class);
    TransactionTemplate transaction = new TransactionTemplate(careLoop.bean(PlatformTransactionManager.class));
    for (int from = 0; from < appointments.size(); from += PLANNED_PER_TRANSACTION) {
      List<EhrLoad.Booked> batch = appointments.subList(from, Math.min(appointments.size(), from + PLANNED_PER_TRANSACTION));
      for (int attempt = 1; ; attempt++) {
        try {
          transaction.executeWithoutResult(status -> batch.forEach(a -> schedule.replan(a.appointmentId(),
              List.of(new MessageDraft(MessageKeys.of(a.appointmentId(), a.patientId(), null, "reminder-bench:" + a.start()),
                  MessageKind.APPOINTMENT_REMINDER, a.appointmentId(), a.patientId(), a.start(), due, null, false,
                  "sms", null, null)),
              Set.of(), "benchmark")));
          break;
        } catch (MessageBeingSent sending) {
          if (attempt == MAX_PLAN_ATTEMPTS) {
            throw sending;
          }
          Thread.sleep(1000);
        }
      }
    }
  }

  private Map<String, Long> statuses(Instant due) {
    Map<String, Long> counts = new LinkedHashMap<>();
    db.query("select status, count(*) from planned_message where due_at = ? group by status order by status",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(due));
    return counts;
  }

  private long communicationsInEhr() {
    Bundle count = ehr.search().byUrl("Communication?_summary=count&_total=accurate")
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    return count.getTotal();
  }

  private Communication oneWrittenByCareLoop() {
    Bundle found = ehr.search().byUrl("Communication?identifier=" + CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM + "|&_count=1")
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    if (found.getEntry().isEmpty()) {
      throw new IllegalStateException("CareLoop wrote no Communication to copy for the raw writes");
    }
    return (Communication) found.getEntryFirstRep().getResource();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
