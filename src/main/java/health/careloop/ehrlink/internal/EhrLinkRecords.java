package health.careloop.ehrlink.internal;

import health.careloop.ehr.SubscriptionCheck;
import health.careloop.ehr.SubscriptionRepair;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The last supervision's findings (tables {@code subscription_check} and {@code ehr_link_check}),
 * kept in the database so that every replica's health shows them, not just the one that ran it.
 */
@Component
class EhrLinkRecords {

  static final String EHR = "ehr";
  private static final String SILENCE = "silence:";

  /** The EHR answered (or not) at the last check. */
  record EhrReach(Instant checkedAt, boolean reachable, String problem) {}

  /** A type's silence as last judged. */
  record SilenceState(String resourceType, Instant checkedAt, Silence.Verdict verdict, Instant from, String detail) {}

  /** A Subscription as last checked. */
  record Checked(SubscriptionCheck check, Instant checkedAt) {}

  private final JdbcTemplate jdbc;

  EhrLinkRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void ehr(Instant at, boolean reachable, String problem) {
    upsert(EHR, at, reachable ? "REACHABLE" : "UNREACHABLE", problem, null);
  }

  void subscription(SubscriptionCheck c, Instant at) {
    Object[] values = {c.resourceType(), c.subscriptionId(), c.statusFound(), c.repair().name(), Timestamp.from(at), c.code()};
    if (jdbc.update("update subscription_check set resource_type = ?, subscription_id = ?, status_found = ?, repair = ?,"
        + " checked_at = ? where code = ?", values) == 0) {
      try {
        jdbc.update("insert into subscription_check (resource_type, subscription_id, status_found, repair, checked_at, code)"
            + " values (?, ?, ?, ?, ?, ?)", values);
      } catch (DuplicateKeyException concurrent) {
        jdbc.update("update subscription_check set resource_type = ?, subscription_id = ?, status_found = ?, repair = ?,"
            + " checked_at = ? where code = ?", values);
      }
    }
  }

  void silence(String resourceType, Instant at, Silence.Judgement judgement, String detail) {
    upsert(SILENCE + resourceType, at, judgement.verdict().name(), detail, judgement.from());
  }

  Optional<Instant> silenceFrom(String resourceType) {
    return jdbc.queryForList("select since_at from ehr_link_check where name = ?", Timestamp.class, SILENCE + resourceType)
        .stream().filter(java.util.Objects::nonNull).findFirst().map(Timestamp::toInstant);
  }

  Optional<EhrReach> ehr() {
    return jdbc.query("select checked_at, state, detail from ehr_link_check where name = ?",
        (rs, i) -> new EhrReach(rs.getTimestamp(1).toInstant(), "REACHABLE".equals(rs.getString(2)), rs.getString(3)),
        EHR).stream().findFirst();
  }

  List<Checked> subscriptions() {
    return jdbc.query("select code, resource_type, subscription_id, status_found, repair, checked_at from subscription_check"
        + " order by code", (rs, i) -> new Checked(new SubscriptionCheck(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), SubscriptionRepair.valueOf(rs.getString(5))), rs.getTimestamp(6).toInstant()));
  }

  List<SilenceState> silences() {
    return jdbc.query("select name, checked_at, state, since_at, detail from ehr_link_check where name like ? order by name",
        (rs, i) -> new SilenceState(rs.getString(1).substring(SILENCE.length()), rs.getTimestamp(2).toInstant(),
            Silence.Verdict.valueOf(rs.getString(3)), rs.getTimestamp(4).toInstant(), rs.getString(5)),
        SILENCE + "%");
  }

  private void upsert(String name, Instant at, String state, String detail, Instant since) {
    Object[] values = {Timestamp.from(at), state, detail, since == null ? null : Timestamp.from(since), name};
    if (jdbc.update("update ehr_link_check set checked_at = ?, state = ?, detail = ?, since_at = ? where name = ?", values) == 0) {
      try {
        jdbc.update("insert into ehr_link_check (checked_at, state, detail, since_at, name) values (?, ?, ?, ?, ?)", values);
      } catch (DuplicateKeyException concurrent) {
        jdbc.update("update ehr_link_check set checked_at = ?, state = ?, detail = ?, since_at = ? where name = ?", values);
      }
    }
  }
}
