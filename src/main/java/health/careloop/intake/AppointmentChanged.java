package health.careloop.intake;

import health.careloop.rules.AppointmentSnapshot;

/** The EHR holds a new version of an Appointment. Published inside the inbox transaction. */
public record AppointmentChanged(AppointmentSnapshot appointment) {}
