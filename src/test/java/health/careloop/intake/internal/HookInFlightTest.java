package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class HookInFlightTest {

  private final HookInFlight inFlight = new HookInFlight();

  @Test
  void aDeliveryCounts_whileTheHookHandlesIt_andNoLongerOnceAnswered() throws Exception {
    AtomicInteger seenInside = new AtomicInteger(-1);

    inFlight.filter().doFilter(new MockHttpServletRequest("PUT", "/hook/Appointment/1"), new MockHttpServletResponse(),
        (request, response) -> seenInside.set(inFlight.now()));

    assertThat(seenInside).hasValue(1);
    assertThat(inFlight.now()).isZero();
  }

  @Test
  void aDeliveryThatFails_noLongerCountsEither() {
    assertThatThrownBy(() -> inFlight.filter().doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
        (request, response) -> {
          throw new ServletException("the hook failed");
        })).isInstanceOf(ServletException.class);

    assertThat(inFlight.now()).isZero();
  }
}
