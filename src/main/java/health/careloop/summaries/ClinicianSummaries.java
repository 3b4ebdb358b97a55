package health.careloop.summaries;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for writing a clinician summary when an Encounter has finished: who it goes to,
 * the patient's open work read from the EHR now, and the text. Writing it is the caller's:
 * {@link ClinicianSummaryTranslator#toCommunications} and a conditional create on each identifier.
 */
public class ClinicianSummaries {

  private static final Logger log = LoggerFactory.getLogger(ClinicianSummaries.class);

  private final OpenWorkSource ehr;
  private final ClinicianSummary summary;
  private final List<String> participantTypes;
  private final RepeatBudget budget;
  private final ToldItems told;

  /** Without a repeat budget: every summary tells all open work. */
  public ClinicianSummaries(OpenWorkSource ehr, ClinicianSummary summary, List<String> participantTypes) {
    this(ehr, summary, participantTypes, new RepeatBudget(java.time.Duration.ZERO), NOTHING_TOLD);
  }

  public ClinicianSummaries(OpenWorkSource ehr, ClinicianSummary summary, List<String> participantTypes,
      RepeatBudget budget, ToldItems told) {
    this.ehr = ehr;
    this.summary = summary;
    this.participantTypes = List.copyOf(participantTypes);
    this.budget = budget;
    this.told = told;
  }

  private static final ToldItems NOTHING_TOLD = new ToldItems() {
    @Override
    public Map<String, RepeatBudget.Told> toldTo(String recipient, Instant since) {
      return Map.of();
    }

    @Override
    public void record(String recipient, Collection<RepeatBudget.Item> items, String message, Instant at,
        Instant forgetBefore) {}
  };

  /**
   * The summary for one of the visit's clinicians, leaving out what was told to them within the
   * repeat budget's window ({@link RepeatBudget}). Reads the EHR and what was told.
   *
   * @return the draft, or why there is none
   */
  public ForClinician summariseFor(String encounterId, String patientId, List<EncounterParticipant> participants,
      String clinician, Instant now) {
    List<String> recipients = ResponsibleClinicians.of(participants, participantTypes);
    if (!recipients.contains(clinician)) {
      return ForClinician.none(clinician + " is no longer responsible for the visit", List.of());
    }
    OpenWork work = ehr.openWork(patientId, now);
    if (!work.hasWork() && !summary.writesWhenEmpty()) {
      log.info("Encounter/{}: no clinician summary, Patient/{} has no open work in the EHR", encounterId, patientId);
      return ForClinician.none("nothing to say: the patient has no open work in the EHR", List.of());
    }
    RepeatBudget.Folded folded = budget.fold(work, told.toldTo(clinician, budget.since(now)), now);
    if (!folded.kept().hasWork() && !summary.writesWhenEmpty()) {
      return ForClinician.none("nothing new for " + clinician + ": every open item was told to them in the last "
          + budget.windowInWords() + " (careloop.summaries.repeat-after) and none has become overdue since; not repeated: "
          + ForClinician.listed(folded.notRepeated()), folded.notRepeated());
    }
    SummaryContent content = summary.write(folded.kept(), folded.notRepeated(), budget.windowInWords()).orElseThrow();
    return new ForClinician(Optional.of(new SummaryDraft(encounterId, patientId, List.of(clinician), content)),
        RepeatBudget.items(folded.kept()), folded.notRepeated(), null);
  }

  /**
   * Records that {@code message} told {@code items} to {@code clinician}: they are not repeated to
   * them within the window. In the caller's transaction, with the outcome of the message.
   */
  public void told(String clinician, List<RepeatBudget.Item> items, String message, Instant now) {
    if (!budget.window().isZero() && !items.isEmpty()) {
      told.record(clinician, items, message, now, budget.since(now));
    }
  }

  /**
   * A summary for one clinician, or why there is none.
   *
   * @param items what the draft tells, to record once it is written
   * @param notRepeated what was left out as told already
   * @param whyNone why there is no draft; null when there is one
   */
  public record ForClinician(Optional<SummaryDraft> draft, List<RepeatBudget.Item> items, List<String> notRepeated,
      String whyNone) {

    /** At most this many references are listed in a reason or note kept with the plan (it has 500 characters). */
    static final int LISTED = 5;

    public ForClinician {
      items = List.copyOf(items);
      notRepeated = List.copyOf(notRepeated);
    }

    static ForClinician none(String why, List<String> notRepeated) {
      return new ForClinician(Optional.empty(), List.of(), notRepeated, why);
    }

    /** What the façade shows of the items left out, kept with the plan; null when none was. */
    public String notRepeatedNote(RepeatBudget budget) {
      return notRepeated.isEmpty() ? null : "Not repeated, told to the clinician in the last "
          + budget.windowInWords() + " (careloop.summaries.repeat-after) and not newly overdue: " + listed(notRepeated);
    }

    /** The references, the first {@value #LISTED} of them and how many more. */
    static String listed(List<String> references) {
      String first = String.join(", ", references.subList(0, Math.min(LISTED, references.size())));
      return references.size() <= LISTED ? first : first + " and " + (references.size() - LISTED) + " more";
    }
  }

  public RepeatBudget budget() {
    return budget;
  }

  /**
   * The summary to write for a finished Encounter; empty when nobody is responsible for it (no
   * participant of the configured types, nor an untyped clinician: see {@link ResponsibleClinicians})
   * or when there is nothing to say (see {@link ClinicianSummary}). Reads the EHR (an EHR that
   * fails throws, for the caller to retry).
   *
   * @param participants the Encounter's participants ({@link EncounterParticipants#of})
   */
  public Optional<SummaryDraft> summarise(String encounterId, String patientId, List<EncounterParticipant> participants,
      Instant now) {
    List<String> recipients = ResponsibleClinicians.of(participants, participantTypes);
    if (recipients.isEmpty()) {
      log.warn("Encounter/{}: no clinician summary, no participant is a responsible Practitioner or PractitionerRole"
          + " (careloop.summaries.participant-types)", encounterId);
      return Optional.empty();
    }
    Optional<SummaryContent> content = summary.write(ehr.openWork(patientId, now));
    if (content.isEmpty()) {
      log.info("Encounter/{}: no clinician summary, Patient/{} has no open work in the EHR", encounterId, patientId);
    }
    return content.map(c -> new SummaryDraft(encounterId, patientId, recipients, c));
  }
}
