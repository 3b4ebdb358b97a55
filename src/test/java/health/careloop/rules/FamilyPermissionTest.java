package health.careloop.rules;

import static health.careloop.rules.ConsentProvision.Type.DENY;
import static health.careloop.rules.ConsentProvision.Type.PERMIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FamilyPermissionTest {

  static final String FAMRQT = "http://terminology.hl7.org/CodeSystem/v3-ActReason|FAMRQT";
  static final String MUM = "RelatedPerson/mum";
  static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  static ConsentProvision permit(Set<String> actors, Set<String> purposes, List<ConsentProvision> exceptions) {
    return new ConsentProvision(PERMIT, null, null, false, Set.of(), exceptions, actors, purposes);
  }

  @Test
  void aPermitNamingThePersonAndThePurpose_permits() {
    assertThat(FamilyPermission.permits(List.of(permit(Set.of(MUM), Set.of(FAMRQT), List.of())), MUM, FAMRQT, NOW))
        .isTrue();
  }

  @Test
  void noConsent_permitsNothing() {
    assertThat(FamilyPermission.permits(List.of(), MUM, FAMRQT, NOW)).isFalse();
  }

  @Test
  void aPermitNamingSomeoneElse_doesNotPermitThisPerson() {
    assertThat(FamilyPermission.permits(List.of(permit(Set.of("RelatedPerson/brother"), Set.of(FAMRQT), List.of())),
        MUM, FAMRQT, NOW)).isFalse();
  }

  @Test
  void aPermitNamingNoOne_orAnotherPurpose_permitsNothing() {
    assertThat(FamilyPermission.permits(List.of(permit(Set.of(), Set.of(FAMRQT), List.of())), MUM, FAMRQT, NOW))
        .isFalse();
    assertThat(FamilyPermission.permits(List.of(permit(Set.of(MUM),
        Set.of("http://terminology.hl7.org/CodeSystem/v3-ActReason|HRESCH"), List.of())), MUM, FAMRQT, NOW)).isFalse();
    assertThat(FamilyPermission.permits(List.of(permit(Set.of(MUM), Set.of(), List.of())), MUM, FAMRQT, NOW))
        .isFalse();
  }

  @Test
  void aDenyNamingThePersonAndThePurpose_isNoPermission() {
    ConsentProvision deny = new ConsentProvision(DENY, null, null, false, Set.of(), List.of(), Set.of(MUM), Set.of(FAMRQT));
    assertThat(FamilyPermission.permits(List.of(deny), MUM, FAMRQT, NOW)).isFalse();
  }

  @Test
  void aPermitOutsideItsPeriod_permitsNothing() {
    ConsentProvision ended = new ConsentProvision(PERMIT, null, Instant.parse("2026-11-30T09:00:00Z"), false, Set.of(),
        List.of(), Set.of(MUM), Set.of(FAMRQT));
    ConsentProvision notYet = new ConsentProvision(PERMIT, Instant.parse("2026-12-01T00:00:00Z"), null, false,
        Set.of(), List.of(), Set.of(MUM), Set.of(FAMRQT));
    assertThat(FamilyPermission.permits(List.of(ended, notYet), MUM, FAMRQT, NOW)).isFalse();
  }

  @Test
  void aNestedDenyForThePerson_orForEveryone_withdrawsIt_butOneForSomeoneElseDoesNot() {
    ConsentProvision denyMum = new ConsentProvision(DENY, null, null, false, Set.of(), List.of(), Set.of(MUM), Set.of());
    ConsentProvision denyAll = new ConsentProvision(DENY, null, null, false, Set.of(), List.of());
    ConsentProvision denyBrother = new ConsentProvision(DENY, null, null, false, Set.of(), List.of(),
        Set.of("RelatedPerson/brother"), Set.of());
    ConsentProvision deniedLastYear = new ConsentProvision(DENY, null, Instant.parse("2025-01-01T00:00:00Z"), false,
        Set.of(), List.of(), Set.of(MUM), Set.of());
    assertThat(FamilyPermission.permits(List.of(permit(Set.of(MUM), Set.of(FAMRQT), List.of(denyMum))), MUM, FAMRQT, NOW))
        .isFalse();
    assertThat(FamilyPermission.permits(List.of(permit(Set.of(MUM), Set.of(FAMRQT), List.of(denyAll))), MUM, FAMRQT, NOW))
        .isFalse();
    assertThat(FamilyPermission.permits(List.of(permit(Set.of(MUM, "RelatedPerson/brother"), Set.of(FAMRQT),
        List.of(denyBrother, deniedLastYear))), MUM, FAMRQT, NOW)).isTrue();
  }
}
