package health.careloop.support;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.CareLoopFhir;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;

/**
 * What a fault test counts after the fault: the messages CareLoop planned (its database) against
 * the Communications the EHR holds under CareLoop's message-key identifier. Written once means one
 * Communication per key; more is a duplicate, none is a loss.
 */
public final class FaultLedger {

  private static final int PAGE = 500;

  private FaultLedger() {}

  /** The planned messages of one kind: message key to status. */
  public static Map<String, String> planned(TestDatabase database, String kind) {
    Map<String, String> statusByKey = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(database.url(), database.username(), "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select message_key, status from planned_message where kind = '" + kind + "'")) {
      while (rs.next()) {
        statusByKey.put(rs.getString(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read planned_message", e);
    }
    return statusByKey;
  }

  /** How many Communications the EHR holds per CareLoop message key (all of them, every page). */
  public static Map<String, Integer> communicationsPerKey(IGenericClient ehr) {
    Map<String, Integer> perKey = new HashMap<>();
    Bundle page = ehr.search().forResource(Communication.class)
        .where(Communication.IDENTIFIER.hasSystemWithAnyCode(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM))
        .elementsSubset("identifier")
        .count(PAGE)
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    while (true) {
      for (Bundle.BundleEntryComponent entry : page.getEntry()) {
        for (Identifier id : ((Communication) entry.getResource()).getIdentifier()) {
          if (CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM.equals(id.getSystem())) {
            perKey.merge(id.getValue(), 1, Integer::sum);
          }
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return perKey;
      }
      page = ehr.loadPage().next(page).execute();
    }
  }

  /** How many Communications with a CareLoop message key the EHR holds (a cheap count). */
  public static int communicationCount(IGenericClient ehr) {
    Bundle count = ehr.search().forResource(Communication.class)
        .where(Communication.IDENTIFIER.hasSystemWithAnyCode(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM))
        .summaryMode(SummaryEnum.COUNT)
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    return count.getTotal();
  }

  /** The tally of planned messages against what the EHR holds, for assertions and the report. */
  public record Tally(int planned, int sent, int written, Set<String> duplicated, Set<String> missing) {

    public static Tally of(Map<String, String> planned, Map<String, Integer> written) {
      Set<String> duplicated = new TreeSet<>();
      written.forEach((key, n) -> {
        if (n > 1) {
          duplicated.add(key);
        }
      });
      Set<String> missing = new TreeSet<>(planned.keySet());
      missing.removeAll(written.keySet());
      int sent = (int) planned.values().stream().filter("SENT"::equals).count();
      return new Tally(planned.size(), sent, written.values().stream().mapToInt(Integer::intValue).sum(),
          duplicated, missing);
    }

    @Override
    public String toString() {
      return "planned " + planned + ", SENT " + sent + ", Communications written " + written
          + ", keys written more than once " + duplicated.size() + ", keys never written " + missing.size();
    }
  }
}
