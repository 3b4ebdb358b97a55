package health.careloop.summaries.digest.internal;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.ehr.EhrReferences;
import health.careloop.summaries.digest.DayAppointment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The day's appointments from the EHR:
 * {@code Appointment?date=ge<day start>&date=lt<day end>&status=booked,arrived,checked-in&_sort=date},
 * every page (R4's {@code date} search parameter is {@code Appointment.start}). The clinicians are
 * the Practitioner and PractitionerRole actors that have not declined; their references are all the
 * digest needs of them, so nothing is {@code _include}d. Past any search cache of the EHR: an
 * appointment cancelled a minute ago is not on the list.
 *
 * <p>Every page is read, without a bound: a clinic's day is finite, and a digest that stopped
 * part-way would omit patients without saying so.
 */
@Component
class EhrDayAppointments {

  private static final Logger log = LoggerFactory.getLogger(EhrDayAppointments.class);
  static final List<String> ON_THE_DAY = List.of("booked", "arrived", "checked-in");
  private static final int PAGE_SIZE = 100;

  private final IGenericClient ehr;
  private final EhrReferences references;

  EhrDayAppointments(IGenericClient ehr, EhrReferences references) {
    this.ehr = ehr;
    this.references = references;
  }

  /** The appointments starting in [{@code from}, {@code until}) with a patient and at least one clinician. */
  List<DayAppointment> between(Instant from, Instant until) {
    Bundle page = ehr.search().forResource(Appointment.class)
        .where(Appointment.DATE.afterOrEquals().second(from.toString()))
        .and(Appointment.DATE.before().second(until.toString()))
        .and(Appointment.STATUS.exactly().codes(ON_THE_DAY))
        .sort(new SortSpec(Appointment.SP_DATE))
        .count(PAGE_SIZE)
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    List<DayAppointment> day = new ArrayList<>();
    while (true) {
      page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
          .filter(Appointment.class::isInstance).map(Appointment.class::cast)
          .forEach(appointment -> toDayAppointment(appointment).ifPresent(day::add));
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return day;
      }
      page = ehr.loadPage().next(page).execute();
    }
  }

  private Optional<DayAppointment> toDayAppointment(Appointment appointment) {
    String id = "Appointment/" + appointment.getIdElement().getIdPart();
    String patient = null;
    String patientDisplay = null;
    List<String> clinicians = new ArrayList<>();
    for (AppointmentParticipantComponent participant : appointment.getParticipant()) {
      if (participant.getStatus() == ParticipationStatus.DECLINED) {
        continue;
      }
      String actor = references.relativeInEhr(participant.getActor().getReference());
      if (actor == null) {
        continue;
      }
      if (actor.startsWith("Patient/") && patient == null) {
        patient = actor;
        patientDisplay = participant.getActor().getDisplay();
      } else if (actor.startsWith("Practitioner/") || actor.startsWith("PractitionerRole/")) {
        clinicians.add(actor);
      }
    }
    if (patient == null || clinicians.isEmpty() || !appointment.hasStart()) {
      log.debug("{}: not in a digest (no patient, clinician or start)", id);
      return Optional.empty();
    }
    return Optional.of(new DayAppointment(id, appointment.getStart().toInstant(), patient, patientDisplay, clinicians));
  }
}
