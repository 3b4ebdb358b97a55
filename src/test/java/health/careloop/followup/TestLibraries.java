package health.careloop.followup;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.followup.internal.ContentLoader;
import java.nio.file.Path;

/** The test content libraries under src/test/resources/followup. */
public final class TestLibraries {

  public static final Path VALID = Path.of("src/test/resources/followup/library-valid");
  public static final String SCT = "http://snomed.info/sct";
  public static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
  public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
  public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

  private static ContentLibrary valid;

  private TestLibraries() {}

  /** The valid test library, loaded once (loading builds HAPI's terminology chain). */
  public static synchronized ContentLibrary valid() {
    if (valid == null) {
      valid = load(VALID);
    }
    return valid;
  }

  public static ContentLibrary load(Path dir) {
    return new ContentLoader(FhirContext.forR4Cached()).load(dir);
  }

  public static String item(String slug) {
    return "https://careloop.health/fhir/PlanDefinition/followup-" + slug;
  }

  public static String valueSet(String slug) {
    return "https://careloop.health/fhir/ValueSet/followup-" + slug;
  }
}
