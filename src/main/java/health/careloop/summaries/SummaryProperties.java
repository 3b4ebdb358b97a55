package health.careloop.summaries;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The clinician task summary written when an encounter finishes.
 *
 * @param referralCategories {@code ServiceRequest.category} codes that make an active ServiceRequest a
 *     referral ({@code system|code}, or a bare code in any system); every other active one is an order
 * @param referralOverdue how long after it was made a referral with no booked appointment is overdue
 * @param orderOverdue how long an order may wait for its result, from when it was made or, if later,
 *     from when it was to be done, before it is overdue
 * @param participantTypes the {@code Encounter.participant.type} codes of the clinicians the summary goes
 *     to ({@code system|code}, or a bare code in any system)
 * @param writeWhenEmpty also write a summary that says there is no open work
 * @param maxNextAppointments how many of the patient's next appointments the summary lists (0: none)
 * @param separateOnlyWhenOverdue write the summary when a visit finishes only when something listed
 *     is overdue: clinicians' inboxes are full, and routine open work belongs in their daily digest
 * @param repeatAfter the repeat budget's window: an open item told to a clinician (by a summary or the
 *     digest) is not told to them again this long after, unless it has become overdue since
 *     ({@link RepeatBudget}); zero: every message tells all open work
 */
@Validated
@ConfigurationProperties("careloop.summaries")
public record SummaryProperties(
    @DefaultValue("http://snomed.info/sct|3457005") @NotEmpty List<@NotBlank String> referralCategories,
    @DefaultValue("P3D") @NotNull @DurationMin(seconds = 1, message = "must be a positive duration") Duration referralOverdue,
    @DefaultValue("P7D") @NotNull @DurationMin(seconds = 1, message = "must be a positive duration") Duration orderOverdue,
    @DefaultValue({"http://terminology.hl7.org/CodeSystem/v3-ParticipationType|PPRF",
        "http://terminology.hl7.org/CodeSystem/v3-ParticipationType|ATND"})
    @NotEmpty List<@NotBlank String> participantTypes,
    @DefaultValue("false") boolean writeWhenEmpty,
    @DefaultValue("3") @Min(0) @Max(20) int maxNextAppointments,
    @DefaultValue("true") boolean separateOnlyWhenOverdue,
    @DefaultValue("P7D") @NotNull @DurationMin(seconds = 0, message = "must be zero (off) or a positive duration")
    Duration repeatAfter) {

  public RepeatBudget repeatBudget() {
    return new RepeatBudget(repeatAfter);
  }

  public OverdueRules overdueRules() {
    return new OverdueRules(referralOverdue, orderOverdue);
  }
}
