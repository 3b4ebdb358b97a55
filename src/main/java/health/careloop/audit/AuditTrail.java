package health.careloop.audit;

/** Where CareLoop records what it did and who asked it: its own database (docs/security.md, "Audit trail"). */
public interface AuditTrail {

  /**
   * Records the entry in the caller's transaction when there is one (it commits or rolls back with
   * what it records), else at once. Throws when it cannot: whatever is recorded must not happen
   * without its entry.
   */
  void record(AuditRecord entry);

  /**
   * Records the entry in a transaction of its own, committed at once: for a failure whose
   * surrounding transaction rolls back (an EHR refusal inside a dispatch).
   */
  void recordApart(AuditRecord entry);
}
