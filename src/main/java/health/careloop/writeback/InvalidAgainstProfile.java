package health.careloop.writeback;

import java.util.List;

/**
 * A resource CareLoop was about to write fails the profile it claims: it is not written. Its message
 * names where (element paths) and which checks failed, never the values, which may be the patient's.
 */
public class InvalidAgainstProfile extends RuntimeException {

  InvalidAgainstProfile(String resourceType, List<String> problems) {
    super(resourceType + " fails its profile (" + problems.size() + " error" + (problems.size() == 1 ? "" : "s")
        + "): " + String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
  }
}
