package health.careloop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.ehr.TestKeys;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.MutableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.FileSystemResource;

/** Bad configuration stops start-up with a message that names the key (and, for templates, the file). */
class BadConfigurationIT {

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void tooShortSubscriptionSecret_stopsStartUp_namingTheKeyAndTheWayOut_withoutShowingIt(CapturedOutput log) {
    assertSecretRefusedWithoutShowingIt(log, "careloop.subscriptions.secret", "Xq7-Zr9_Lm2.Wv5-k3J9qPz0wLx8",
        "shorter than 32 characters", "CARELOOP_SUBSCRIPTION_SECRET");
    assertThat(log.getAll()).as("CareLoop's own report, not Spring's binding report")
        .containsPattern("APPLICATION FAILED TO START\\s+\\**\\s+Description:\\s+"
            + "careloop\\.subscriptions\\.secret is shorter than 32 characters\\. \\(The value is not shown")
        .containsPattern("Action:\\s+Set a random secret of at least 32 characters through CARELOOP_SUBSCRIPTION_SECRET")
        .contains("openssl rand -base64 48");
  }

  @Test
  void missingIssuer_stopsStartUp_namingTheKey() {
    // As a production start with config/application.yaml and no CARELOOP_SECURITY_* set: /fhir is
    // never open for want of an issuer.
    assertStartUpFails(Map.of("careloop.security.issuer-uri", "", "careloop.security.audience", "",
            "careloop.security.token-endpoint", "", "careloop.security.jwk-set-uri", ""),
        "careloop.security.issuer-uri is missing", "CARELOOP_SECURITY_ISSUER_URI");
    assertStartUpFails(Map.of("careloop.security.audience", ""), "careloop.security.audience is missing");
  }

