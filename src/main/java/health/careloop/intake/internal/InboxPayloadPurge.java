package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import health.careloop.intake.InboxProperties;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Purges the resource each notification delivered (personal health data) from the inbox once it
 * has been processed, or given up on, and the retention has passed. The row stays, with its
 * (type, id, version), fingerprint and outcome: the same delivery again is still a duplicate, and
 * what became of it can still be told. A notification not processed yet keeps its payload, however
 * old: it is all CareLoop has to process it from.
 *
 * <p>A row stored before fingerprints were has its fingerprint worked out from its payload first,
 * as {@link Inbox} would, and stored: without either, the same delivery again would look new.
 * Batches of rows, each its own transaction: a large backlog never holds one long transaction.
 */
@Component
class InboxPayloadPurge implements RecurringWork {

  private static final Logger log = LoggerFactory.getLogger(InboxPayloadPurge.class);

  static final int BATCH = 500;

  private static final String DUE = " payload_purged_at is null and outcome <> 'PENDING' and processed_at < ?";
  private static final String PURGE = "update inbox_event set payload = null, payload_purged_at = ?"
      + " where id in (select id from inbox_event where" + DUE + " and fingerprint is not null"
      + " order by id limit " + BATCH + ")";
  private static final String WITHOUT_FINGERPRINT = "select id, last_updated, payload from inbox_event"
      + " where" + DUE + " and fingerprint is null and id > ? order by id limit " + BATCH;

  private record Unfingerprinted(long id, Instant lastUpdated, String payload) {}

  private final JdbcTemplate jdbc;
  private final FhirContext fhirContext;
  private final InboxProperties properties;
  private final Clock clock;

  InboxPayloadPurge(JdbcTemplate jdbc, FhirContext fhirContext, InboxProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.fhirContext = fhirContext;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.PURGE_INBOX_PAYLOADS;
  }

  @Override
  public Duration interval() {
    return properties.purgeInterval();
  }

  @Override
  public void run() {
    int purged = purge();
    if (purged > 0) {
      log.info("Purged the payload of {} processed inbox events older than {}", purged, properties.payloadRetention());
    }
  }

  /** Returns how many rows lost their payload. */
  int purge() {
    Instant now = clock.instant();
    OffsetDateTime cutoff = utc(now.minus(properties.payloadRetention()));
    fingerprintOlderRows(cutoff);
    int total = 0;
    int purged;
    do {
      purged = jdbc.update(PURGE, utc(now), cutoff);
      total += purged;
    } while (purged == BATCH);
    return total;
  }

  private void fingerprintOlderRows(OffsetDateTime cutoff) {
    long after = 0;
    List<Unfingerprinted> rows;
    do {
      rows = jdbc.query(WITHOUT_FINGERPRINT, (rs, i) -> {
        OffsetDateTime lastUpdated = rs.getObject("last_updated", OffsetDateTime.class);
        return new Unfingerprinted(rs.getLong("id"), lastUpdated == null ? null : lastUpdated.toInstant(),
            rs.getString("payload"));
      }, cutoff, after);
      for (Unfingerprinted row : rows) {
        after = row.id();
        try {
          String fingerprint = DeliveryFingerprint.ofPayload(fhirContext, row.payload(), row.lastUpdated());
          jdbc.update("update inbox_event set fingerprint = ? where id = ? and fingerprint is null", fingerprint, row.id());
        } catch (DataFormatException | DuplicateKeyException e) {
          // Unreadable, or a copy of a delivery stored twice before fingerprints were: its payload
          // stays (and is reported each run) rather than lose what tells the delivery apart.
          log.warn("Inbox event {} keeps its payload: no fingerprint could be stored for it ({})",
              row.id(), e.getClass().getSimpleName());
        }
      }
    } while (rows.size() == BATCH);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
