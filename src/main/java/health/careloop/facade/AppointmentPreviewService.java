package health.careloop.facade;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.careloop.ehr.AppointmentTranslator;
import health.careloop.ehr.EhrReader;
import health.careloop.ehr.EhrReferences;
import health.careloop.ehr.ParticipantReferences;
import health.careloop.reminders.ReminderPreview;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.schedule.MessageDraft;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Service;

/**
 * The plan an Appointment would get now, as draft CommunicationRequests, computed as for a real
 * notification ({@link ReminderPreview}) and written nowhere: no planned message, no scheduled
 * work, no inbox event.
 */
@Service
class AppointmentPreviewService {

  /** Stands in for the id of an inline Appointment that has none; never shown to the caller. */
  static final String NO_ID = "$preview";

  private final ReminderPreview reminders;
  private final EhrReader ehrReader;
  private final EhrReferences ehr;
  private final PlannedMessageTranslator translator;
  private final Clock clock;

  AppointmentPreviewService(ReminderPreview reminders, EhrReader ehrReader, EhrReferences ehr,
      PlannedMessageTranslator translator, Clock clock) {
    this.reminders = reminders;
    this.ehrReader = ehrReader;
    this.ehr = ehr;
    this.translator = translator;
    this.clock = clock;
  }

  /**
   * An Appointment given whole. With an id it is taken as that Appointment of the EHR in the state
   * given (the drafts carry the keys and references it would get); without one, as a new
   * Appointment (no keys, nothing to reference).
   */
  public Bundle preview(Appointment appointment) {
    String id = appointment.getIdElement().getIdPart();
    boolean hasId = id != null && !id.isBlank();
    checkParticipants(appointment, "appointment");
    return fromTheEhr(() -> bundle(snapshot(hasId ? id : NO_ID, appointment), hasId));
  }

  /**
   * The Appointment the EHR holds now. 422 when it has none: the operation exists and the request
   * is well formed, but its input names a resource that cannot be found; a 404 would say that
   * {@code Appointment/$preview} itself does not exist.
   */
  public Bundle preview(Reference reference) {
    String id = appointmentId(reference);
    Appointment appointment = fromTheEhr(() -> ehrReader.appointment(id)).orElseThrow(() ->
        new UnprocessableEntityException("CL-2023: appointmentReference: the EHR has no Appointment/" + id));
    checkParticipants(appointment, "appointmentReference");
    return fromTheEhr(() -> bundle(snapshot(id, appointment), true));
  }

  /** 422 when CareLoop cannot tell who a participant is (no id, or on another server). */
  private void checkParticipants(Appointment appointment, String parameter) {
    ParticipantReferences.problem(appointment, ehr).ifPresent(problem -> {
      throw new UnprocessableEntityException("CL-2026: " + parameter + ": " + problem);
    });
  }

  /** A preview reads the EHR (the Appointment, its patients' time zones): see {@link FromTheEhr}. */
  private static <T> T fromTheEhr(Supplier<T> read) {
    return FromTheEhr.read("to compute the preview", "while the preview was computed", read);
  }

  private String appointmentId(Reference reference) {
    return PreviewReferences.idOf(reference, "Appointment", "appointmentReference", "appointment", ehr);
  }

  private static AppointmentSnapshot snapshot(String id, Appointment appointment) {
    return AppointmentTranslator.toSnapshot(id, appointment, AppointmentTranslator.versionOf(appointment, "preview"));
  }

  private Bundle bundle(AppointmentSnapshot appointment, boolean appointmentHasId) {
    List<MessageDraft> drafts = reminders.preview(appointment);
    Bundle bundle = new Bundle().setType(BundleType.COLLECTION);
    bundle.setTimestamp(Date.from(clock.instant()));
    for (MessageDraft draft : drafts) {
      CommunicationRequest request = appointmentHasId ? translator.toPreview(draft) : translator.toAnonymousPreview(draft);
      bundle.addEntry().setResource(request);
    }
    return bundle;
  }
}
