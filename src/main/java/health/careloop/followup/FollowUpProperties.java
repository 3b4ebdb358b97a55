package health.careloop.followup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Follow-up content after a visit.
 *
 * @param contentDir the content library: {@code items/*.json} (FHIR PlanDefinitions) and
 *     {@code valuesets/*.json} (FHIR ValueSets, with {@code sensitive-conditions})
 * @param allowDraftContent whether items whose clinical review is not current (draft, past their
 *     next review date, or not yet approved) are selected anyway, flagged as draft; for a test
 *     deployment only
 * @param lateLimit a follow-up due longer ago than this is not planned, nor sent (a visit CareLoop
 *     learns of days later, an outage): advice meant for the first evening is wrong a week on
 * @param medlineplusConnect links to MedlinePlus Connect for diagnoses no item covers (off by default)
 */
@Validated
@ConfigurationProperties("careloop.followup")
public record FollowUpProperties(
    @DefaultValue("config/content") @NotNull Path contentDir,
    @DefaultValue("false") boolean allowDraftContent,
    @DefaultValue("P2D") @NotNull Duration lateLimit,
    @DefaultValue @Valid @NotNull MedlinePlusConnectSettings medlineplusConnect) {

  /**
   * Links to MedlinePlus Connect for a diagnosis no item covers ({@link MedlinePlusConnect}).
   *
   * @param enabled off by default: the linked pages are not reviewed by the hospital's clinicians;
   *     switching it on is the deployer's clinical decision (docs/safety/hazard-log.md, HAZ-044)
   * @param offset how long after the visit's end the link is due (same evening by default)
   * @param textDir the message's text, {@code en.txt} and {@code es.txt}, each with {@code {{link}}};
   *     relative to the working directory like {@code content-dir}
   */
  public record MedlinePlusConnectSettings(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("PT4H") @NotNull @DurationMin(seconds = 0, message = "must be zero or positive") Duration offset,
      @DefaultValue("config/content/medlineplus-connect") @NotNull Path textDir) {}
}
