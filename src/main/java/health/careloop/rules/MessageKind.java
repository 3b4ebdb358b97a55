package health.careloop.rules;

import java.util.Arrays;

/**
 * The kinds of message CareLoop writes. Each code is a concept of the CodeSystem
 * {@code https://careloop.health/fhir/CodeSystem/message-kind} (fhir-profiles/) and the name of
 * the template folder under {@code config/templates}.
 */
public enum MessageKind {
  APPOINTMENT_CONFIRMATION("appointment-confirmation"),
  APPOINTMENT_REMINDER("appointment-reminder"),
  APPOINTMENT_MOVED("appointment-moved"),
  APPOINTMENT_CANCELLED("appointment-cancelled"),
  APPOINTMENT_MISSED("appointment-missed");

  private final String code;

  MessageKind(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static MessageKind fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown message kind: " + code));
  }
}
