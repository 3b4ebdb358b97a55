package health.careloop.schedule;

import java.util.List;

/** What a replan did: keys newly planned, and keys revoked. */
public record ReplanResult(List<String> planned, List<String> revoked) {}
