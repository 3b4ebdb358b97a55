package health.careloop.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading the audit trail, for the façade's AuditEvent read and search. */
public interface AuditQuery {

  Optional<AuditRecord> byId(String id);

  /**
   * One page of the entries matching {@code search}, ordered by the time recorded (then id), and
   * how many match in all.
   */
  Page search(Search search, int offset, int limit);

  /**
   * What an audit search asks for; each criterion null or empty for "any".
   *
   * @param patients entries about any of these Patients ({@code Patient/<id>})
   * @param from recorded at or after
   * @param before recorded before
   * @param clientIds entries of any of these clients
   */
  record Search(Set<String> patients, Instant from, Instant before, Set<String> clientIds) {

    public Search {
      patients = patients == null ? Set.of() : Set.copyOf(patients);
      clientIds = clientIds == null ? Set.of() : Set.copyOf(clientIds);
    }
  }

  record Page(List<AuditRecord> entries, long total) {

    public Page {
      entries = List.copyOf(entries);
    }
  }
}
