package health.careloop.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.ehr.FhirExtensions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Loads a scenario's data into the EHR fast: transaction Bundles of {@value #PER_BUNDLE} creates
 * (one EHR transaction each), as a data migration would, not one request per resource. Loaded
 * before CareLoop registers its Subscriptions, so that CareLoop hears nothing of it.
 */
final class EhrLoad {

  static final int PER_BUNDLE = 500;

  /** An appointment as loaded: its id, its one patient and its start. */
  record Booked(String appointmentId, String patientId, Instant start) {}

  private final IGenericClient ehr;
  private final String locationId;

  EhrLoad(IGenericClient ehr, String locationId) {
    this.ehr = ehr;
    this.locationId = locationId;
  }

  /** Patients with an SMS number, English, in London's time zone (as the end-to-end tests have them). */
  List<String> patients(int count, String prefix) {
    List<Resource> patients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Patient p = new Patient();
      p.addName().setFamily("Bench").addGiven(prefix + i);
      p.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("+15550100").setRank(1);
      p.addCommunication().setPreferred(true)
          .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en", null)));
      p.addExtension(FhirExtensions.TIME_ZONE, new CodeType("Europe/London"));
      patients.add(p);
    }
    return create(patients);
  }

  /**
   * {@code count} booked appointments, the n-th starting {@code n} minutes after {@code firstStart},
   * spread over {@code patientIds}, at the location.
   */
  List<Booked> appointments(int count, Instant firstStart, List<String> patientIds) {
    List<Booked> booked = new ArrayList<>(count);
    for (int from = 0; from < count; from += PER_BUNDLE) {
      List<Resource> batch = new ArrayList<>();
      for (int n = from; n < Math.min(count, from + PER_BUNDLE); n++) {
        batch.add(booked(firstStart.plus(n, ChronoUnit.MINUTES), patientIds.get(n % patientIds.size()), locationId));
      }
      List<String> ids = create(batch);
      for (int i = 0; i < ids.size(); i++) {
        int n = from + i;
        booked.add(new Booked(ids.get(i), patientIds.get(n % patientIds.size()),
            firstStart.plus(n, ChronoUnit.MINUTES)));
      }
    }
    return booked;
  }

  /** A booked half-hour appointment of one patient at one location, as every scenario books them. */
  static Appointment booked(Instant start, String patientId, String locationId) {
    Appointment a = new Appointment();
    a.setStatus(Appointment.AppointmentStatus.BOOKED);
    a.setStart(Date.from(start));
    a.setEnd(Date.from(start.plus(30, ChronoUnit.MINUTES)));
    a.addParticipant().setActor(new Reference("Patient/" + patientId))
        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    a.addParticipant().setActor(new Reference("Location/" + locationId))
        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    return a;
  }

  /** Creates the resources in transactions of {@value #PER_BUNDLE}; their ids, in order. */
  private List<String> create(List<Resource> resources) {
    List<String> ids = new ArrayList<>(resources.size());
    for (int from = 0; from < resources.size(); from += PER_BUNDLE) {
      Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
      for (Resource r : resources.subList(from, Math.min(resources.size(), from + PER_BUNDLE))) {
        tx.addEntry().setResource(r).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(r.fhirType());
      }
      Bundle response = ehr.transaction().withBundle(tx).execute();
      for (Bundle.BundleEntryComponent entry : response.getEntry()) {
        ids.add(new IdType(entry.getResponse().getLocation()).getIdPart());
      }
    }
    return ids;
  }
}
