package health.careloop.ehr;

import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.rules.Recipient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the EHR records now about a patient a message is about to go out about, read once for the
 * message, in CareLoop's own terms: the patient, whether they opted out of its kind, the people
 * around them and whom they permit to be told. Every check of one message answers from the same
 * reading, so they cannot disagree, and none of them asks the EHR again.
 */
public final class PatientAtSendTime {

  private final String patientId;
  private final PatientSurroundings read;
  private final ContactKeys contactKeys;

  PatientAtSendTime(String patientId, PatientSurroundings read, ContactKeys contactKeys) {
    this.patientId = patientId;
    this.read = read;
    this.contactKeys = contactKeys;
  }

  /** The patient; empty when the EHR no longer has them. */
  public Optional<Recipient> patient() {
    return read.patient().map(RecipientTranslator::toRecipient);
  }

  /**
   * Whether the patient has opted out of this kind of message at {@code at}, from the active
   * Consents read for this message (docs/opt-out.md).
   */
  public boolean hasOptedOut(MessageKind kind, Instant at) {
    return RecipientDirectory.optedOut(read.activeConsents(), kind, at);
  }

  /** As {@link RecipientDirectory#contactsOf}, from the Patient and RelatedPersons read for this message. */
  public List<Guardian> contacts(Instant now) {
    return RecipientDirectory.contacts(patientId, read.patient(), read.relatedPersons(), contactKeys, now);
  }

  /** As {@link RecipientDirectory#permittedFamily}, from the Consents and RelatedPersons read for this message. */
  public List<Guardian> permittedFamily(String purpose, Instant at) {
    return RecipientDirectory.permitted(read.activeConsents(), read::relatedPersons, purpose, at);
  }
}
