package health.careloop.rules;

import java.util.Set;

/**
 * The codes that say what sort of appointment it is, each as {@code system|code}: from
 * Appointment.appointmentType, serviceType and specialty. Reminder cadences are chosen by them.
 */
public record AppointmentKinds(Set<String> appointmentTypes, Set<String> serviceTypes, Set<String> specialties) {

  public static final AppointmentKinds NONE = new AppointmentKinds(Set.of(), Set.of(), Set.of());

  public AppointmentKinds {
    appointmentTypes = Set.copyOf(appointmentTypes);
    serviceTypes = Set.copyOf(serviceTypes);
    specialties = Set.copyOf(specialties);
  }
}
