package health.careloop.intake.internal;

import jakarta.servlet.http.HttpServletRequest;

/** What the hook reads from a request before HAPI does. */
final class HookRequests {

  private HookRequests() {}

  /** Whether the request carries a body: a Content-Length above 0, or one sent chunked. */
  static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  /** The id of {@code /hook/{type}/{id}} (decoded), or null for any other path. */
  static String resourceId(HttpServletRequest request) {
    String[] path = pathSegments(request);
    return path.length == 2 ? path[1] : null;
  }

  /** The type of {@code /hook/{type}/{id}}, or null for any other path. */
  static String resourceType(HttpServletRequest request) {
    String[] path = pathSegments(request);
    return path.length == 2 ? path[0] : null;
  }

  /** Whether the request is for {@code /hook} itself. */
  static boolean isBase(HttpServletRequest request) {
    return pathSegments(request).length == 0;
  }

  private static String[] pathSegments(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null || path.isEmpty() || "/".equals(path)) {
      return new String[0];
    }
    return path.substring(1).split("/", -1);
  }
}
