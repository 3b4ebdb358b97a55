package health.careloop.rules;

import java.util.Collection;

/**
 * Matches configured codes against coded data. A configured {@code system|code} matches exactly;
 * a bare {@code code} matches that code in any system (convenient for local codes).
 */
public final class CodeMatch {

  private CodeMatch() {}

  public static boolean anyMatches(Collection<String> configured, Collection<String> systemAndCodes) {
    for (String wanted : configured) {
      for (String actual : systemAndCodes) {
        if (matches(wanted, actual)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean matches(String configured, String systemAndCode) {
    if (configured.contains("|")) {
      return configured.equals(systemAndCode);
    }
    int bar = systemAndCode.lastIndexOf('|');
    return configured.equals(bar < 0 ? systemAndCode : systemAndCode.substring(bar + 1));
  }
}
