package health.careloop.config;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import health.careloop.ehr.EhrTokenUnavailable;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * HAPI FHIR logs every exception a server interceptor throws at ERROR, with its stack trace, before
 * it answers the request. CareLoop's interceptors throw to refuse: a missing or wrong secret or
 * token (401), a missing scope (403), a malformed or oversized notification (400, 413, 415), the
 * database away (503); and CareLoop's client interceptor towards the EHR throws when it has no token
 * ({@link EhrTokenUnavailable}). Each is an expected answer, not a fault of CareLoop, and HAPI's server still
 * logs the request's failure in one WARN line; an ERROR with a stack trace for each would bury real
 * errors and let anyone who can reach the hook fill the logs. This drops exactly those ERRORs; an
 * interceptor's unexpected exception (anything else, a 500) is still logged in full.
 */
@Component
class RefusalLogFilter extends TurboFilter {

  static final String HAPI_INTERCEPTOR_LOGGER = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

  RefusalLogFilter() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
      logback.addTurboFilter(this);
      start();
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable t) {
    if (level != Level.ERROR || logger == null || !HAPI_INTERCEPTOR_LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    if (isRefusal(t)) {
      return FilterReply.DENY;
    }
    if (params != null) {
      for (Object param : params) {
        if (param instanceof Throwable thrown && isRefusal(thrown)) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean isRefusal(Throwable thrown) {
    return thrown instanceof BaseServerResponseException answer
        && (answer.getStatusCode() < 500 || answer.getStatusCode() == 503)
        // No token for the EHR (its token endpoint down or refusing): the call fails as a transient
        // EHR failure, and whoever made it logs that in one line, without the exception's text.
        || thrown instanceof EhrTokenUnavailable;
  }
}
