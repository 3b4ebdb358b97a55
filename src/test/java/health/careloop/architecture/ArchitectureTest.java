package health.careloop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/** The package rules (docs/architecture.md), as tests. */
class ArchitectureTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("health.careloop");

  @Test
  void rulesAndCompose_arePure_noSpringNoFhirModel() {
    noClasses().that().resideInAnyPackage("health.careloop.rules..", "health.careloop.compose..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.springframework..", "ca.uhn.fhir..", "org.hl7.fhir..", "jakarta.persistence..")
        .check(MAIN);
  }

  @Test
  void scheduleAndFeatures_doNotTouchTheFhirModel() {
    noClasses().that().resideInAnyPackage("health.careloop.schedule..", "health.careloop.reminders..",
        "health.careloop.family..")
        .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..")
        .check(MAIN);
  }

  @Test
  void followUpSelection_doesNotTouchTheFhirModel() {
    noClasses().that().resideInAPackage("health.careloop.followup")
        .and().doNotHaveSimpleName("FollowUpConfiguration")
        .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..")
        .check(MAIN);
  }

  /** The summaries work on records; only their two translators and the EHR reading ({@code internal}) see FHIR. */
  @Test
  void summaries_touchTheFhirModelOnlyInTheirTranslators() {
    noClasses().that().resideInAPackage("health.careloop.summaries")
        .and().doNotHaveSimpleName("EncounterParticipants")
        .and().doNotHaveSimpleName("ClinicianSummaryTranslator")
        .should().dependOnClassesThat().resideInAnyPackage("ca.uhn.fhir..", "org.hl7.fhir..")
        .check(MAIN);
  }

  /** Data flows one way: the features plan, write-back sends; write-back never reaches back into a feature. */
  @Test
  void writeback_doesNotDependOnTheFeaturesThatPlan() {
    noClasses().that().resideInAPackage("health.careloop.writeback..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "health.careloop.reminders..", "health.careloop.followup..", "health.careloop.summaries..")
        .check(MAIN);
  }

  @Test
  void onlyTheSchedulePackage_knowsTheDurableScheduler() {
    noClasses().that().resideOutsideOfPackage("health.careloop.schedule..")
        .should().dependOnClassesThat().resideInAPackage("com.github.kagkarlsson..")
        .check(MAIN);
  }

  @Test
  void noModule_reachesIntoAnotherModulesInternals() {
    noClasses().should(new ArchCondition<>("depend on another module's internal package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String module = module(item.getPackageName());
        item.getDirectDependenciesFromSelf().forEach(dependency -> {
          String target = dependency.getTargetClass().getPackageName();
          if (target.startsWith("health.careloop.") && target.contains(".internal")
              && !module(target).equals(module)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        });
      }
    }).check(MAIN);
  }

  private static String module(String packageName) {
    String[] parts = packageName.split("\\.");
    return parts.length > 2 ? parts[2] : "";
  }
}
