package health.careloop.intake.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the hook a body it can only read through {@link CheckedBodyStream}. It reads nothing
 * itself: the secret is checked first (HookAuthenticationInterceptor), and only then does HAPI read.
 */
class HookBodyFilter extends OncePerRequestFilter {

  private final long limit;

  HookBodyFilter(long limit) {
    this.limit = limit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new HttpServletRequestWrapper(request) {
      private ServletInputStream checked;

      @Override
      public ServletInputStream getInputStream() throws IOException {
        if (checked == null) {
          checked = new CheckedBodyStream(super.getInputStream(), limit);
        }
        return checked;
      }
    }, response);
  }
}
