package health.careloop.facade;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.careloop.ehr.EhrReader;
import health.careloop.ehr.EhrReferences;
import health.careloop.ehr.EncounterTranslator;
import health.careloop.followup.FollowUpPreview;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.ResourceVersion;
import java.time.Clock;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Service;

/**
 * The follow-ups a visit would get now ({@link FollowUpPreview}), as draft CommunicationRequests and
 * an OperationOutcome of information issues saying why; written nowhere.
 */
@Service
class EncounterPreviewService {

  private final FollowUpPreview followUps;
  private final EhrReader ehrReader;
  private final EhrReferences ehr;
  private final PlannedMessageTranslator translator;
  private final Clock clock;

  EncounterPreviewService(FollowUpPreview followUps, EhrReader ehrReader, EhrReferences ehr,
      PlannedMessageTranslator translator, Clock clock) {
    this.followUps = followUps;
    this.ehrReader = ehrReader;
    this.ehr = ehr;
    this.translator = translator;
    this.clock = clock;
  }

  /**
   * An Encounter given whole. With an id it is taken as that Encounter of the EHR in the state given
   * (its Procedures are read from the EHR); without one, as a visit the EHR does not hold.
   */
  public Bundle preview(Encounter encounter) {
    String id = encounter.getIdElement().getIdPart();
    boolean hasId = id != null && !id.isBlank();
    return read(() -> bundle(EncounterTranslator.toSnapshot(hasId ? id : AppointmentPreviewService.NO_ID, encounter,
        new ResourceVersion("preview", null)), hasId));
  }

  /** The Encounter the EHR holds now; 422 when it has none (as for an Appointment's $preview). */
  public Bundle preview(Reference reference) {
    String id = PreviewReferences.idOf(reference, "Encounter", "encounterReference", "encounter", ehr);
    Encounter encounter = read(() -> ehrReader.encounter(id)).orElseThrow(() ->
        new UnprocessableEntityException("CL-2023: encounterReference: the EHR has no Encounter/" + id));
    return read(() -> bundle(EncounterTranslator.current(id, encounter), true));
  }

  private static <T> T read(java.util.function.Supplier<T> read) {
    return FromTheEhr.read("to compute the preview", "while the preview was computed", read);
  }

  private Bundle bundle(EncounterSnapshot encounter, boolean inEhr) {
    FollowUpPreview.Preview preview = followUps.preview(encounter, inEhr);
    Bundle bundle = new Bundle().setType(BundleType.COLLECTION);
    bundle.setTimestamp(Date.from(clock.instant()));
    preview.wanted().forEach(draft -> bundle.addEntry()
        .setResource(inEhr ? translator.toPreview(draft) : translator.toAnonymousPreview(draft)));
    OperationOutcome why = new OperationOutcome();
    preview.notes().forEach(note -> why.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
        .setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(note));
    if (why.hasIssue()) {
      bundle.addEntry().setResource(why);
    }
    return bundle;
  }
}
