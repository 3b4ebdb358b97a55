package health.careloop.rules;

import static health.careloop.rules.ConsentProvision.Type.DENY;
import static health.careloop.rules.ConsentProvision.Type.PERMIT;
import static health.careloop.rules.MessageKind.APPOINTMENT_CANCELLED;
import static health.careloop.rules.MessageKind.APPOINTMENT_CONFIRMATION;
import static health.careloop.rules.MessageKind.APPOINTMENT_MOVED;
import static health.careloop.rules.MessageKind.APPOINTMENT_REMINDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptOutTest {

  private static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");

  @Test
  void aDenyNamingTheKind_refusesIt_andOnlyIt() {
    ConsentProvision root = provision(DENY, APPOINTMENT_REMINDER);

    assertThat(refuses(root, APPOINTMENT_REMINDER)).isTrue();
    assertThat(refuses(root, APPOINTMENT_CONFIRMATION)).isFalse();
  }

  @Test
  void aDenyNamingNoneOfCareLoopsKinds_isNoOptOut() {
    ConsentProvision researchOnly = new ConsentProvision(DENY, null, null, true, Set.of(), List.of());
    ConsentProvision denyWithoutACode = new ConsentProvision(DENY, null, null, false, Set.of(), List.of());

    assertThat(refuses(researchOnly, APPOINTMENT_REMINDER)).isFalse();
    assertThat(refuses(denyWithoutACode, APPOINTMENT_REMINDER))
        .as("a refusal that never names CareLoop's messages is about something else").isFalse();
  }

  @Test
  void nestedDenyUnderAPermit_refusesItsKind_andThePermitHoldsForTheRest() {
    ConsentProvision root = provision(PERMIT, List.of(provision(DENY, APPOINTMENT_REMINDER)));

    assertThat(refuses(root, APPOINTMENT_REMINDER)).isTrue();
    assertThat(refuses(root, APPOINTMENT_CONFIRMATION)).isFalse();
    assertThat(refuses(root, APPOINTMENT_CANCELLED)).isFalse();
  }

  @Test
  void nestedDenyWithoutACode_refusesWhatItsParentNames() {
    ConsentProvision reminders = provision(PERMIT, Set.of(APPOINTMENT_REMINDER), List.of(
        new ConsentProvision(DENY, Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"),
            false, Set.of(), List.of())));

    assertThat(refuses(reminders, APPOINTMENT_REMINDER)).as("not in June").isTrue();
    assertThat(OptOut.refuses(List.of(reminders), APPOINTMENT_REMINDER, Instant.parse("2026-07-01T00:00:00Z")))
        .as("from July again").isFalse();
    assertThat(refuses(reminders, APPOINTMENT_CONFIRMATION)).as("the parent is about reminders only").isFalse();
  }

  @Test
  void nestedPermitUnderADeny_letsItsKindThrough_andTheDenyHoldsForTheRest() {
    ConsentProvision root = provision(DENY, Set.of(APPOINTMENT_REMINDER, APPOINTMENT_CONFIRMATION, APPOINTMENT_CANCELLED),
        List.of(provision(PERMIT, APPOINTMENT_CANCELLED)));

    assertThat(refuses(root, APPOINTMENT_CANCELLED)).isFalse();
    assertThat(refuses(root, APPOINTMENT_REMINDER)).isTrue();
    assertThat(refuses(root, APPOINTMENT_CONFIRMATION)).isTrue();
  }

  @Test
  void nestedDenyWhosePeriodHasEnded_decidesNothing_theParentDecides() {
    ConsentProvision ended = new ConsentProvision(DENY, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-03-01T00:00:00Z"), true, Set.of(APPOINTMENT_REMINDER), List.of());
    ConsentProvision root = provision(PERMIT, List.of(ended));

    assertThat(refuses(root, APPOINTMENT_REMINDER)).isFalse();
    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_REMINDER, Instant.parse("2026-02-01T00:00:00Z")))
        .as("while it held").isTrue();
  }

  @Test
  void aPeriod_includesItsStart_andEndsAtItsEnd() {
    Instant start = Instant.parse("2026-06-01T00:00:00Z");
    Instant end = Instant.parse("2026-07-01T00:00:00Z");
    ConsentProvision root = provision(PERMIT, List.of(
        new ConsentProvision(DENY, start, end, true, Set.of(APPOINTMENT_REMINDER), List.of())));

    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_REMINDER, start.minusMillis(1))).isFalse();
    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_REMINDER, start)).isTrue();
    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_REMINDER, end.minusMillis(1))).isTrue();
    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_REMINDER, end)).isFalse();
  }

  @Test
  void nestedDenyForAnotherKindOnly_doesNotRefuseThisKind() {
    ConsentProvision root = provision(PERMIT, List.of(provision(DENY, APPOINTMENT_MOVED)));

    assertThat(refuses(root, APPOINTMENT_REMINDER)).isFalse();
    assertThat(refuses(root, APPOINTMENT_MOVED)).isTrue();
  }

  @Test
  void threeLevels_theDeepestProvisionThatAppliesDecides() {
    // Permit everything; except reminders; except reminders in July (the patient asked for them then).
    ConsentProvision julyReminders = new ConsentProvision(PERMIT, Instant.parse("2026-07-01T00:00:00Z"),
        Instant.parse("2026-08-01T00:00:00Z"), false, Set.of(), List.of());
    ConsentProvision root = provision(PERMIT, List.of(provision(DENY, Set.of(APPOINTMENT_REMINDER), List.of(julyReminders))));

    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_REMINDER, Instant.parse("2026-06-30T12:00:00Z"))).isTrue();
    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_REMINDER, Instant.parse("2026-07-15T12:00:00Z"))).isFalse();
    assertThat(OptOut.refuses(List.of(root), APPOINTMENT_CONFIRMATION, Instant.parse("2026-06-30T12:00:00Z"))).isFalse();
  }

  @Test
  void threeLevels_anExceptionNeverReachesOutsideItsParent() {
    // A deny nested in a permit that is about confirmations only: it cannot refuse reminders,
    // even though it names them.
    ConsentProvision root = provision(PERMIT, List.of(
        provision(PERMIT, Set.of(APPOINTMENT_CONFIRMATION), List.of(provision(DENY, APPOINTMENT_REMINDER)))));

    assertThat(refuses(root, APPOINTMENT_REMINDER)).isFalse();
  }

  @Test
  void aParentWhosePeriodHasEnded_takesItsExceptionsWithIt() {
    ConsentProvision endedParent = new ConsentProvision(PERMIT, null, Instant.parse("2026-01-01T00:00:00Z"),
        false, Set.of(), List.of(provision(DENY, APPOINTMENT_REMINDER)));

    assertThat(refuses(provision(PERMIT, List.of(endedParent)), APPOINTMENT_REMINDER)).isFalse();
  }

  @Test
  void aNestedProvisionWithoutAType_decidesNothing_itsParentOrItsOwnExceptionsDo() {
    ConsentProvision untyped = new ConsentProvision(null, null, null, true, Set.of(APPOINTMENT_REMINDER), List.of());
    ConsentProvision untypedWithADeny = new ConsentProvision(null, null, null, true, Set.of(APPOINTMENT_REMINDER),
        List.of(new ConsentProvision(DENY, null, null, false, Set.of(), List.of())));

    assertThat(refuses(provision(PERMIT, List.of(untyped)), APPOINTMENT_REMINDER)).isFalse();
    assertThat(refuses(provision(PERMIT, List.of(untypedWithADeny)), APPOINTMENT_REMINDER)).isTrue();
  }

  @Test
  void equallySpecificProvisionsThatDisagree_theRefusalWins() {
    ConsentProvision root = provision(PERMIT, List.of(provision(PERMIT, APPOINTMENT_REMINDER), provision(DENY, APPOINTMENT_REMINDER)));
    ConsentProvision reversed = provision(PERMIT, List.of(provision(DENY, APPOINTMENT_REMINDER), provision(PERMIT, APPOINTMENT_REMINDER)));

    assertThat(refuses(root, APPOINTMENT_REMINDER)).isTrue();
    assertThat(refuses(reversed, APPOINTMENT_REMINDER)).isTrue();
  }

  @Test
  void oneConsentRefusing_isEnough() {
    ConsentProvision permitsAll = new ConsentProvision(PERMIT, null, null, false, Set.of(), List.of());

    assertThat(OptOut.refuses(List.of(permitsAll, provision(DENY, APPOINTMENT_REMINDER)), APPOINTMENT_REMINDER, NOW)).isTrue();
    assertThat(OptOut.refuses(List.of(), APPOINTMENT_REMINDER, NOW)).isFalse();
  }

  @Test
  void aRootWithoutAType_decidesNothing_butItsExceptionsDo() {
    ConsentProvision untypedRoot = new ConsentProvision(null, null, null, false, Set.of(),
        List.of(provision(DENY, APPOINTMENT_REMINDER)));

    assertThat(refuses(untypedRoot, APPOINTMENT_REMINDER)).isTrue();
    assertThat(refuses(untypedRoot, APPOINTMENT_CONFIRMATION)).isFalse();
  }

  @Test
  void aPeriodThatEndsBeforeItStarts_neverHolds() {
    ConsentProvision impossible = new ConsentProvision(DENY, Instant.parse("2026-07-01T00:00:00Z"),
        Instant.parse("2026-06-01T00:00:00Z"), true, Set.of(APPOINTMENT_REMINDER), List.of());

    assertThat(refuses(provision(PERMIT, List.of(impossible)), APPOINTMENT_REMINDER)).isFalse();
  }

  private static boolean refuses(ConsentProvision root, MessageKind kind) {
    return OptOut.refuses(List.of(root), kind, NOW);
  }

  private static ConsentProvision provision(ConsentProvision.Type type, MessageKind kind) {
    return provision(type, Set.of(kind), List.of());
  }

  /** Without a code: for whatever its parent is about (at the root: everything). */
  private static ConsentProvision provision(ConsentProvision.Type type, List<ConsentProvision> exceptions) {
    return new ConsentProvision(type, null, null, false, Set.of(), exceptions);
  }

  private static ConsentProvision provision(ConsentProvision.Type type, Set<MessageKind> kinds,
      List<ConsentProvision> exceptions) {
    return new ConsentProvision(type, null, null, true, kinds, exceptions);
  }
}
