package health.careloop.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling {@code /fhir}, as their validated token says: its scopes and, for a patient-context
 * token, the Patient it is about ({@code patient} claim, the Patient's id in the EHR); and the
 * client's id, which the audit trail records as the agent of what it asked.
 */
public record Caller(Set<String> scopes, Optional<String> patient, Optional<String> clientId) {

  /** The audit trail's resource type: reached only by a {@code system/} scope that names it. */
  public static final String AUDIT_EVENT = "AuditEvent";

  /** How much of a resource type an interaction may reach. */
  public enum Reach {
    /** Every patient's (a {@code system/} or {@code user/} scope). */
    ALL,
    /** Only the token's patient's (a {@code patient/} scope and a {@code patient} claim). */
    PATIENT,
    /** Nothing: no scope grants it. */
    NONE
  }

  public Caller(Set<String> scopes, Optional<String> patient) {
    this(scopes, patient, Optional.empty());
  }

  public Caller {
    scopes = Set.copyOf(scopes);
    clientId = clientId.filter(id -> !id.isBlank());
    patient = patient.map(id -> id.startsWith("Patient/") ? id.substring("Patient/".length()) : id)
        .filter(id -> !id.isBlank());
  }

  /**
   * How far the caller's scopes reach for {@code permission} on {@code type}. A {@code user/} scope
   * counts as a {@code system/} one: CareLoop keeps no list of which user may see which patient,
   * so the authorization server grants {@code user/} scopes only to users who may see every plan
   * (docs/security.md). A {@code patient/} scope without a {@code patient} claim reaches nothing.
   * The audit trail ({@value #AUDIT_EVENT}) is an auditor's: only a {@code system/} scope naming it
   * reaches it, not a wildcard such as {@code system/*.rs} given for the plans, nor {@code user/}
   * or {@code patient/} scopes.
   */
  public Reach reach(String type, char permission) {
    List<SmartScope> granting = scopes.stream().map(SmartScope::parse).flatMap(Optional::stream)
        .filter(scope -> scope.grants(type, permission))
        .filter(scope -> !type.equals(AUDIT_EVENT)
            || (scope.context().equals("system") && scope.resourceType().equals(AUDIT_EVENT)))
        .toList();
    if (granting.stream().anyMatch(scope -> !scope.patientContext())) {
      return Reach.ALL;
    }
    return !granting.isEmpty() && patient.isPresent() ? Reach.PATIENT : Reach.NONE;
  }

  /** Whether the token holds this exact scope (CareLoop's operation scopes, e.g. {@code careloop/preview}). */
  public boolean has(String scope) {
    return scopes.contains(scope);
  }
}
