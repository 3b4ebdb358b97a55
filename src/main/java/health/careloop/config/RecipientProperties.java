package health.careloop.config;

import health.careloop.rules.GuardianPolicy;
import health.careloop.rules.GuardianPolicy.Rule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who receives a patient's messages (see {@link GuardianPolicy}).
 *
 * @param minorUnderAge a patient younger than this many years is a minor
 * @param minors who receives a minor's messages when the EHR records a guardian or parent:
 *     {@code patient-only}, {@code guardians-too} or {@code guardians-instead}
 * @param adultsWithGuardian the same for an adult whose record names a guardian
 * @param guardianRelationships codes of RelatedPerson.relationship / Patient.contact.relationship
 *     that make someone a guardian ({@code system|code}, or a bare code in any system)
 * @param parentRelationships codes that make someone the guardian of a minor only
 */
@Validated
@ConfigurationProperties("careloop.recipients")
public record RecipientProperties(
    @DefaultValue("16") @Min(0) @Max(25) int minorUnderAge,
    @DefaultValue("guardians-instead") Rule minors,
    @DefaultValue("guardians-too") Rule adultsWithGuardian,
    @DefaultValue("http://terminology.hl7.org/CodeSystem/v3-RoleCode|GUARD")
        List<@NotBlank String> guardianRelationships,
    @DefaultValue({"http://terminology.hl7.org/CodeSystem/v3-RoleCode|PRN",
        "http://terminology.hl7.org/CodeSystem/v3-RoleCode|MTH",
        "http://terminology.hl7.org/CodeSystem/v3-RoleCode|FTH",
        "http://terminology.hl7.org/CodeSystem/v3-RoleCode|NPRN",
        "http://terminology.hl7.org/CodeSystem/v3-RoleCode|ADOPTP",
        "http://terminology.hl7.org/CodeSystem/v3-RoleCode|STPPRN"})
        List<@NotBlank String> parentRelationships) {

  public GuardianPolicy policy() {
    return new GuardianPolicy(minorUnderAge, minors, adultsWithGuardian, guardianRelationships, parentRelationships);
  }
}
