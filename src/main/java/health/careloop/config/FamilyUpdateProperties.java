package health.careloop.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Updates to the patient's family while they are in surgery (docs/family-updates.md). Read when
 * planning and again at send time (writeback), hence here.
 *
 * @param enabled plan and send them at all
 * @param surgicalTypes the {@code Encounter.type} codes that make an Encounter an operation
 *     ({@code system|code}, or a bare code in any system)
 * @param purposeOfUse the {@code Consent.provision.purpose} ({@code system|code}) a permit must name
 *     for the person it names as actor to be told
 */
@Validated
@ConfigurationProperties("careloop.family-updates")
public record FamilyUpdateProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("http://snomed.info/sct|387713003") @NotEmpty List<@NotBlank String> surgicalTypes,
    @DefaultValue("http://terminology.hl7.org/CodeSystem/v3-ActReason|FAMRQT")
    @Pattern(regexp = "[^|\\s]+\\|[^|\\s]+",
        message = "careloop.family-updates.purpose-of-use must be system|code") String purposeOfUse) {}
