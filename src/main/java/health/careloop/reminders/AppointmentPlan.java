package health.careloop.reminders;

import health.careloop.rules.AppointmentTransition;
import health.careloop.schedule.MessageDraft;
import java.util.List;
import java.util.Set;

/**
 * What an appointment's new version asks for.
 *
 * @param transition what happened to it
 * @param wanted the messages it should have now (the schedule adds those it lacks)
 * @param keepIfPending one-off notices planned by an earlier version that still hold
 * @param notPlanned messages considered and left out, each with why (ids only, no patient data)
 */
public record AppointmentPlan(
    AppointmentTransition transition,
    List<MessageDraft> wanted,
    Set<String> keepIfPending,
    List<String> notPlanned) {}
