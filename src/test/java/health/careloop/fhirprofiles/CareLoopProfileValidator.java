package health.careloop.fhirprofiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Validates resources against CareLoop's FHIR profiles (the JSON files under {@code fhir-profiles/})
 * with HAPI's instance validator, offline: core R4 definitions from hapi-fhir-validation-resources-r4,
 * our StructureDefinitions/CodeSystems/ValueSets, in-memory terminology, and the common code systems
 * (BCP-47 languages, MIME types, UCUM, ...). No network terminology server.
 *
 * <p>Building the validator is expensive (seconds), so it is built once, lazily, per JVM:
 * use {@link #get()}.
 */
public final class CareLoopProfileValidator {

  /** Folder holding the profiles, relative to the project root (Maven's working directory for tests). */
  public static final String PROFILES_DIR = "fhir-profiles";

  /** System property that overrides where {@value #PROFILES_DIR} is looked for. */
  public static final String PROFILES_DIR_PROPERTY = "careloop.fhir-profiles.dir";

  public static final String CANONICAL_BASE = "https://careloop.health/fhir";
  public static final String COMMUNICATION_PROFILE =
      CANONICAL_BASE + "/StructureDefinition/careloop-communication";
  public static final String STAFF_TASK_PROFILE =
      CANONICAL_BASE + "/StructureDefinition/careloop-staff-task";
  public static final String CLINICIAN_SUMMARY_PROFILE =
      CANONICAL_BASE + "/StructureDefinition/careloop-clinician-summary";

  private static final class Holder {
    private static final CareLoopProfileValidator INSTANCE = new CareLoopProfileValidator();
  }

  /** The shared validator, built on first use. */
  public static CareLoopProfileValidator get() {
    return Holder.INSTANCE;
  }

  private final FhirContext fhirContext;
  private final List<IBaseResource> profileResources;
  private final FhirValidator validator;
  private final ValidationSupportChain chain;
  private final long buildMillis;

  private CareLoopProfileValidator() {
    long start = System.nanoTime();
    fhirContext = FhirContext.forR4Cached();
    profileResources = loadProfileResources(fhirContext, profilesDirectory());

    PrePopulatedValidationSupport careLoop = new PrePopulatedValidationSupport(fhirContext);
    profileResources.forEach(careLoop::addResource);

    chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(fhirContext),
            careLoop,
            new SnapshotGeneratingValidationSupport(fhirContext),
            new InMemoryTerminologyServerValidationSupport(fhirContext),
            new CommonCodeSystemsTerminologyService(fhirContext));
    // Codes are checked in memory against what the chain holds: our CodeSystem, and the HL7 ones HAPI
    // ships (v3-ParticipationMode, ...). A code system the chain doesn't hold (SNOMED CT, a hospital's
    // own) gives a WARNING "CodeSystem is unknown and can't be validated", not an error: that is the
    // core validator's default in HAPI 8.x, so UnknownCodeSystemWarningValidationSupport (deprecated
    // since 8.6.0) is not needed. urn:ietf:bcp:47 (Resource.language) is handled by
    // CommonCodeSystemsTerminologyService.

    FhirInstanceValidator instanceValidator = new FhirInstanceValidator(chain);
    // A meta.profile we don't know (typo, missing file) is an error, not a silent skip.
    instanceValidator.setErrorForUnknownProfiles(true);
    // References are not resolved (no fetcher), but a relative REST reference such as "Group/g1" is
    // taken to point at that type, so Reference(Patient) / Reference(Device) targets are checked.
    instanceValidator.setAssumeValidRestReferences(true);

    validator = fhirContext.newValidator();
    validator.registerValidatorModule(instanceValidator);
    // Schema/Schematron are off by default; the instance validator covers structure and invariants.

    warmUp();
    buildMillis = (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * Loads the core definitions and generates the snapshot of each of our profiles now, by validating
   * an empty instance claiming it, so the cost is paid once here and a profile whose snapshot can't be
   * generated fails here, not in the middle of some other test.
   */
  private void warmUp() {
    for (IBaseResource r : profileResources) {
      if (r instanceof StructureDefinition sd
          && sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE
          && !sd.getAbstract()) {
        IBaseResource instance = fhirContext.getResourceDefinition(sd.getType()).newInstance();
        instance.getMeta().addProfile(sd.getUrl());
        validator.validateWithResult(instance);
      }
    }
  }

  /**
   * The StructureDefinition with {@code url} as the validator uses it: with the snapshot generated
   * from its differential (the files hold differentials only); null if there is none.
   */
  public StructureDefinition snapshot(String url) {
    StructureDefinition definition = (StructureDefinition) chain.fetchStructureDefinition(url);
    return definition == null ? null : (StructureDefinition) chain.generateSnapshot(
        new ValidationSupportContext(chain), definition.copy(), url, url, definition.getName());
  }

  public FhirContext fhirContext() {
    return fhirContext;
  }

  /** The CodeSystems, ValueSets and StructureDefinitions read from {@value #PROFILES_DIR}. */
  public List<IBaseResource> profileResources() {
    return List.copyOf(profileResources);
  }

  /** How long building this validator took (loading files, core definitions and snapshots), in ms. */
  public long buildMillis() {
    return buildMillis;
  }

  /** Validates against the base R4 spec and every profile the resource names in {@code meta.profile}. */
  public ValidationResult validate(IBaseResource resource) {
    return validator.validateWithResult(resource);
  }

  /** Messages of severity ERROR or FATAL, as {@code "ERROR Communication.subject: message"}. */
  public List<String> errors(IBaseResource resource) {
    return errors(validate(resource));
  }

  public static List<String> errors(ValidationResult result) {
    return result.getMessages().stream()
        .filter(m -> m.getSeverity() != null
            && m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .map(CareLoopProfileValidator::describe)
        .collect(Collectors.toList());
  }

  /** Throws an {@link AssertionError} listing the errors if the resource is not valid. */
  public void assertValid(IBaseResource resource) {
    List<String> errors = errors(resource);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          "FHIR validation failed for " + resource.fhirType() + ":\n  " + String.join("\n  ", errors)
              + "\nResource: " + fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource));
    }
  }

  public static String describe(SingleValidationMessage m) {
    return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
  }

  /** The {@value #PROFILES_DIR} folder: from the system property, else under the working directory. */
  public static Path profilesDirectory() {
    String override = System.getProperty(PROFILES_DIR_PROPERTY);
    Path dir = (override != null && !override.isBlank())
        ? Path.of(override)
        : Path.of(System.getProperty("user.dir")).resolve(PROFILES_DIR);
    dir = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "CareLoop FHIR profiles folder not found at " + dir + ". Tests must run with the project root "
              + "as working directory (Maven does this), or set -D" + PROFILES_DIR_PROPERTY + "=<path>.");
    }
    return dir;
  }

  /** Parses every *.json file directly under {@code dir}; fails if there are none or one doesn't parse. */
  public static List<IBaseResource> loadProfileResources(FhirContext ctx, Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list " + dir, e);
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("No *.json FHIR resources in " + dir);
    }
    // Strict: an unknown or misspelt element in a profile file is an error, not a logged warning.
    IParser parser = ctx.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    List<IBaseResource> resources = new ArrayList<>();
    for (Path file : files) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        resources.add(parser.parseResource(reader));
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("Cannot parse FHIR resource " + file + ": " + e.getMessage(), e);
      }
    }
    return resources;
  }
}
