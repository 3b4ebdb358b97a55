package health.careloop.writeback;

/** CareLoop's own canonical URLs (GUIDE §3; definitions in fhir-profiles/). */
public final class CareLoopFhir {

  public static final String BASE = "https://careloop.health/fhir";
  public static final String COMMUNICATION_PROFILE = BASE + "/StructureDefinition/careloop-communication";
  public static final String MESSAGE_KIND_SYSTEM = BASE + "/CodeSystem/message-kind";
  public static final String MESSAGE_IDENTIFIER_SYSTEM = BASE + "/sid/message";
  public static final String DEVICE_IDENTIFIER_SYSTEM = BASE + "/sid/device";

  private CareLoopFhir() {}
}
