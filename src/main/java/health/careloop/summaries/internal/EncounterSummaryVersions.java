package health.careloop.summaries.internal;

import health.careloop.rules.ResourceVersion;
import health.careloop.rules.ResourceVersion.Arrival;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code encounter_summary_version} table: the newest version of each Encounter the clinician
 * summaries were planned from. In the inbox transaction: the row is locked while the version is
 * decided, and a second first-ever version of the same Encounter at the same moment fails on the
 * primary key, its inbox event retried.
 */
@Component
class EncounterSummaryVersions {

  private final JdbcTemplate jdbc;

  EncounterSummaryVersions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * How {@code version} arrives after the one the summaries hold, recorded as the one held unless it
   * is not newer.
   */
  Arrival arrive(String encounterId, ResourceVersion version, boolean seenWithOtherContent, Instant now) {
    List<ResourceVersion> held = jdbc.query(
        "select version_id, last_updated from encounter_summary_version where encounter_id = ? for update",
        (row, n) -> new ResourceVersion(row.getString(1),
            row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant()), encounterId);
    Timestamp lastUpdated = version.lastUpdated() == null ? null : Timestamp.from(version.lastUpdated());
    if (held.isEmpty()) {
      jdbc.update("insert into encounter_summary_version (encounter_id, version_id, last_updated, updated_at)"
          + " values (?, ?, ?, ?)", encounterId, version.versionId(), lastUpdated, Timestamp.from(now));
      return Arrival.NEWER;
    }
    Arrival arrival = version.arrivingAfter(held.get(0), seenWithOtherContent);
    if (arrival != Arrival.NOT_NEWER) {
      jdbc.update("update encounter_summary_version set version_id = ?, last_updated = ?, updated_at = ?"
          + " where encounter_id = ?", version.versionId(), lastUpdated, Timestamp.from(now), encounterId);
    }
    return arrival;
  }
}
