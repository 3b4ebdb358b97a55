package health.careloop.intake;

import health.careloop.rules.AppointmentSnapshot;

/**
 * The EHR holds a new version of an Appointment. Published inside the inbox transaction.
 *
 * @param versionSeenWithOtherContent the EHR had sent this version id before with another
 *     lastUpdated or other content: its history was rewritten (see
 *     {@link health.careloop.rules.ResourceVersion#arrivingAfter}); already reported
 */
public record AppointmentChanged(AppointmentSnapshot appointment, boolean versionSeenWithOtherContent) {}
