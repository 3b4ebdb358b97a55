package health.careloop.summaries.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The day's appointments → each clinician's list of patients, in the order the clinician sees them
 * (each patient at their first appointment of the day with that clinician; at the same time, by
 * reference, so that every run lists them alike). Pure.
 */
public final class DayLists {

  private static final Comparator<DayAppointment> BY_TIME =
      Comparator.comparing(DayAppointment::start).thenComparing(DayAppointment::appointment);

  private DayLists() {}

  /** @return by clinician reference, in the order of the references */
  public static Map<String, List<DigestPatient>> byClinician(List<DayAppointment> appointments) {
    Map<String, Map<String, List<DayAppointment>>> byClinicianAndPatient = new TreeMap<>();
    for (DayAppointment appointment : appointments.stream().sorted(BY_TIME).toList()) {
      for (String clinician : appointment.clinicians().stream().distinct().toList()) {
        byClinicianAndPatient.computeIfAbsent(clinician, c -> new LinkedHashMap<>())
            .computeIfAbsent(appointment.patient(), p -> new ArrayList<>()).add(appointment);
      }
    }
    Map<String, List<DigestPatient>> lists = new TreeMap<>();
    byClinicianAndPatient.forEach((clinician, patients) -> lists.put(clinician, patients.entrySet().stream()
        .map(e -> new DigestPatient(e.getKey(), display(e.getValue()), e.getValue())).toList()));
    return lists;
  }

  private static String display(List<DayAppointment> appointments) {
    return appointments.stream().map(DayAppointment::patientDisplay).filter(d -> d != null && !d.isBlank())
        .findFirst().orElse(null);
  }
}
