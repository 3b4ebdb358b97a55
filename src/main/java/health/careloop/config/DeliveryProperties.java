package health.careloop.config;

import health.careloop.rules.QuietHours;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.LocalTime;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When and how messages may reach people.
 *
 * @param quietHours no message lands between {@code start} and {@code end}, local time of the recipient
 * @param patientPortal the EHR's patient portal shows CareLoop's Communications to patients: every
 *     patient can be reached through it, whatever their telecom. Without it CareLoop writes no
 *     Communication: it has no delivery channel (SMS, e-mail) of its own yet
 * @param staffTask what happens to a message without a portal (CareLoop cannot deliver it)
 */
@Validated
@ConfigurationProperties("careloop.delivery")
public record DeliveryProperties(
    @DefaultValue QuietHoursSetting quietHours,
    @DefaultValue("true") boolean patientPortal,
    @DefaultValue @Valid StaffTaskSetting staffTask) {

  public record QuietHoursSetting(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("21:00") LocalTime start,
      @DefaultValue("08:00") LocalTime end) {

    public Optional<QuietHours> rule() {
      return enabled ? Optional.of(new QuietHours(start, end)) : QuietHours.none();
    }
  }

  /** The FHIR types that may own a Task for staff (R4 {@code Task.owner}, less patients and devices). */
  public static final String OWNER_PATTERN =
      "(Organization|PractitionerRole|Practitioner|CareTeam|HealthcareService)/[A-Za-z0-9\\-.]{1,64}";

  /**
   * @param enabled write a FHIR Task for staff into the EHR instead of the message; when off, the
   *     message is skipped and the plan says why
   * @param owner who owns the Task in the EHR, a relative reference such as {@code Organization/12}
   *     or {@code PractitionerRole/3}; empty: no owner (the EHR's work queues decide)
   */
  public record StaffTaskSetting(
      @DefaultValue("true") boolean enabled,
      @Pattern(regexp = "(" + OWNER_PATTERN + ")?", message = "careloop.delivery.staff-task.owner must be a reference "
          + "Type/id to an Organization, PractitionerRole, Practitioner, CareTeam or HealthcareService, "
          + "e.g. Organization/12") String owner) {

    public Optional<String> ownerReference() {
      return owner == null || owner.isBlank() ? Optional.empty() : Optional.of(owner);
    }
  }
}
