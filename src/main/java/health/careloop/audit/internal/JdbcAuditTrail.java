package health.careloop.audit.internal;

import health.careloop.audit.AuditInteraction;
import health.careloop.audit.AuditOutcome;
import health.careloop.audit.AuditQuery;
import health.careloop.audit.AuditRecord;
import health.careloop.audit.AuditTrail;
import health.careloop.audit.AuditedEntity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail in CareLoop's database ({@code audit_event}, {@code audit_entity}), written with
 * plain JDBC: it joins the transaction in progress (Spring's JPA transaction manager shares its
 * connection with JDBC), so an entry commits with what it records.
 */
@Component
class JdbcAuditTrail implements AuditTrail, AuditQuery {

  private static final String COLUMNS =
      "id, recorded_at, interaction, resource_type, operation, outcome, client_id, by_careloop";

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate apart;

  JdbcAuditTrail(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.apart = new TransactionTemplate(transactions);
    this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Override
  public void record(AuditRecord entry) {
    jdbc.update("insert into audit_event (" + COLUMNS + ") values (:id, :recorded, :interaction, :type, "
        + ":operation, :outcome, :client, :byCareLoop)", new MapSqlParameterSource()
        .addValue("id", entry.id())
        .addValue("recorded", utc(entry.recorded()))
        .addValue("interaction", entry.interaction().code())
        .addValue("type", entry.resourceType())
        .addValue("operation", entry.operation())
        .addValue("outcome", entry.outcome().code())
        .addValue("client", entry.clientId())
        .addValue("byCareLoop", entry.byCareLoop()));
    List<AuditedEntity> entities = entry.entities();
    if (entities.isEmpty()) {
      return;
    }
    MapSqlParameterSource[] rows = new MapSqlParameterSource[entities.size()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new MapSqlParameterSource().addValue("event", entry.id()).addValue("position", i)
          .addValue("reference", entities.get(i).reference()).addValue("patient", entities.get(i).patient());
    }
    jdbc.batchUpdate("insert into audit_entity (audit_event_id, position, reference, patient) "
        + "values (:event, :position, :reference, :patient)", rows);
  }

  @Override
  public void recordApart(AuditRecord entry) {
    apart.executeWithoutResult(status -> record(entry));
  }

  @Override
  public Optional<AuditRecord> byId(String id) {
    List<AuditRecord> found = withEntities(jdbc.query("select " + COLUMNS + " from audit_event where id = :id",
        Map.of("id", id), JdbcAuditTrail::entry));
    return found.stream().findFirst();
  }

  @Override
  public Page search(Search search, int offset, int limit) {
    MapSqlParameterSource parameters = new MapSqlParameterSource();
    StringBuilder where = new StringBuilder(" where 1 = 1");
    if (search.from() != null) {
      where.append(" and recorded_at >= :from");
      parameters.addValue("from", utc(search.from()));
    }
    if (search.before() != null) {
      where.append(" and recorded_at < :before");
      parameters.addValue("before", utc(search.before()));
    }
    if (!search.clientIds().isEmpty()) {
      where.append(" and client_id in (:clients)");
      parameters.addValue("clients", search.clientIds());
    }
    if (!search.patients().isEmpty()) {
      where.append(" and id in (select audit_event_id from audit_entity where patient = true"
          + " and reference in (:patients))");
      parameters.addValue("patients", search.patients());
    }
    Long total = jdbc.queryForObject("select count(*) from audit_event" + where, parameters, Long.class);
    if (limit == 0 || total == null || total == 0) {
      return new Page(List.of(), total == null ? 0 : total);
    }
    parameters.addValue("limit", limit).addValue("offset", offset);
    List<AuditRecord> entries = jdbc.query("select " + COLUMNS + " from audit_event" + where
        + " order by recorded_at, id limit :limit offset :offset", parameters, JdbcAuditTrail::entry);
    return new Page(withEntities(entries), total);
  }

  /**
   * The oldest entries not copied to the EHR yet, after {@code after} (the last one a run has
   * already tried, so that one the EHR refuses does not come back in the same run), with their
   * entities; at most {@code limit}.
   */
  List<AuditRecord> notCopied(AuditRecord after, int limit) {
    MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("limit", limit);
    // Written for ix_audit_event_copy (copied_to_ehr_at, recorded_at, id): ordered by all three
    // (the first is null throughout) and bounded below by recorded_at, so PostgreSQL reads the
    // batch straight off the index instead of walking every copied entry or filtering a range.
    String where = " where copied_to_ehr_at is null";
    if (after != null) {
      where += " and recorded_at >= :recorded and (recorded_at > :recorded or id > :id)";
      parameters.addValue("recorded", utc(after.recorded())).addValue("id", after.id());
    }
    return withEntities(jdbc.query("select " + COLUMNS + " from audit_event" + where
        + " order by copied_to_ehr_at, recorded_at, id limit :limit", parameters, JdbcAuditTrail::entry));
  }

  /** Marks the entries as copied to the EHR, now. */
  void markCopied(List<String> ids, Instant now) {
    if (!ids.isEmpty()) {
      jdbc.update("update audit_event set copied_to_ehr_at = :now where id in (:ids)",
          new MapSqlParameterSource().addValue("now", utc(now)).addValue("ids", ids));
    }
  }

  /** The entries with their entities, read in one query. */
  private List<AuditRecord> withEntities(List<AuditRecord> entries) {
    if (entries.isEmpty()) {
      return entries;
    }
    Map<String, List<AuditedEntity>> entities = new HashMap<>();
    jdbc.query("select audit_event_id, reference, patient from audit_entity where audit_event_id in (:ids)"
            + " order by audit_event_id, position",
        Map.of("ids", entries.stream().map(AuditRecord::id).toList()),
        rs -> {
          entities.computeIfAbsent(rs.getString("audit_event_id"), id -> new ArrayList<>())
              .add(new AuditedEntity(rs.getString("reference"), rs.getBoolean("patient")));
        });
    Map<String, AuditRecord> ordered = new LinkedHashMap<>();
    for (AuditRecord entry : entries) {
      ordered.put(entry.id(), new AuditRecord(entry.id(), entry.recorded(), entry.interaction(),
          entry.resourceType(), entry.operation(), entry.outcome(), entry.clientId(),
          entities.getOrDefault(entry.id(), List.of()), entry.byCareLoop()));
    }
    return List.copyOf(ordered.values());
  }

  private static AuditRecord entry(ResultSet rs, int row) throws SQLException {
    return new AuditRecord(rs.getString("id"), rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
        AuditInteraction.ofCode(rs.getString("interaction")), rs.getString("resource_type"),
        rs.getString("operation"), AuditOutcome.ofCode(rs.getString("outcome")), rs.getString("client_id"),
        List.of(), rs.getBoolean("by_careloop"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
