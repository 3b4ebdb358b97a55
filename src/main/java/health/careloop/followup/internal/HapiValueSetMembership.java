package health.careloop.followup.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import health.careloop.followup.ValueSetMembership;
import health.careloop.followup.VisitCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * ValueSet membership answered by HAPI FHIR's in-memory terminology service over the library's
 * ValueSets. SNOMED CT and ICD-10 are not loaded (licensing, size): the ValueSets list their codes
 * explicitly ({@code compose.include.concept}), and that list is what decides.
 */
public final class HapiValueSetMembership implements ValueSetMembership {

  static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
  static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final Set<String> ICD_SYSTEMS = Set.of(ICD_10, ICD_10_CM);

  private final ValidationSupportChain chain;
  private final ValidationSupportContext context;
  private final ConceptValidationOptions options = new ConceptValidationOptions();

  public HapiValueSetMembership(FhirContext fhir, List<ValueSet> valueSets) {
    PrePopulatedValidationSupport library = new PrePopulatedValidationSupport(fhir);
    valueSets.forEach(library::addValueSet);
    // No DefaultProfileValidationSupport: the library's ValueSets name no FHIR-defined ValueSet, and
    // code systems FHIR itself defines (v3-ActCode...) are decided by the listed codes like any other.
    chain = new ValidationSupportChain(library, new InMemoryTerminologyServerValidationSupport(fhir),
        new CommonCodeSystemsTerminologyService(fhir));
    context = new ValidationSupportContext(chain);
  }

  @Override
  public Optional<String> codeInValueSet(String valueSetUrl, VisitCodes.Code code) {
    for (String candidate : candidates(code)) {
      IValidationSupport.CodeValidationResult result =
          chain.validateCode(context, options, code.system(), candidate, null, valueSetUrl);
      if (result != null && result.isOk() && result.getSeverity() != IValidationSupport.IssueSeverity.ERROR) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The code, then for ICD-10 and ICD-10-CM its ancestors. Real records are coded as specifically as
   * the clinician could ({@code S52.52}, {@code S52.501A}) while a ValueSet lists the categories it
   * means ({@code S52.5}, {@code S52}); ICD-10's codes are hierarchical by their structure (each
   * character after the dot narrows its parent), so a code's parents are its prefixes. Each is asked
   * of the terminology service: the ValueSet still decides. SNOMED CT's hierarchy is not in its
   * codes (it lives in the relationships of a terminology server CareLoop does not have), so SNOMED
   * CT codes must be listed explicitly.
   */
  static List<String> candidates(VisitCodes.Code code) {
    List<String> candidates = new ArrayList<>();
    String current = code.code().trim();
    candidates.add(current);
    if (!ICD_SYSTEMS.contains(code.system())) {
      return candidates;
    }
    while (current.contains(".")) {
      int dot = current.indexOf('.');
      String shorter = current.length() - dot > 2 ? current.substring(0, current.length() - 1)
          : current.substring(0, dot);
      candidates.add(shorter);
      current = shorter;
    }
    return candidates;
  }
}
