package health.careloop.rules;

import java.util.Collection;
import java.util.Optional;

/**
 * Which moments of a surgical Encounter the people the patient permitted are told about, and the
 * key of each update: one per Encounter, moment and person, so each is sent once however often the
 * EHR notifies the same state. Pure.
 */
public final class SurgeryUpdates {

  /** The operation is under way. */
  public static final String STARTED = "in-progress";
  /** The operation is over: the patient is in recovery. */
  public static final String OVER = "finished";

  private static final String WHAT = "surgery-update:";

  private SurgeryUpdates() {}

  /**
   * The moment the Encounter is at ({@link #STARTED} or {@link #OVER}); empty when it is not of a
   * surgical type ({@code system|code}, or a bare code in any system, as {@link CodeMatch} reads
   * them) or at no moment a family is told about (planned, cancelled, entered in error...).
   */
  public static Optional<String> moment(EncounterSnapshot encounter, Collection<String> surgicalTypes) {
    if (!isSurgical(encounter, surgicalTypes)) {
      return Optional.empty();
    }
    return STARTED.equals(encounter.status()) || OVER.equals(encounter.status())
        ? Optional.of(encounter.status()) : Optional.empty();
  }

  public static boolean isSurgical(EncounterSnapshot encounter, Collection<String> surgicalTypes) {
    return CodeMatch.anyMatches(surgicalTypes, encounter.typeCodes());
  }

  /** The key of the update about {@code moment} to {@code person} ({@code RelatedPerson/<id>}). */
  public static String key(String encounterId, String patientId, String person, String moment) {
    return MessageKeys.ofEncounter(encounterId, patientId, person, WHAT + moment);
  }

  /** The key under which the plan records that nobody is told about {@code moment}, and why. */
  public static String nobodyKey(String encounterId, String patientId, String moment) {
    return MessageKeys.ofEncounter(encounterId, patientId, null, WHAT + "nobody:" + moment);
  }

  /** The moment an update's key is about; empty for a key that is not an update's. */
  public static Optional<String> momentOf(String key) {
    int at = key.lastIndexOf(":" + WHAT);
    return at < 0 ? Optional.empty() : Optional.of(key.substring(at + WHAT.length() + 1));
  }
}
