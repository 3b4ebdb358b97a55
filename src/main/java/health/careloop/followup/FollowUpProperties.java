package health.careloop.followup;

import jakarta.validation.constraints.NotNull;
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
 */
@Validated
@ConfigurationProperties("careloop.followup")
public record FollowUpProperties(
    @DefaultValue("config/content") @NotNull Path contentDir,
    @DefaultValue("false") boolean allowDraftContent,
    @DefaultValue("P2D") @NotNull Duration lateLimit) {}
