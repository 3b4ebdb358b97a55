package health.careloop.rules;

import java.util.Optional;

/**
 * The deterministic keys of CareLoop's messages, in one place: the planner makes them, and the send
 * time needs the patient's own key of a guardian's copy and a guardian's key of the patient's own
 * message (a copy that goes to another recipient than planned must be written under that recipient's
 * key, so that a retry, or the copy planned for that recipient, finds the one Communication already
 * written). Pure.
 *
 * <p>{@code Appointment/<id>:Patient/<id>:<what>} for the patient,
 * {@code Appointment/<id>:Patient/<id>:to:<guardian>:<what>} for a guardian's copy; a follow-up after a
 * visit the same with {@code Encounter/<id>} first ({@link #ofEncounter}).
 */
public final class MessageKeys {

  private MessageKeys() {}

  /**
   * @param guardian the guardian's reference ({@link Guardian#reference()}); null for the patient
   * @param what the message and the appointment state it is about, e.g. {@code reminder-P2D:<start>}
   */
  public static String of(String appointmentId, String patientId, String guardian, String what) {
    return "Appointment/" + appointmentId + ":" + recipient(patientId, guardian) + ":" + what;
  }

  /** The key of a message about an Encounter (a follow-up after the visit). */
  public static String ofEncounter(String encounterId, String patientId, String guardian, String what) {
    return "Encounter/" + encounterId + ":" + recipient(patientId, guardian) + ":" + what;
  }

  /** Who a message goes to, about whom: the part of a key (and of a group key) that names the recipient. */
  public static String recipient(String patientId, String guardian) {
    return "Patient/" + patientId + (guardian == null ? "" : ":to:" + guardian);
  }

  /**
   * The key the patient's own copy of a guardian's message has; empty if {@code key} is not a
   * guardian's copy for {@code patientId} and {@code guardian}.
   */
  public static Optional<String> patientsOwn(String key, String patientId, String guardian) {
    return guardian == null ? Optional.empty()
        : readdressed(key, recipient(patientId, guardian), recipient(patientId, null));
  }

  /** Whether {@code key} is the key of a message to the patient themself, not a guardian's copy. */
  public static boolean isPatientsOwn(String key, String patientId) {
    String patients = ":" + recipient(patientId, null) + ":";
    int at = key.indexOf(patients);
    return at >= 0 && aboutAppointmentOrEncounter(key) && !key.startsWith("to:", at + patients.length());
  }

  /**
   * The key a guardian's copy of the patient's own message has ({@code key} with the guardian named
   * as its recipient); empty if {@code key} is not the patient's own message for {@code patientId}.
   */
  public static Optional<String> guardiansCopy(String key, String patientId, String guardian) {
    return guardian == null || !isPatientsOwn(key, patientId) ? Optional.empty()
        : readdressed(key, recipient(patientId, null), recipient(patientId, guardian));
  }

  /** {@code key} with its recipient part {@code from} replaced by {@code to}; empty if it has no such part. */
  private static Optional<String> readdressed(String key, String from, String to) {
    String part = ":" + from + ":";
    int at = key.indexOf(part);
    if (at < 0 || !aboutAppointmentOrEncounter(key)) {
      return Optional.empty();
    }
    return Optional.of(key.substring(0, at) + ":" + to + ":" + key.substring(at + part.length()));
  }

  private static boolean aboutAppointmentOrEncounter(String key) {
    return key.startsWith("Appointment/") || key.startsWith("Encounter/");
  }
}
