package health.careloop.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A script for <a href="https://github.com/wg/wrk">wrk</a> that makes the intake scenario's
 * deliveries ({@code PUT {hook}/Appointment/{id}}, the whole Appointment, the Subscription's
 * secret), each of an id no thread has sent before: for measuring CareLoop's hook with a load
 * generator outside the JVM, beside the benchmark's own (the {@code hold} scenario).
 */
final class HookLoadScript {

  /** Starts the line of figures the script prints when wrk is done. */
  static final String RESULT = "WRK-RESULT ";

  private HookLoadScript() {}

  /**
   * The script's text. {@code template} is the Appointment as JSON with {@code __ID__} where each
   * delivery's id goes; it is inlined in a long bracket, which JSON cannot close.
   */
  static String lua(String hookBaseUrl, String secret, String template) {
    if (template.contains("]==]")) {
      throw new IllegalArgumentException("the template closes the script's long bracket");
    }
    String path = URI.create(hookBaseUrl).getPath();
    return """
        -- CareLoop's hook as HAPI's rest-hook delivers to it, each delivery of a new Appointment id.
        -- wrk -t2 -c32 -d30s --latency -s <this file> %s
        local body = [==[%s]==]
        local headers = {
          ["Content-Type"] = "application/fhir+json",
          ["Authorization"] = "Bearer %s",
          ["If-Match"] = 'W/"1"',
        }
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("number", threads)
        end
        local prefix, sent
        function init(args)
          prefix = "wrk-" .. os.time() .. "-" .. number .. "-"
          sent = 0
        end
        function request()
          sent = sent + 1
          local id = prefix .. sent
          return wrk.format("PUT", "%s/Appointment/" .. id, headers, (body:gsub("__ID__", id)))
        end
        -- One line the benchmark reads (times in microseconds); wrk's own summary is printed above it.
        function done(summary, latency, requests)
          local e = summary.errors
          io.write(string.format('%s{"requests":%%d,"durationMicros":%%d,"status":%%d,"connect":%%d,"read":%%d,'
              .. '"write":%%d,"timeout":%%d,"p50Micros":%%d,"p99Micros":%%d,"maxMicros":%%d}\\n',
              summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
              latency:percentile(50), latency:percentile(99), latency.max))
        end
        """.formatted(hookBaseUrl, template, secret, path, RESULT);
  }

  static Path write(Path dir, String hookBaseUrl, String secret, String template) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("hook.lua"), lua(hookBaseUrl, secret, template));
  }
}
