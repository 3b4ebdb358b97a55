package health.careloop.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class RefusalLogFilterTest {

  private final LoggerContext context = new LoggerContext();
  private final RefusalLogFilter filter = new RefusalLogFilter();
  private final Logger hapi = context.getLogger(RefusalLogFilter.HAPI_INTERCEPTOR_LOGGER);

  @Test
  void anInterceptorsRefusal_isNotAnError_whetherPassedAsParameterOrThrowable() {
    Object[] params = {"SERVER_INCOMING_REQUEST_PRE_HANDLED", "no secret", new AuthenticationException("CL-1101")};
    assertThat(filter.decide(null, hapi, Level.ERROR, "Exception thrown by interceptor for pointcut {}: {}", params,
        null)).isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, hapi, Level.ERROR, "x", null, new ForbiddenOperationException("CL-2091")))
        .isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, hapi, Level.ERROR, "x", null,
        new UnclassifiedServerFailureException(503, "CL-1150"))).as("the database away").isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, hapi, Level.ERROR, "x", new Object[] {new health.careloop.ehr.EhrTokenUnavailable(
        "token endpoint unreachable", new java.io.IOException("refused"))}, null)).as("no token for the EHR")
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void anInterceptorsFault_isStillLoggedInFull() {
    assertThat(filter.decide(null, hapi, Level.ERROR, "x", new Object[] {new InternalErrorException("bug")}, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, hapi, Level.ERROR, "x", new Object[] {new NullPointerException()}, null))
        .isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  void otherLoggers_andOtherLevels_areLeftAlone() {
    Object[] refusal = {new AuthenticationException("CL-1101")};
    assertThat(filter.decide(null, context.getLogger("health.careloop.intake"), Level.ERROR, "x", refusal, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, hapi, Level.WARN, "x", refusal, null)).isEqualTo(FilterReply.NEUTRAL);
  }
}
