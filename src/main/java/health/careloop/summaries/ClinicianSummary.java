package health.careloop.summaries;

import health.careloop.summaries.OpenWork.OpenTask;
import health.careloop.summaries.OpenWork.PendingOrder;
import health.careloop.summaries.OpenWork.Referral;
import health.careloop.summaries.OpenWork.UpcomingAppointment;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The text of a clinician summary: short plain English for clinicians (not for patients), overdue
 * work first, each line ending with the reference of what it is about so the EHR's user can open
 * it. Pure; dates are written in the deployment's time zone. English only: the clinicians'
 * language is the deployment's, and a translated summary would need its own reviewed wording.
 *
 * <p>Nothing to say (no open Task, referral or order) means no summary, unless
 * {@code careloop.summaries.write-when-empty}; upcoming appointments alone are not work.
 */
public final class ClinicianSummary {

  /** A display longer than this is cut: the summary is a list to scan, the EHR has the rest. */
  static final int MAX_DISPLAY = 80;
  static final String NOT_REPEATED = "Still open, told to you in the last %s, not repeated:";
  static final String INCOMPLETE = "More open work is in the EHR than this summary lists.";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

  private final ZoneId zone;
  private final int maxAppointments;
  private final boolean writeWhenEmpty;

  public ClinicianSummary(ZoneId zone, int maxAppointments, boolean writeWhenEmpty) {
    this.zone = zone;
    this.maxAppointments = maxAppointments;
    this.writeWhenEmpty = writeWhenEmpty;
  }

  /** Whether it writes a summary also when there is no open work ({@code write-when-empty}). */
  public boolean writesWhenEmpty() {
    return writeWhenEmpty;
  }

  public Optional<SummaryContent> write(OpenWork work) {
    return write(work, List.of(), null);
  }

  /**
   * The text for open work from which the {@link RepeatBudget} left out items told to the clinician
   * recently: those are named on one line at the end, by reference only, so that the clinician knows
   * they are still open without reading them again.
   *
   * @param notRepeated the references left out ({@link RepeatBudget.Folded#notRepeated()})
   * @param window the budget's window in words ({@link RepeatBudget#windowInWords()}); unused when nothing was left out
   */
  public Optional<SummaryContent> write(OpenWork work, List<String> notRepeated, String window) {
    if (!work.hasWork() && !writeWhenEmpty) {
      return Optional.empty();
    }
    List<Line> items = new ArrayList<>();
    items.addAll(oldestFirst(work.referrals().stream().map(this::referral).toList()));
    items.addAll(oldestFirst(work.orders().stream().map(this::order).toList()));
    items.addAll(oldestFirst(work.tasks().stream().map(this::task).toList()));
    List<Line> overdue = items.stream().filter(Line::overdue).toList();
    List<Line> open = items.stream().filter(l -> !l.overdue()).toList();
    List<UpcomingAppointment> next = work.appointments().stream()
        .sorted(Comparator.comparing(UpcomingAppointment::start)).limit(maxAppointments).toList();

    StringBuilder text = new StringBuilder();
    List<String> about = new ArrayList<>();
    text.append(items.isEmpty() && work.complete()
        ? (notRepeated.isEmpty() ? "No open work for this patient in the EHR." : "No new open work for this patient.")
        : "Open work for this patient: " + count(overdue.size(), "overdue") + ", " + count(open.size(), "not overdue") + ".");
    section(text, about, "Overdue:", overdue);
    section(text, about, "Open:", open);
    section(text, about, "Next appointments:", next.stream().map(this::appointment).toList());
    if (!notRepeated.isEmpty()) {
      text.append('\n').append(NOT_REPEATED.formatted(window)).append(' ')
          .append(notRepeated.stream().map(r -> "[" + r + "]").collect(Collectors.joining(" ")));
    }
    if (!work.complete()) {
      text.append('\n').append(INCOMPLETE);
    }
    SummaryPriority priority = overdue.isEmpty() ? SummaryPriority.ROUTINE : SummaryPriority.URGENT;
    return Optional.of(new SummaryContent(text.toString(), priority, about));
  }

  private Line referral(Referral r) {
    return new Line(r.reference(), "Referral not booked: " + display(r.display()) + ", requested " + day(r.authoredOn()),
        r.overdue(), r.authoredOn());
  }

  private Line order(PendingOrder o) {
    String due = o.occurrence() == null ? "" : ", to be done " + day(o.occurrence());
    return new Line(o.reference(), "Result awaited: " + display(o.display()) + ", ordered " + day(o.authoredOn()) + due,
        o.overdue(), o.occurrence() != null ? o.occurrence() : o.authoredOn());
  }

  private Line task(OpenTask t) {
    String due = t.due() == null ? "" : ", due " + day(t.due());
    return new Line(t.reference(), "Task: " + display(t.display()) + due, t.overdue(), t.due() != null ? t.due() : t.authoredOn());
  }

  private Line appointment(UpcomingAppointment a) {
    return new Line(a.reference(), DAY_AND_TIME.format(a.start().atZone(zone)) + ": " + display(a.display()), false, a.start());
  }

  /** What has waited longest first, undated last; the kinds stay grouped (referrals, orders, tasks). */
  private static List<Line> oldestFirst(List<Line> lines) {
    return lines.stream().sorted(Comparator.comparing(Line::since, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
  }

  private static void section(StringBuilder text, List<String> about, String title, List<Line> lines) {
    if (lines.isEmpty()) {
      return;
    }
    text.append('\n').append(title);
    for (Line line : lines) {
      text.append("\n- ").append(line.text()).append(" [").append(line.reference()).append(']');
      about.add(line.reference());
    }
  }

  private String day(Instant at) {
    return at == null ? "(date not recorded)" : DAY.format(at.atZone(zone));
  }

  /** One line each: free text from the EHR may hold line breaks, which would break the list. */
  public static String display(String display) {
    String oneLine = display == null ? "" : display.replaceAll("\\s+", " ").trim();
    if (oneLine.isEmpty()) {
      return "(no description)";
    }
    return oneLine.length() <= MAX_DISPLAY ? oneLine : oneLine.substring(0, MAX_DISPLAY - 1).trim() + "…";
  }

  private static String count(int n, String what) {
    return n + " " + what;
  }

  private record Line(String reference, String text, boolean overdue, Instant since) {}
}
