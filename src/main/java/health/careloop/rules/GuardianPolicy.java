package health.careloop.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who receives a patient's messages: the patient, their guardians, or both. Pure.
 *
 * <p>A minor (younger than {@code minorUnderAge} on the day of planning) is written to through
 * those the EHR records as a guardian or a parent; an adult through those recorded as a guardian
 * (a parent of an adult is not their guardian). Which of the patient and the guardians receive the
 * message is configured separately for minors and for adults with a guardian. A patient without a
 * recorded guardian always receives their own messages: nobody else can.
 *
 * @param minorUnderAge a patient younger than this many years is a minor
 * @param minors who receives a minor's messages when a guardian or parent is recorded
 * @param adultsWithGuardian who receives an adult's messages when a guardian is recorded
 * @param guardianRelationships relationship codes that make a contact a guardian ({@code system|code}
 *     or a bare code, see {@link CodeMatch})
 * @param parentRelationships relationship codes that make a contact a guardian of a minor only
 */
public record GuardianPolicy(int minorUnderAge, Rule minors, Rule adultsWithGuardian,
    List<String> guardianRelationships, List<String> parentRelationships) {

  /** Who of the patient and their guardians receives the messages. */
  public enum Rule {
    /** The patient only; guardians are not written to. */
    PATIENT_ONLY,
    /** The patient and each guardian, each their own message. */
    GUARDIANS_TOO,
    /** Each guardian instead of the patient. */
    GUARDIANS_INSTEAD
  }

  /**
   * @param patient false when the guardians receive the messages instead of the patient
   * @param guardians the guardians who receive them, each their own
   */
  public record Recipients(boolean patient, List<Guardian> guardians) {
    public Recipients {
      guardians = List.copyOf(guardians);
    }
  }

  public GuardianPolicy {
    Objects.requireNonNull(minors, "minors");
    Objects.requireNonNull(adultsWithGuardian, "adultsWithGuardian");
    guardianRelationships = List.copyOf(guardianRelationships);
    parentRelationships = List.copyOf(parentRelationships);
  }

  /**
   * @param birthDate the patient's, if the EHR records it (without it the patient is not taken for a minor)
   * @param contacts everyone the EHR records around the patient, guardians or not
   * @param today the patient's today
   */
  public Recipients recipients(LocalDate birthDate, List<Guardian> contacts, LocalDate today) {
    boolean minor = isMinor(birthDate, today);
    Rule rule = minor ? minors : adultsWithGuardian;
    List<Guardian> guardians = new ArrayList<>();
    for (Guardian contact : contacts) {
      if (CodeMatch.anyMatches(guardianRelationships, contact.relationships())
          || (minor && CodeMatch.anyMatches(parentRelationships, contact.relationships()))) {
        guardians.add(contact);
      }
    }
    if (guardians.isEmpty() || rule == Rule.PATIENT_ONLY) {
      return new Recipients(true, List.of());
    }
    return new Recipients(rule == Rule.GUARDIANS_TOO, guardians);
  }

  /** False when no patient's messages ever go to a guardian (both rules patient-only): no need to read them. */
  public boolean mayChooseGuardians() {
    return minors != Rule.PATIENT_ONLY || adultsWithGuardian != Rule.PATIENT_ONLY;
  }

  /** Whether someone born on {@code birthDate} is, on {@code today}, younger than {@link #minorUnderAge}. */
  public boolean isMinor(LocalDate birthDate, LocalDate today) {
    return birthDate != null && Period.between(birthDate, today).getYears() < minorUnderAge;
  }

  /**
   * What a message planned for a guardian becomes when it is due, decided again with this policy
   * from what the EHR records then: the patient may have come of age, the guardian may be gone.
   *
   * @param guardian the planned guardian as recorded now, if they still receive the patient's
   *     messages; else null
   * @param patient the patient is to receive the message too, or instead when {@code guardian} is
   *     null: they receive their messages now, and their own copy of this one was not planned
   * @param reason why it differs from the plan (when both are null or false: why nobody gets it);
   *     null when it goes as planned
   */
  public record AtSendTime(Guardian guardian, boolean patient, String reason) {

    /** Neither the guardian nor the patient: the copy is skipped, for {@link #reason()}. */
    public boolean nobody() {
      return guardian == null && !patient;
    }
  }

  /**
   * @param plannedGuardian the reference of the guardian the copy was planned for
   * @param contactsNow everyone the EHR records around the patient now, guardians or not
   * @param today the patient's today
   * @param patientsOwnPlanned the patient's own copy of the same message was planned (it goes, or
   *     went, on its own: never a second one)
   */
  public AtSendTime atSendTime(String plannedGuardian, LocalDate birthDate, List<Guardian> contactsNow,
      LocalDate today, boolean patientsOwnPlanned) {
    Recipients now = recipients(birthDate, contactsNow, today);
    boolean patient = now.patient() && !patientsOwnPlanned;
    Guardian guardian = now.guardians().stream()
        .filter(g -> g.reference().equals(plannedGuardian)).findFirst().orElse(null);
    if (guardian != null) {
      return new AtSendTime(guardian, patient, patient ? "the patient now receives their own messages too" : null);
    }
    // A parent who is still recorded stops counting as a guardian only when the patient comes of age.
    boolean cameOfAge = birthDate != null && !isMinor(birthDate, today) && contactsNow.stream()
        .anyMatch(c -> c.reference().equals(plannedGuardian) && CodeMatch.anyMatches(parentRelationships, c.relationships()));
    if (patient) {
      return new AtSendTime(null, true,
          cameOfAge ? "the patient is now an adult" : "the recipient is no longer recorded as the patient's guardian");
    }
    String why = cameOfAge ? "the recipient is no longer the patient's guardian: the patient is now an adult"
        : "the recipient is no longer recorded as the patient's guardian";
    return new AtSendTime(null, false, now.patient() ? why + "; the patient has their own copy" : why);
  }

  /**
   * What a message planned for the patient themself becomes when it is due, decided again with this
   * policy from what the EHR records then: a guardian or parent recorded since the planning (when
   * nobody else could be written to) receives the patient's messages now, instead of the patient or
   * as well, as the planning would decide now.
   *
   * @param patient the patient still receives this message
   * @param guardians the guardians it goes to besides the plan: those who receive the patient's
   *     messages now and whose own copy of it was not planned (a planned copy goes on its own)
   * @param reason why it differs from the plan (when {@code patient} is false and no guardian is
   *     named: why nobody gets it); null when it goes as planned
   */
  public record PatientsOwnAtSendTime(boolean patient, List<Guardian> guardians, String reason) {
    public PatientsOwnAtSendTime {
      guardians = List.copyOf(guardians);
    }
  }

  /**
   * @param contactsNow everyone the EHR records around the patient now, guardians or not
   * @param today the patient's today
   * @param copyPlanned whether a guardian's own copy of the same message was planned
   */
  public PatientsOwnAtSendTime patientsOwnAtSendTime(LocalDate birthDate, List<Guardian> contactsNow, LocalDate today,
      Predicate<Guardian> copyPlanned) {
    Recipients now = recipients(birthDate, contactsNow, today);
    List<Guardian> notPlanned = now.guardians().stream().filter(copyPlanned.negate()).toList();
    if (now.patient()) {
      return new PatientsOwnAtSendTime(true, notPlanned,
          notPlanned.isEmpty() ? null : "a guardian recorded since it was planned receives the patient's messages too");
    }
    return new PatientsOwnAtSendTime(false, notPlanned, notPlanned.isEmpty()
        ? "the patient's messages now go to their guardians, whose own copies were planned"
        : "a guardian recorded since it was planned receives the patient's messages instead");
  }
}
