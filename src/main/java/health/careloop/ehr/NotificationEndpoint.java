package health.careloop.ehr;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the EHR can reach the address CareLoop's Subscriptions deliver to (pure, no lookup).
 *
 * <p>A loopback address ({@code localhost}, {@code 127.x.x.x}, {@code ::1}) means "this machine" to
 * whoever uses it: given to an EHR on another machine, its notifications go to the EHR's own host
 * and are lost, silently. That is only right when the EHR is on this machine too (the demo, tests).
 * Host names are not resolved: start-up must not depend on DNS, and a name's meaning is the EHR's
 * DNS's, not CareLoop's.
 */
public final class NotificationEndpoint {

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

  private NotificationEndpoint() {}

  /**
   * Why the EHR at {@code ehrBase} cannot reach the hook at {@code hook}, or empty if it can as far
   * as CareLoop can tell.
   */
  public static Optional<String> unreachable(URI hook, URI ehrBase) {
    if (!local(hook.getHost()) || local(ehrBase.getHost())) {
      return Optional.empty();
    }
    return Optional.of("CareLoop's Subscriptions would deliver to " + hook + ", a loopback address, but the EHR at "
        + ehrBase.getHost() + " is on another machine: its notifications would go nowhere");
  }

  /** True for a name or address that means "this machine": localhost, *.localhost, loopback, 0.0.0.0. */
  static boolean local(String host) {
    if (host == null || host.isBlank()) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("localhost.localdomain")) {
      return true;
    }
    if (!IP_LITERAL.matcher(h).matches()) {
      return false;
    }
    try {
      // A literal address: parsed, never looked up.
      InetAddress address = InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
      return address.isLoopbackAddress() || address.isAnyLocalAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }
}
