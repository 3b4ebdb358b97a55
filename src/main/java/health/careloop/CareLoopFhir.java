package health.careloop;

/** CareLoop's own canonical URLs, shared by every package that reads or writes FHIR (docs/architecture.md; definitions in fhir-profiles/). */
public final class CareLoopFhir {

  public static final String BASE = "https://careloop.health/fhir";
  public static final String COMMUNICATION_PROFILE = BASE + "/StructureDefinition/careloop-communication";
  /** A clinician task summary: a Communication to the clinicians responsible for a finished Encounter. */
  public static final String CLINICIAN_SUMMARY_PROFILE = BASE + "/StructureDefinition/careloop-clinician-summary";
  /** A clinician digest: one Communication a day to a clinician, listing the open work of the day's patients. */
  public static final String CLINICIAN_DIGEST_PROFILE = BASE + "/StructureDefinition/careloop-clinician-digest";
  /** A Task asking staff to pass a message on to a patient CareLoop cannot reach. */
  public static final String FOLLOW_UP_COMMUNICATION_PROFILE = BASE + "/StructureDefinition/careloop-followup-communication";
  /** On a Communication made of follow-up content whose clinical review was not current (valueBoolean true). */
  public static final String DRAFT_CONTENT_EXTENSION = BASE + "/StructureDefinition/draft-content";
  public static final String STAFF_TASK_PROFILE = BASE + "/StructureDefinition/careloop-staff-task";
  /** Codes of CareLoop's Tasks for staff ({@code Task.code}) and of their inputs ({@code Task.input.type}). */
  public static final String STAFF_TASK_SYSTEM = BASE + "/CodeSystem/staff-task";
  public static final String MESSAGE_KIND_SYSTEM = BASE + "/CodeSystem/message-kind";
  public static final String MESSAGE_IDENTIFIER_SYSTEM = BASE + "/sid/message";
  /** A Task asking the booking team to book a referral left unbooked too long. */
  public static final String REFERRAL_TASK_PROFILE = BASE + "/StructureDefinition/careloop-referral-task";
  /** Identifies CareLoop's Task for a referral by the referral ({@code ServiceRequest/{id}}): one per referral. */
  public static final String REFERRAL_TASK_IDENTIFIER_SYSTEM = BASE + "/sid/referral-task";
  public static final String DEVICE_IDENTIFIER_SYSTEM = BASE + "/sid/device";
  /** Identifies a façade client by the client id its token carries (an AuditEvent's agent). */
  public static final String CLIENT_IDENTIFIER_SYSTEM = BASE + "/sid/client";
  /** Tags the Subscriptions CareLoop keeps in the EHR, so that a restart finds them again. */
  public static final String SUBSCRIPTION_TAG_SYSTEM = BASE + "/CodeSystem/subscription";

  private CareLoopFhir() {}
}
