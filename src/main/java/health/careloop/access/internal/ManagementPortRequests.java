package health.careloop.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Requests that arrived on the management port, when Actuator has a port of its own
 * ({@code management.server.port}): that port is for monitoring alone, kept off the network the EHR
 * and integrators reach (docs/configuring.md), so what it exposes is served there without a token.
 * Spring Boot applies CareLoop's security chains to that port too; without this, metrics exposed
 * there would be refused like any path CareLoop's own port does not serve.
 *
 * <p>The port is read when a request arrives: {@code local.management.port} is known only once the
 * management server has started (it may be 0 in configuration, a free port chosen at start).
 * Without a port of its own, nothing matches.
 */
final class ManagementPortRequests implements RequestMatcher {

  private final Environment environment;

  ManagementPortRequests(Environment environment) {
    this.environment = environment;
  }

  @Override
  public boolean matches(HttpServletRequest request) {
    Integer management = environment.getProperty("local.management.port", Integer.class);
    Integer server = environment.getProperty("local.server.port", Integer.class);
    return management != null && management > 0 && !management.equals(server)
        && request.getLocalPort() == management;
  }
}