  @Test
  void shippedPlaceholderSubscriptionSecret_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.subscriptions.secret", shippedDefault("careloop.subscriptions.secret")),
        "careloop.subscriptions.secret", "placeholder");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void subscriptionSecretThatIsLongButNotRandom_stopsStartUp_namingTheKey_withoutShowingIt(CapturedOutput log) {
    assertSecretRefusedWithoutShowingIt(log, "careloop.subscriptions.secret", "passwordpasswordpasswordpassword",
        "does not look random");
  }

  @Test
  void publicEndpointThatIsNotCareLoopsFhirBase_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.subscriptions.endpoint", "https://careloop.example.org/notifications"),
        "careloop.subscriptions.endpoint", "ending in /fhir", "/hook");
  }

  @Test
  void missingContactKeySecret_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.contact-keys.secret", ""),
        "careloop.contact-keys.secret", "missing", "CARELOOP_CONTACT_KEY_SECRET");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void tooShortContactKeySecret_stopsStartUp_namingTheKey_withoutShowingIt(CapturedOutput log) {
    assertSecretRefusedWithoutShowingIt(log, "careloop.contact-keys.secret", "only-31-characters-of-a-secret!",
        "shorter than 32 characters");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void contactKeySecretThatIsLongButNotRandom_stopsStartUp_namingTheKey_withoutShowingIt(CapturedOutput log) {
    assertSecretRefusedWithoutShowingIt(log, "careloop.contact-keys.secret", "1234567890123456789012345678901234567890",
        "does not look random", "CARELOOP_CONTACT_KEY_SECRET");
  }

  @Test
  void shippedPlaceholderContactKeySecret_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.contact-keys.secret", shippedDefault("careloop.contact-keys.secret")),
        "careloop.contact-keys.secret", "placeholder");
  }

  /** The default a {@code ${ENV:default}} value in config/application.yaml falls back to. */
  private static String shippedDefault(String key) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new FileSystemResource("config/application.yaml"));
    String value = yaml.getObject().getProperty(key);
    assertThat(value).as("%s in config/application.yaml", key).matches("\\$\\{[A-Z_]+:.+}");
    return value.substring(value.indexOf(':') + 1, value.length() - 1);
  }

  @Test
  void negativeReminderOffset_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.reminders.default-cadence[0].before", "-PT2H"),
        "careloop.reminders", "defaultCadence[0].before", "PT-2H", "positive duration");
  }

  @Test
  void badCatchUpSettings_stopStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.catch-up.overlap", "-PT1M"),
        "careloop.catch-up", "overlap", "must not be negative");
    assertStartUpFails(Map.of("careloop.catch-up.interval", "PT1S"),
        "careloop.catch-up", "interval", "at least 10 seconds");
    assertStartUpFails(Map.of("careloop.catch-up.page-size", "0"),
        "careloop.catch-up", "pageSize");
  }

  @Test
  void retriesOutsideTheirRanges_stopStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.delivery.retry.jitter", "1.0"),
        "careloop.delivery.retry.jitter must be from 0 to below 1");
    assertStartUpFails(Map.of("careloop.delivery.retry.first-interval", "PT0S"),
        "careloop.delivery.retry.first-interval must be at least PT1S");
  }

  @Test
  void negativeMissingPatientRetry_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.reminders.missing-patient-retry", "-PT1H"),
        "careloop.reminders", "missingPatientRetry", "must not be negative");
  }

  @Test
  void negativeStatisticsCheck_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.database.statistics-check-every", "-15s"),
        "careloop.database", "statisticsCheckEvery", "must not be negative");
  }

  @Test
  void missedMessageWindowThatIsNotPositive_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.reminders.missed.window", "PT0S"),
        "careloop.reminders", "missed.window", "positive duration after the start");
  }

  @Test
  void unknownDeclinedPatientsSetting_stopsStartUp_namingTheKeyAndTheValue() {
    assertStartUpFails(Map.of("careloop.reminders.declined-patients", "changes"),
        "careloop.reminders.declined-patients", "changes");
  }

  @Test
  void unknownTimeZone_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.compose.default-time-zone", "Mars/Olympus"),
        "careloop.compose", "default-time-zone", "Mars/Olympus");
  }

  @Test
  void unknownGuardianRule_stopsStartUp_namingTheKeyAndTheValue() {
    assertStartUpFails(Map.of("careloop.recipients.minors", "parents-sometimes"),
        "careloop.recipients.minors", "parents-sometimes");
  }

  @Test
  void staffTaskOwnerThatIsNotAReference_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.delivery.staff-task.owner", "the front desk"),
        "careloop.delivery", "owner", "the front desk", "Type/id");
  }

  @Test
  void badReferralSettings_stopStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.referrals.owner", "the booking team"),
        "careloop.referrals", "owner", "the booking team", "Type/id");
    assertStartUpFails(Map.of("careloop.referrals.overdue-after", "PT10M"),
        "careloop.referrals", "overdueAfter", "at least an hour");
    assertStartUpFails(Map.of("careloop.referrals.sweep.daily-at", "06:30", "careloop.referrals.sweep.interval", "PT6H"),
        "careloop.referrals.sweep", "daily-at or interval, not both");
    assertStartUpFails(Map.of("careloop.referrals.sweep.daily-at", "25:00"),
        "careloop.referrals.sweep.daily-at", "25:00");
    assertStartUpFails(Map.of("careloop.referrals.categories", ""),
        "careloop.referrals", "categories");
  }

  @Test
  void dateLocaleOfAnotherLanguage_stopsStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.compose.date-locales.en", "fr-FR"),
        "careloop.compose.date-locales.en", "fr-FR", "not a variety of 'en'");
  }

  @Test
  void missingTemplatesFolder_stopsStartUp_namingTheFolder() {
    assertStartUpFails(Map.of("careloop.compose.templates-dir", "config/no-such-templates"),
        "config/no-such-templates");
  }

  @Test
  void badFollowUpContent_stopsStartUp_namingTheFileAndTheProblem() {
    assertStartUpFails(Map.of("careloop.followup.content-dir", "src/test/resources/followup/library-bad-placeholder"),
        "library-bad-placeholder/items/appendectomy.json", "{{procedure}}");
  }

  @Test
  void missingFollowUpContentFolder_stopsStartUp_namingTheFolder() {
    assertStartUpFails(Map.of("careloop.followup.content-dir", "config/no-such-content"),
        "config/no-such-content/items", "careloop.followup.content-dir");
  }

  @Test
  void ehrAuthenticationThatCannotWork_stopsStartUp_namingTheKey(@TempDir Path keys) {
    Path keyFile = TestKeys.jwksFile(keys, List.of(TestKeys.rsa("careloop-2025")));
    Map<String, Object> smart = Map.of("careloop.ehr.auth.type", "smart-backend-services",
        "careloop.ehr.auth.client-id", "careloop", "careloop.ehr.auth.key-file", keyFile.toString(),
        "careloop.ehr.auth.kid", "careloop-2026");
    assertStartUpFails(smart, "careloop.ehr.auth.kid careloop-2026 is not a key in", "careloop-2025");
    assertStartUpFails(with(smart, "careloop.ehr.auth.alg", "HS256"), "careloop.ehr.auth.alg must be RS384 or ES384");
    assertStartUpFails(with(smart, "careloop.ehr.auth.key-file", keys.resolve("missing.pem").toString()),
        "careloop.ehr.auth.key-file", "missing.pem", "cannot be read");
  }

  private static Map<String, Object> with(Map<String, Object> properties, String key, Object value) {
    Map<String, Object> changed = new java.util.HashMap<>(properties);
    changed.put(key, value);
    return changed;
  }

  private static void assertStartUpFails(Map<String, Object> properties, String... expectedInMessage) {
    ThrowingCallable start = () -> CareLoopInstance.start(CareLoopInstance.UNREACHABLE_EHR, MutableClock.startingNow(), properties).close();
    assertThatThrownBy(start).satisfies(e -> {
      String messages = allMessages(e);
      for (String expected : expectedInMessage) {
        org.assertj.core.api.Assertions.assertThat(messages).contains(expected);
      }
    });
  }

  /**
   * Start-up with {@code secret} under {@code key} fails with a message naming the key and saying
   * {@code expected}; neither the exception chain nor anything logged shows the secret.
   */
  private static void assertSecretRefusedWithoutShowingIt(CapturedOutput log, String key, String secret,
      String... expected) {
    ThrowingCallable start = () -> CareLoopInstance.start(CareLoopInstance.UNREACHABLE_EHR, MutableClock.startingNow(),
        Map.of(key, secret)).close();
    assertThatThrownBy(start).satisfies(e -> assertThat(allMessages(e)).contains(key).contains(expected)
        .doesNotContain(secret));
    assertThat(log.getAll()).contains(key, expected[0]).doesNotContain(secret);
  }

  private static String allMessages(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
