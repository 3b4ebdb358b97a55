package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.database.DatabaseAway;
import health.careloop.intake.RewrittenHistory;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores notifications durably, once per delivery, and queues their processing in the same
 * transaction. Only after that commit does the EHR get its 2xx.
 *
 * <p>A delivery is a (type, id, version) with its lastUpdated and content ({@link DeliveryFingerprint}).
 * The same delivery again (HAPI's retries, two EHR nodes) is a duplicate. The same version with
 * another lastUpdated or other content is not: the EHR's history of the resource was rewritten
 * (a test environment reset, a backup restored) and the id and version reused. It is stored,
 * processed, and reported ({@link RewrittenHistory}); ignoring it would silence every message
 * about an id CareLoop has seen before.
 *
 * <p>Many notifications at once (a catch-up's page, the hook's concurrent deliveries) are stored in
 * one transaction ({@link #acceptAll}): the commit, not the statements, is what each one cost alone.
 * Their processing is queued likewise, a job for up to {@link InboxBatches#MOST_EVENTS_PER_JOB} of
 * them ({@link InboxBatchProcessor}).
 *
 * <p>Every notification passes here, so it is plain SQL, each statement prepared once per
 * connection: one indexed look-up of the version's fingerprints (the unique key's prefix), one
 * insert. A JPA query built per call cost more than both together.
 */
@Component
class Inbox {

  enum Acceptance { ACCEPTED, REWRITTEN, DUPLICATE }

  /**
   * What became of one notification of {@link #acceptAll}: its acceptance, committed, or why it alone
   * could not be stored (nothing of it was).
   */
  record Stored(Notification notification, Acceptance acceptance, RuntimeException failure) {

    static Stored as(Notification notification, Acceptance acceptance) {
      return new Stored(notification, acceptance, null);
    }

    static Stored failed(Notification notification, RuntimeException failure) {
      return new Stored(notification, null, failure);
    }

    /** @throws RuntimeException what kept this notification out of the inbox */
    Acceptance acceptanceOrThrow() {
      if (failure != null) {
        throw failure;
      }
      return acceptance;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  // The payload only of rows stored before fingerprints were, to compute theirs; the payload of
  // such a row is kept until its fingerprint is stored (InboxPayloadPurge).
  private static final String FINGERPRINTS_OF_VERSION = "select fingerprint, last_updated,"
      + " case when fingerprint is null then payload end as legacy_payload"
      + " from inbox_event where resource_type = ? and resource_id = ? and version_id = ?";
  private static final String INSERT = "insert into inbox_event (resource_type, resource_id, version_id,"
      + " last_updated, fingerprint, rewrites_version, payload, received_at, caught_up, outcome)"
      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')";

  private final JdbcTemplate jdbc;
  private final DeferredWork work;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final FhirContext fhirContext;
  private final RewrittenHistory rewrites;
  private final NotificationCounts counts;

  Inbox(JdbcTemplate jdbc, DeferredWork work, TransactionTemplate transaction, Clock clock,
      FhirContext fhirContext, RewrittenHistory rewrites, NotificationCounts counts) {
    this.counts = counts;
    this.jdbc = jdbc;
    this.work = work;
    this.transaction = transaction;
    this.clock = clock;
    this.fhirContext = fhirContext;
    this.rewrites = rewrites;
  }

  Acceptance accept(Notification n) {
    Acceptance acceptance;
    try {
      acceptance = transaction.execute(status -> store(n));
    } catch (DuplicateKeyException concurrentCopy) {
      // The same delivery arrived twice at once (HAPI retries, or two EHR nodes): one row won. Only
      // the delivery's unique key says so: a row refused for another reason (a value too long for
      // its column) is not stored, and must not be acknowledged as if it were.
      acceptance = Acceptance.DUPLICATE;
    }
    report(n, acceptance);
    return acceptance;
  }

  /**
   * Stores the notifications in one transaction, in their order, each classified as {@link #accept}
   * would (a delivery twice in the list: the second is a duplicate of the first). If that transaction
   * fails (a copy of one of them stored meanwhile by another transaction, one row the database
   * refuses), nothing of it is kept and each is accepted alone, as {@link #accept} does: one bad row
   * never keeps the others out.
   *
   * @return one per notification, in their order; each one's acceptance is committed
   * @throws RuntimeException only if the database is away ({@link DatabaseAway}): nothing was stored,
   *     and one by one each would fail too, each after its own wait for a connection
   */
  List<Stored> acceptAll(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return List.of();
    }
    List<Acceptance> acceptances;
    try {
      acceptances = transaction.execute(status -> storeAll(notifications));
    } catch (RuntimeException failure) {
      if (DatabaseAway.causedBy(failure)) {
        throw failure;
      }
      // The exception's text may quote a row's values: its kind says enough.
      log.info("{} notifications could not be stored together ({}): storing each alone", notifications.size(),
          failure.getClass().getSimpleName());
      return notifications.stream().map(this::acceptAlone).toList();
    }
    List<Stored> stored = new ArrayList<>(notifications.size());
    for (int i = 0; i < notifications.size(); i++) {
      report(notifications.get(i), acceptances.get(i));
      stored.add(Stored.as(notifications.get(i), acceptances.get(i)));
    }
    return stored;
  }

  private Stored acceptAlone(Notification n) {
    try {
      return Stored.as(n, accept(n));
    } catch (RuntimeException failure) {
      return Stored.failed(n, failure);
    }
  }

  /** Once committed: logged, reported if a rewrite, counted. */
  private void report(Notification n, Acceptance acceptance) {
    if (acceptance == Acceptance.DUPLICATE) {
      log.info("{}/{} version {} already in the inbox", n.resourceType(), n.resourceId(), n.version().versionId());
    } else if (acceptance == Acceptance.REWRITTEN) {
      rewrites.report(n.resourceType(), n.resourceId(), n.version().versionId(),
          "this version was received before with another lastUpdated or other content");
    }
    counts.count(n.resourceType(), acceptance);
  }

  /** A delivery of a version never received is new; the same delivery again a duplicate; any other a rewrite. */
  static Acceptance classify(Collection<String> fingerprintsSeen, String fingerprint) {
    if (fingerprintsSeen.isEmpty()) {
      return Acceptance.ACCEPTED;
    }
    return fingerprintsSeen.contains(fingerprint) ? Acceptance.DUPLICATE : Acceptance.REWRITTEN;
  }

  private Acceptance store(Notification n) {
    List<String> seen = jdbc.query(FINGERPRINTS_OF_VERSION, (rs, row) -> storedFingerprint(rs),
        n.resourceType(), n.resourceId(), n.version().versionId());
    Acceptance acceptance = classify(seen, n.fingerprint());
    if (acceptance == Acceptance.DUPLICATE) {
      return acceptance;
    }
    Instant now = clock.instant();
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"});
      insert.setString(1, n.resourceType());
      insert.setString(2, n.resourceId());
      insert.setString(3, n.version().versionId());
      insert.setObject(4, utc(n.version().lastUpdated()));
      insert.setString(5, n.fingerprint());
      insert.setBoolean(6, acceptance == Acceptance.REWRITTEN);
      insert.setString(7, n.json());
      insert.setObject(8, utc(now));
      insert.setBoolean(9, n.caughtUp());
      return insert;
    }, key);
    long id = key.getKeyAs(Long.class);
    // A new row's id has never been submitted: no look-up for an execution of it first.
    work.submitNew(WorkKind.PROCESS_INBOX_EVENT, Long.toString(id), now);
    log.info("{}/{} version {} accepted as inbox event {}", n.resourceType(), n.resourceId(),
        n.version().versionId(), id);
    return acceptance;
  }

  /**
   * {@link #store} for many, in a few statements whatever their number: one look-up of every
   * version's fingerprints, one batch of inserts, one of their processing. Each is classified as one
   * by one: against the fingerprints stored and those of the rows before it in the list.
   */
  private List<Acceptance> storeAll(List<Notification> notifications) {
    Map<List<String>, List<String>> seen = fingerprintsOfVersions(notifications);
    List<Acceptance> acceptances = new ArrayList<>(notifications.size());
    List<Notification> inserted = new ArrayList<>();
    List<Acceptance> insertedAs = new ArrayList<>();
    for (Notification n : notifications) {
      List<String> ofVersion = seen.computeIfAbsent(versionKey(n), key -> new ArrayList<>());
      Acceptance acceptance = classify(ofVersion, n.fingerprint());
      acceptances.add(acceptance);
      if (acceptance != Acceptance.DUPLICATE) {
        ofVersion.add(n.fingerprint());
        inserted.add(n);
        insertedAs.add(acceptance);
      }
    }
    if (inserted.isEmpty()) {
      return acceptances;
    }
    Instant now = clock.instant();
    List<Long> ids = insertAll(inserted, insertedAs, now);
    // Planned by a few jobs, not one each (InboxBatchProcessor). New rows' ids make job ids never
    // submitted before: no look-up for an execution of them first.
    work.submitAllNew(WorkKind.PROCESS_INBOX_BATCH, InboxBatches.jobIds(ids), now);
    for (int i = 0; i < inserted.size(); i++) {
      Notification n = inserted.get(i);
      log.info("{}/{} version {} accepted as inbox event {}", n.resourceType(), n.resourceId(),
          n.version().versionId(), ids.get(i));
    }
    return acceptances;
  }

  /**
   * The fingerprints stored of each (type, id, version) of the notifications. The versions are a
   * table of values joined to the inbox, which PostgreSQL looks up in the unique key's index one by
   * one whatever it knows of the table; asked as {@code (type, id, version) in (...)}, a table never
   * analyzed since it grew (a bulk intake before autovacuum's next round) was read whole for every
   * batch instead: 160 ms a batch at 120,000 rows, against 0.3 ms.
   */
  private Map<List<String>, List<String>> fingerprintsOfVersions(List<Notification> notifications) {
    Map<List<String>, List<String>> seen = new HashMap<>();
    List<List<String>> versions = notifications.stream().map(Inbox::versionKey).distinct().toList();
    String sql = "select e.resource_type, e.resource_id, e.version_id, e.fingerprint, e.last_updated,"
        + " case when e.fingerprint is null then e.payload end as legacy_payload"
        + " from (values " + String.join(", ", Collections.nCopies(versions.size(), "(?, ?, ?)"))
        + ") as v (resource_type, resource_id, version_id) join inbox_event e on e.resource_type = v.resource_type"
        + " and e.resource_id = v.resource_id and e.version_id = v.version_id";
    Object[] arguments = versions.stream().flatMap(List::stream).toArray();
    jdbc.query(sql, rs -> {
      List<String> key = List.of(rs.getString("resource_type"), rs.getString("resource_id"), rs.getString("version_id"));
      seen.computeIfAbsent(key, k -> new ArrayList<>()).add(storedFingerprint(rs));
    }, arguments);
    return seen;
  }

  private List<Long> insertAll(List<Notification> inserted, List<Acceptance> acceptances, Instant now) {
    return jdbc.execute((Connection connection) -> {
      try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
        for (int i = 0; i < inserted.size(); i++) {
          Notification n = inserted.get(i);
          insert.setString(1, n.resourceType());
          insert.setString(2, n.resourceId());
          insert.setString(3, n.version().versionId());
          insert.setObject(4, utc(n.version().lastUpdated()));
          insert.setString(5, n.fingerprint());
          insert.setBoolean(6, acceptances.get(i) == Acceptance.REWRITTEN);
          insert.setString(7, n.json());
          insert.setObject(8, utc(now));
          insert.setBoolean(9, n.caughtUp());
          insert.addBatch();
        }
        insert.executeBatch();
        List<Long> ids = new ArrayList<>(inserted.size());
        try (ResultSet keys = insert.getGeneratedKeys()) {
          while (keys.next()) {
            ids.add(keys.getLong(1));
          }
        }
        if (ids.size() != inserted.size()) {
          throw new IllegalStateException(inserted.size() + " rows inserted, " + ids.size() + " keys returned");
        }
        return ids;
      }
    });
  }

  private static List<String> versionKey(Notification n) {
    return List.of(n.resourceType(), n.resourceId(), n.version().versionId());
  }

  private String storedFingerprint(ResultSet rs) throws SQLException {
    String fingerprint = rs.getString("fingerprint");
    if (fingerprint != null) {
      return fingerprint;
    }
    String payload = rs.getString("legacy_payload");
    if (payload == null) {
      return ""; // neither fingerprint nor payload: InboxPayloadPurge never leaves a row so
    }
    OffsetDateTime lastUpdated = rs.getObject("last_updated", OffsetDateTime.class);
    return DeliveryFingerprint.ofPayload(fhirContext, payload,
        lastUpdated == null ? null : lastUpdated.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
