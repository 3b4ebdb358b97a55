package health.careloop.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The codes of one finished visit that follow-up content is chosen by.
 *
 * @param classCodes Encounter.class
 * @param type Encounter.type codings
 * @param reason Encounter.reasonCode codings
 * @param diagnosis the codes of the Encounter's diagnosis Conditions
 * @param procedure the codes of the visit's Procedures
 */
public record VisitCodes(List<Code> classCodes, List<Code> type, List<Code> reason, List<Code> diagnosis,
    List<Code> procedure) {

  /** Where on the visit a code was found (the "why" of a selection). */
  public enum Kind { CLASS, TYPE, REASON, DIAGNOSIS, PROCEDURE }

  /** A coding: system URI and code. */
  public record Code(String system, String code) {
    public Code {
      Objects.requireNonNull(system, "system");
      Objects.requireNonNull(code, "code");
    }

    @Override
    public String toString() {
      return system + "|" + code;
    }

    /**
     * A {@code system|code} as snapshots carry codes; empty for a bare code: a ValueSet lists codes
     * of a system, and a code of no known system is in none.
     */
    public static java.util.Optional<Code> parse(String systemAndCode) {
      int bar = systemAndCode.lastIndexOf('|');
      return bar <= 0 || bar == systemAndCode.length() - 1 ? java.util.Optional.empty()
          : java.util.Optional.of(new Code(systemAndCode.substring(0, bar), systemAndCode.substring(bar + 1)));
    }
  }

  /** A code together with where on the visit it was found. */
  public record KindedCode(Kind kind, Code code) {}

  public VisitCodes {
    classCodes = List.copyOf(classCodes);
    type = List.copyOf(type);
    reason = List.copyOf(reason);
    diagnosis = List.copyOf(diagnosis);
    procedure = List.copyOf(procedure);
  }

  /** Every code of the visit with its kind, in the order class, type, reason, diagnosis, procedure. */
  public List<KindedCode> all() {
    List<KindedCode> all = new ArrayList<>();
    classCodes.forEach(c -> all.add(new KindedCode(Kind.CLASS, c)));
    type.forEach(c -> all.add(new KindedCode(Kind.TYPE, c)));
    reason.forEach(c -> all.add(new KindedCode(Kind.REASON, c)));
    diagnosis.forEach(c -> all.add(new KindedCode(Kind.DIAGNOSIS, c)));
    procedure.forEach(c -> all.add(new KindedCode(Kind.PROCEDURE, c)));
    return List.copyOf(all);
  }
}
