package health.careloop.writeback;

import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's {@link FhirInstanceValidator} (its settings, its worker context, its conversion of the
 * messages), but with the core validator ({@link InstanceValidator}) built once and kept instead of
 * built for every validation: one validator, one validation at a time.
 *
 * <p>Why: HAPI 8.8.0 builds a new {@code InstanceValidator} for every validation, and its
 * constructor reads the OID table from a CSV file (its own copy, no shared cache and no setting to
 * skip it) and builds FHIRPath engines: most of a check's CPU. The validator is made for reuse: its
 * main entry point clears its per-validation state (fetched resources, per-resource tracking, the
 * messages it tracks, the execution id that keys its invariant cache). It is not thread-safe: the
 * validations take turns on it (the profile check runs one at a time in the JVM anyway, see
 * {@code ProfileCheck.Validator}; validating is CPU work, which more validators would only share
 * the same cores for). What it keeps between validations:
 * <ul>
 *   <li>caches of the profiles and definitions it looked up: they never change here;</li>
 *   <li>the "depends on a deprecated/withdrawn/retired definition" hints, given once per validator
 *       instead of once per validation: hints, never errors, which the check ignores;</li>
 *   <li>every coding it saw (kept for a check CareLoop does not turn on) and the code/text pairs it
 *       saw (for an AI check, off), with the parsed resource they were seen in: they grow, so the
 *       validator is replaced after {@value #VALIDATIONS_PER_VALIDATOR} validations, which bounds
 *       that memory and costs a construction per that many validations.</li>
 * </ul>
 * Measured on a reminder (2026-11-30): a validator holds about 5.6 MB (most of it the OID table),
 * and each validation adds about 90 kB to it, so it holds at most about 14 MB, whatever the number
 * of dispatch threads (one kept per thread, as before, would have cost 14 MB a thread: 224 MB with
 * 16). A construction costs about 11 ms, a reused validation about 0.7 ms: one construction per 100
 * validations adds about 0.1 ms to each.
 *
 * <p>Around the validator, {@link #validate} does what HAPI's (package-private) {@code
 * ValidatorWrapper} does for a JSON resource, the encoding {@code FhirValidator} hands over: the
 * same settings on the validator, the profiles named in {@code meta.profile} looked up in the worker
 * context, the same messages dropped and an unknown profile raised to an error when HAPI's setting
 * says so. {@code KeptInstanceValidatorTest} checks, message for message, that it finds what
 * HAPI's own validator finds. Written against HAPI FHIR 8.8.0 (org.hl7.fhir.validation 6.7.9): check
 * it again when HAPI is upgraded.
 */
final class KeptInstanceValidator extends FhirInstanceValidator {

  static final int VALIDATIONS_PER_VALIDATOR = 100;

  /** The kept validator and how often it has validated; guarded by {@code this}. */
  private Reused kept;

  KeptInstanceValidator(IValidationSupport support) {
    super(support);
  }

  @Override
  protected List<ValidationMessage> validate(IValidationContext<?> context) {
    if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
      throw new IllegalArgumentException("Only JSON is validated here, not " + context.getResourceAsStringEncoding());
    }
    String json = context.getResourceAsString();
    IWorkerContext workerContext = provideWorkerContext();
    List<StructureDefinition> profiles = new ArrayList<>();
    List<ValidationMessage> unknownProfiles = new ArrayList<>();
    context.getOptions().getProfiles().forEach(url -> addProfile(workerContext, url, profiles, unknownProfiles));
    claimedProfiles(json).forEach(url -> addProfile(workerContext, url, profiles, unknownProfiles));

    List<ValidationMessage> messages = new ArrayList<>();
    synchronized (this) {
      validator(workerContext).validate(context.getOptions().getAppContext(), messages,
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FhirFormat.JSON, profiles);
    }
    if (profiles.isEmpty()) {
      messages.addAll(unknownProfiles);
    }
    List<ValidationMessage> kept = messages.stream().filter(m -> !droppedByHapi(m)).toList();
    if (isErrorForUnknownProfiles()) {
      kept.stream().filter(KeptInstanceValidator::unknownProfile)
          .filter(m -> m.getLevel() == IssueSeverity.WARNING)
          .forEach(m -> m.setLevel(IssueSeverity.ERROR));
    }
    return kept;
  }

  /** The kept validator, replaced after {@value #VALIDATIONS_PER_VALIDATOR} validations; the caller holds {@code this}. */
  private InstanceValidator validator(IWorkerContext workerContext) {
    if (kept == null || kept.validations >= VALIDATIONS_PER_VALIDATOR) {
      kept = new Reused(newInstanceValidator(workerContext));
    }
    kept.validations++;
    return kept.validator;
  }

  /** As HAPI's {@code ValidatorWrapper} builds and sets up its validator. */
  private InstanceValidator newInstanceValidator(IWorkerContext workerContext) {
    InstanceValidator v;
    try {
      v = new InstanceValidator(workerContext,
          Objects.requireNonNullElseGet(getHostApplicationServices(), FhirInstanceValidator.NullEvaluationContext::new),
          new XVerExtensionManagerOld(workerContext), new ValidatorSession(), new ValidatorSettings());
    } catch (Exception e) {
      throw new ConfigurationException("FHIR instance validator could not be built: " + e.getMessage(), e);
    }
    v.setAssumeValidRestReferences(isAssumeValidRestReferences());
    v.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
    v.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
    v.setResourceIdRule(IdStatus.OPTIONAL);
    v.setNoTerminologyChecks(isNoTerminologyChecks());
    v.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
    v.setUnknownCodeSystemsCauseErrors(true);
    v.getExtensionDomains().addAll(getExtensionDomains());
    v.setFetcher(getValidatorResourceFetcher());
    v.setPolicyAdvisor(getValidatorPolicyAdvisor());
    v.setNoExtensibleWarnings(isNoExtensibleWarnings());
    v.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
    v.setAllowExamples(isAllowExamples());
    v.setAllowXsiLocation(true);
    return v;
  }

  private static void addProfile(IWorkerContext workerContext, String url, List<StructureDefinition> profiles, List<ValidationMessage> unknown) {
    StructureDefinition profile;
    try {
      profile = workerContext.fetchResource(StructureDefinition.class, url);
    } catch (FHIRException e) {
      return; // as HAPI's wrapper: the validator itself then reports the profile it cannot use
    }
    if (profile != null) {
      profiles.add(profile);
    } else {
      unknown.add(new ValidationMessage().setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN)
          .setLevel(IssueSeverity.ERROR).setMessage("Invalid profile. Failed to retrieve profile with url=" + url));
    }
  }

  private static List<String> claimedProfiles(String json) {
    JsonObject meta = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("meta");
    JsonElement profiles = meta == null ? null : meta.get("profile");
    if (profiles == null || !profiles.isJsonArray()) {
      return List.of();
    }
    JsonArray array = profiles.getAsJsonArray();
    List<String> urls = new ArrayList<>(array.size());
    array.forEach(url -> urls.add(url.getAsString()));
    return urls;
  }

  /** The messages HAPI's wrapper drops: bindings without a source, the MIME types value set not found. */
  private static boolean droppedByHapi(ValidationMessage m) {
    String id = m.getMessageId();
    return id != null && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
        || (id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
            && m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
  }

  private static boolean unknownProfile(ValidationMessage m) {
    return I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
        || I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId());
  }

  private static final class Reused {
    final InstanceValidator validator;
    int validations;

    Reused(InstanceValidator validator) {
      this.validator = validator;
    }
  }
}
