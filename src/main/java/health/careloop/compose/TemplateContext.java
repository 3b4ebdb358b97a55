package health.careloop.compose;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Mustache context a message template renders with, under the variable names the templates in
 * {@code config/templates} use (listed in config/templates/README.md). Values arrive already
 * formatted (dates and times in the recipient's locale and time zone); this class only names and
 * shapes them. Pure.
 *
 * <p>Every variable is always present, empty or false when unknown: a section over an unknown value
 * prints nothing instead of failing, and an item of {@code appointments} never lacks its own
 * {@code location} (Mustache would otherwise print the message's {@code location} in its place).
 */
public final class TemplateContext {

  public static final String NAME = "name";
  public static final String PATIENT_NAME = "patientName";
  public static final String FOR_SOMEONE_ELSE = "forSomeoneElse";
  public static final String DATE = "date";
  public static final String TIME = "time";
  public static final String LOCATION = "location";
  public static final String SEVERAL = "several";
  public static final String APPOINTMENTS = "appointments";
  public static final String PREVIOUS_DATE = "previousDate";
  public static final String PREVIOUS_TIME = "previousTime";
  public static final String CONTACT = "contact";
  public static final String SURGERY_OVER = "surgeryOver";

  /** The variables every template may use, in the order of config/templates/README.md. */
  public static final List<String> VARIABLES = List.of(NAME, PATIENT_NAME, FOR_SOMEONE_ELSE, DATE, TIME, LOCATION,
      SEVERAL, APPOINTMENTS, PREVIOUS_DATE, PREVIOUS_TIME, CONTACT, SURGERY_OVER);

  /**
   * One appointment of the day, for a reminder about several.
   *
   * @param time its start, formatted like {@code time}
   * @param location its place name, may be null
   */
  public record Slot(String time, String location) {
    public Slot {
      Objects.requireNonNull(time, "time");
    }
  }

  private TemplateContext() {}

  /** A date as templates show it ({@code date}, {@code previousDate}): localized, full. */
  public static String formatDate(ZonedDateTime dateTime, Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(dateTime);
  }

  /** A time as templates show it ({@code time}, {@code previousTime}, an item's {@code time}): localized, short. */
  public static String formatTime(ZonedDateTime dateTime, Locale locale) {
    return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(dateTime);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the values; anything not set renders as empty (or false). */
  public static final class Builder {
    private String name;
    private String patientName;
    private boolean forSomeoneElse;
    private String date;
    private String time;
    private String location;
    private List<Slot> appointments = List.of();
    private String previousDate;
    private String previousTime;
    private String contact;
    private boolean surgeryOver;

    private Builder() {}

    /** The recipient's given name, as they are addressed. */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** The patient's given name (differs from {@link #name} when writing to a guardian). */
    public Builder patientName(String value) {
      this.patientName = value;
      return this;
    }

    /** The recipient is not the patient (a parent, a guardian): the message is about {@code patientName}'s appointment. */
    public Builder forSomeoneElse(boolean value) {
      this.forSomeoneElse = value;
      return this;
    }

    /** The appointment's date, localized, full. */
    public Builder date(String value) {
      this.date = value;
      return this;
    }

    /** The appointment's start time, localized, short. */
    public Builder time(String value) {
      this.time = value;
      return this;
    }

    /** The appointment's place name. */
    public Builder location(String value) {
      this.location = value;
      return this;
    }

    /**
     * The recipient's appointments that day, in order (reminders). With more than one,
     * {@code several} is true. An item's {@code location} is left empty when the next item is at
     * the same place, so the templates name a place once after its run of times
     * ("9:30, 11:00 and 14:15 at X"; "9:30 at X and 14:15 at Y").
     */
    public Builder appointments(List<Slot> value) {
      this.appointments = List.copyOf(value);
      return this;
    }

    /** The moved appointment's previous date and time, formatted like {@code date} and {@code time}. */
    public Builder previous(String date, String time) {
      this.previousDate = date;
      this.previousTime = time;
      return this;
    }

    /** How to reach the clinic to cancel or rebook (a phone number). */
    public Builder contact(String value) {
      this.contact = value;
      return this;
    }

    /** A surgery update: the operation is over and the patient is in recovery (false: it has started). */
    public Builder surgeryOver(boolean value) {
      this.surgeryOver = value;
      return this;
    }

    /** A new mutable map holding every variable of {@link #VARIABLES}. */
    public Map<String, Object> build() {
      Map<String, Object> context = new HashMap<>();
      context.put(NAME, orEmpty(name));
      context.put(PATIENT_NAME, orEmpty(patientName));
      context.put(FOR_SOMEONE_ELSE, forSomeoneElse);
      context.put(DATE, orEmpty(date));
      context.put(TIME, orEmpty(time));
      context.put(LOCATION, orEmpty(location));
      context.put(SEVERAL, appointments.size() > 1);
      context.put(APPOINTMENTS, items(appointments));
      context.put(PREVIOUS_DATE, orEmpty(previousDate));
      context.put(PREVIOUS_TIME, orEmpty(previousTime));
      context.put(CONTACT, orEmpty(contact));
      context.put(SURGERY_OVER, surgeryOver);
      return context;
    }

    private static List<Map<String, Object>> items(List<Slot> slots) {
      List<Map<String, Object>> items = new ArrayList<>(slots.size());
      for (int i = 0; i < slots.size(); i++) {
        String place = orEmpty(slots.get(i).location()).strip();
        boolean sameAsNext = i + 1 < slots.size() && place.equals(orEmpty(slots.get(i + 1).location()).strip());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put(TIME, slots.get(i).time());
        item.put(LOCATION, sameAsNext ? "" : place);
        items.add(item);
      }
      return List.copyOf(items);
    }

    private static String orEmpty(String value) {
      return value == null ? "" : value;
    }
  }
}
