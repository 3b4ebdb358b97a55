package health.careloop.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import health.careloop.ehr.EhrProperties;
import health.careloop.ehr.SubscriptionsNotRegistered;
import health.careloop.ehr.SubscriptionsRegistered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every resource CareLoop writes to the EHR is validated, just before the write, against the profile
 * it claims (CareLoop's profiles, packaged from {@code fhir-profiles/} into the jar, on base R4): one
 * that fails is not written, never half-valid. The write throws {@link InvalidAgainstProfile}, which
 * the scheduler treats as a refusal (the same resource would fail again): the message is parked with
 * the failed checks as its reason, counted ({@value #INVALID}) and logged by its resource type and
 * element paths only.
 *
 * <p>The validator's definitions are built once per JVM, in the background once CareLoop is ready and
 * its Subscriptions are registered (it loads the core R4 definitions and generates the profiles'
 * snapshots: seconds), and shared: the profiles on the class path never change. The core validator that walks a resource is HAPI's
 * {@code InstanceValidator}, one kept by {@link KeptInstanceValidator} rather than
 * built for every validation as HAPI's {@code FhirInstanceValidator} does: building one was most of
 * the check's CPU (a JFR profile of the dispatch benchmark: 54% of the dispatch threads' CPU was the
 * check, about 70% of that the construction). A reminder's check went from 10-12 ms to 0.6-0.7 ms
 * (docs/benchmarks.md, "The profile check since"), and finds the same errors with the same settings
 * (KeptInstanceValidatorTest).
 */
@Component
public class ProfileCheck {

  static final String INVALID = "careloop.outgoing.invalid";
  private static final Logger log = LoggerFactory.getLogger(ProfileCheck.class);

  /**
   * How long after ready the warm-up waits, at most, for the Subscriptions' registration: an EHR that
   * keeps refusing them (registration retries in the background) must not keep the validator cold.
   */
  static final Duration LONGEST_WAIT_FOR_REGISTRATION = Duration.ofSeconds(10);

  private final MeterRegistry registry;
  private final boolean polling;
  private final Duration longestWait;
  private final CompletableFuture<Void> warm = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();

  @Autowired
  ProfileCheck(MeterRegistry registry, EhrProperties ehr) {
    this(registry, ehr.polling(), LONGEST_WAIT_FOR_REGISTRATION);
  }

  /** Warms up as soon as CareLoop is ready (tests and benchmarks that have no Subscriptions to wait for). */
  public ProfileCheck(MeterRegistry registry) {
    this(registry, true, Duration.ZERO);
  }

  /**
   * @param polling true: no Subscriptions to wait for (the warm-up starts when CareLoop is ready)
   * @param longestWait how long after ready the warm-up waits for the Subscriptions' registration
   */
  ProfileCheck(MeterRegistry registry, boolean polling, Duration longestWait) {
    this.registry = registry;
    this.polling = polling;
    this.longestWait = longestWait;
  }

  /**
   * Once CareLoop is ready: the warm-up starts once the first attempt to register its Subscriptions
   * in the EHR is over ({@link #onSubscriptionsRegistered}, {@link #onSubscriptionsNotRegistered}),
   * or after {@link #LONGEST_WAIT_FOR_REGISTRATION} at the latest; while polling, at once. The warm-up takes seconds of CPU, and readiness waits for the
   * registration (its round trips with the EHR): run side by side on two cores, the warm-up slowed
   * the registration from about 0.6 s to about 2 s (docs/benchmarks.md, "Start-up"). Nothing waits
   * for the warm-up: a message due before it ends builds the validator itself, as before.
   */
  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    if (polling || longestWait.isZero()) {
      start();
    } else {
      CompletableFuture.delayedExecutor(longestWait.toMillis(), TimeUnit.MILLISECONDS).execute(this::start);
    }
  }

  @EventListener
  void onSubscriptionsRegistered(SubscriptionsRegistered registered) {
    start();
  }

  /** The attempt is over, if failed: nothing to keep out of the way of until the retry. */
  @EventListener
  void onSubscriptionsNotRegistered(SubscriptionsNotRegistered notRegistered) {
    start();
  }

  /** Whether the warm-up has begun. */
  boolean warmUpStarted() {
    return started.get();
  }

  /**
   * Builds the validator in the background, once, and validates an empty resource against each of
   * CareLoop's resource profiles (which generates and caches their snapshots), so that the first
   * message due is not the one that waits for all that.
   */
  private void start() {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    Thread warmUp = new Thread(() -> {
      try {
        Validator.warmUp();
        warm.complete(null);
      } catch (RuntimeException | Error e) {
        warm.completeExceptionally(e);
        log.error("CareLoop's FHIR profiles could not be loaded: nothing can be written until they can", e);
      }
    }, "profile-check-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /**
   * Waits, at most {@code limit}, for the warm-up that starts after CareLoop is ready; whether it
   * finished. For whoever must not time the first send against the validator's start (tests).
   */
  public boolean awaitWarm(Duration limit) {
    try {
      warm.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  /** @throws InvalidAgainstProfile if {@code resource} has errors against its profile or base R4 */
  public void check(Resource resource) {
    List<String> problems = Validator.validate(resource).getMessages().stream()
        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
        .map(ProfileCheck::describe)
        .toList();
    if (!problems.isEmpty()) {
      Counter.builder(INVALID).description("Resources CareLoop did not write because they failed their profile")
          .tag("type", resource.fhirType()).register(registry).increment();
      InvalidAgainstProfile invalid = new InvalidAgainstProfile(resource.fhirType(), problems);
      log.warn("Not written: {}", invalid.getMessage());
      throw invalid;
    }
  }

  /**
   * Where and which check, never the message text: HAPI's texts quote the offending value (a name,
   * a telephone number, the message itself).
   */
  private static String describe(SingleValidationMessage message) {
    return message.getLocationString() + " [" + (message.getMessageId() == null ? "error" : message.getMessageId()) + "]";
  }

  /** The JVM's one validator, built on first use. */
  static final class Validator {
    private static final String CARELOOP_PROFILES = "https://careloop.health/fhir/StructureDefinition/";
    private static final Object LOCK = new Object();
    /** Base R4 and CareLoop's profiles, with snapshots and in-memory terminology: the definitions. */
    static final ValidationSupportChain SUPPORT = support();
    private static final FhirValidator INSTANCE = withModule(configured(new KeptInstanceValidator(SUPPORT)));

    static FhirValidator get() {
      return INSTANCE;
    }

    /**
     * One validation at a time in the JVM. HAPI generates a profile's snapshot the first time it is
     * used, locking StructureDefinitions in an order that depends on the profile: two threads doing
     * that at once for different profiles deadlocked (the warm-up and a dispatch thread, seen in the
     * demo). A validation takes under a millisecond once warm, far below what the EHR's writes take.
     */
    static ValidationResult validate(Resource resource) {
      synchronized (LOCK) {
        return INSTANCE.validateWithResult(resource);
      }
    }

    /** Validates an empty resource against each of CareLoop's resource profiles; what it finds does not matter. */
    static void warmUp() {
      FhirContext fhir = FhirContext.forR4Cached();
      SUPPORT.fetchAllStructureDefinitions().stream()
          .filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast)
          .filter(sd -> sd.getUrl().startsWith(CARELOOP_PROFILES) && sd.getKind() == StructureDefinitionKind.RESOURCE)
          .forEach(sd -> {
            Resource empty = (Resource) fhir.getResourceDefinition(sd.getType()).newInstance();
            empty.getMeta().addProfile(sd.getUrl());
            validate(empty);
          });
    }

    private static ValidationSupportChain support() {
      FhirContext fhir = FhirContext.forR4Cached();
      PrePopulatedValidationSupport careLoop = new PrePopulatedValidationSupport(fhir);
      profiles(fhir).forEach(careLoop::addResource);
      return new ValidationSupportChain(
          new DefaultProfileValidationSupport(fhir),
          careLoop,
          new SnapshotGeneratingValidationSupport(fhir),
          new InMemoryTerminologyServerValidationSupport(fhir),
          new CommonCodeSystemsTerminologyService(fhir));
    }

    /** CareLoop's settings on one of HAPI's validator modules. */
    static <T extends FhirInstanceValidator> T configured(T instanceValidator) {
      // A profile CareLoop claims but does not ship is an error, not a silent pass.
      instanceValidator.setErrorForUnknownProfiles(true);
      // References are not resolved in the EHR; "Patient/123" is taken to be a Patient.
      instanceValidator.setAssumeValidRestReferences(true);
      return instanceValidator;
    }

    private static FhirValidator withModule(FhirInstanceValidator module) {
      FhirValidator validator = FhirContext.forR4Cached().newValidator();
      validator.registerValidatorModule(module);
      return validator;
    }

    private static List<IBaseResource> profiles(FhirContext fhir) {
      IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
      try {
        org.springframework.core.io.Resource[] files =
            new PathMatchingResourcePatternResolver().getResources("classpath*:fhir-profiles/*.json");
        if (files.length == 0) {
          throw new IllegalStateException("CareLoop's FHIR profiles (fhir-profiles/*.json) are not on the class path");
        }
        return java.util.Arrays.stream(files).map(file -> {
          try (InputStream in = file.getInputStream()) {
            return (IBaseResource) parser.parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
