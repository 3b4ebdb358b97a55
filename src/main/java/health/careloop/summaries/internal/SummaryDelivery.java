package health.careloop.summaries.internal;

import health.careloop.ehr.EhrReader;
import health.careloop.ehr.EhrReferences;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import health.careloop.summaries.ClinicianSummaries;
import health.careloop.summaries.ClinicianSummaryTranslator;
import health.careloop.summaries.EncounterParticipants;
import health.careloop.summaries.SummaryDraft;
import health.careloop.summaries.SummaryPriority;
import health.careloop.summaries.SummaryProperties;
import health.careloop.writeback.CommunicationWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.stereotype.Component;

/**
 * Writes a clinician summary when it is due: reads the visit again (still finished, the clinician
 * still responsible for it) and the patient's open work as the EHR holds it now, and writes the
 * Communication with a conditional create on its key (a retry finds the one written). Respects the
 * clinician's inbox: unless configured otherwise, a separate summary is written only when something
 * is overdue; routine open work waits for the clinician's daily digest. And it respects the repeat
 * budget ({@link health.careloop.summaries.RepeatBudget}): what the clinician was told recently is
 * left out, and named in the note kept with the plan, which the façade shows; when nothing new
 * remains, nothing is written and the plan says why.
 */
@Component
class SummaryDelivery implements DueMessageHandler {

  static final int REASON_LENGTH = 500;

  private final EhrReader ehr;
  private final EhrReferences references;
  private final ClinicianSummaries summaries;
  private final CommunicationWriter writer;
  private final boolean onlyWhenOverdue;
  private final Clock clock;

  SummaryDelivery(EhrReader ehr, EhrReferences references, ClinicianSummaries summaries, CommunicationWriter writer,
      SummaryProperties properties, Clock clock) {
    this.ehr = ehr;
    this.references = references;
    this.summaries = summaries;
    this.writer = writer;
    this.onlyWhenOverdue = properties.separateOnlyWhenOverdue();
    this.clock = clock;
  }

  @Override
  public boolean handles(MessageKind kind) {
    return kind == MessageKind.CLINICIAN_TASK_SUMMARY;
  }

  @Override
  public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
    Instant now = clock.instant();
    Optional<Encounter> encounter = ehr.encounter(message.encounterId());
    if (encounter.isEmpty()) {
      return DispatchOutcome.skipped("the visit is no longer in the EHR");
    }
    if (encounter.get().getStatus() != Encounter.EncounterStatus.FINISHED) {
      return DispatchOutcome.skipped("the visit is now "
          + (encounter.get().hasStatus() ? encounter.get().getStatus().toCode() : "without status"));
    }
    String clinician = message.guardian();
    ClinicianSummaries.ForClinician summary = summaries.summariseFor(message.encounterId(), message.patientId(),
        EncounterParticipants.of(encounter.get(), references), clinician, now);
    if (summary.draft().isEmpty()) {
      return DispatchOutcome.skipped(bounded(summary.whyNone()));
    }
    SummaryDraft draft = summary.draft().get();
    String notRepeated = summary.notRepeatedNote(summaries.budget());
    if (onlyWhenOverdue && draft.content().priority() != SummaryPriority.URGENT) {
      return DispatchOutcome.skipped(bounded("nothing overdue: no separate summary (careloop.summaries."
          + "separate-only-when-overdue), the open work is for the clinician's daily digest"
          + (notRepeated == null ? "" : ". " + notRepeated)));
    }
    String communication = writer.write(ClinicianSummaryTranslator.toCommunication(draft, clinician, now));
    // With the outcome, in the transaction that records it: told if and only if the plan says sent.
    return new DispatchOutcome.Sent(communication, List.of(), notRepeated == null ? null : bounded(notRepeated),
        () -> summaries.told(clinician, summary.items(), message.messageKey(), now));
  }

  /** A reason kept with the plan has room for {@value #REASON_LENGTH} characters. */
  static String bounded(String reason) {
    return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH - 1) + "…";
  }
}
