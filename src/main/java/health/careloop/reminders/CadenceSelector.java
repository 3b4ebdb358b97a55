package health.careloop.reminders;

import health.careloop.reminders.ReminderProperties.Cadence;
import health.careloop.reminders.ReminderProperties.Reminder;
import health.careloop.rules.AppointmentKinds;
import health.careloop.rules.CodeMatch;
import java.util.List;

/** Picks an appointment's reminders: the first configured cadence its codes match, else the default. */
public final class CadenceSelector {

  private final List<Cadence> cadences;
  private final List<Reminder> defaultCadence;

  public CadenceSelector(List<Cadence> cadences, List<Reminder> defaultCadence) {
    this.cadences = List.copyOf(cadences);
    this.defaultCadence = List.copyOf(defaultCadence);
  }

  public List<Reminder> remindersFor(AppointmentKinds kinds) {
    return cadences.stream().filter(c -> matches(c, kinds)).findFirst()
        .map(Cadence::reminders).orElse(defaultCadence);
  }

  private static boolean matches(Cadence cadence, AppointmentKinds kinds) {
    return CodeMatch.anyMatches(cadence.appointmentTypes(), kinds.appointmentTypes())
        || CodeMatch.anyMatches(cadence.serviceTypes(), kinds.serviceTypes())
        || CodeMatch.anyMatches(cadence.specialties(), kinds.specialties());
  }
}
