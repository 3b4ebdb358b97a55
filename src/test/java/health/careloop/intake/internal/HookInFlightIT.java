package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.support.CareLoopInstance;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hook counts a delivery as in flight from its first byte until its answer ({@link PlanningGate} reads it). */
class HookInFlightIT {

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();

  @Test
  void aDeliveryWhoseBodyIsStillArriving_countsAsInFlight_untilItEnds() throws Exception {
    IntSupplier inFlight = careLoop.bean(HookInFlight.class)::now;
    URI hook = URI.create(careLoop.hookBaseUrl());
    try (Socket socket = new Socket(hook.getHost(), hook.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(("PUT " + hook.getPath() + "/Appointment/in-flight HTTP/1.1\r\n"
          + "Host: " + hook.getHost() + "\r\n"
          + "Authorization: Bearer " + CareLoopInstance.SECRET + "\r\n"
          + "Content-Type: application/fhir+json\r\n"
          + "Content-Length: 1000\r\n\r\n"
          + "{\"resourceType\":\"Appointment\",").getBytes(StandardCharsets.US_ASCII));
      out.flush();

      assertThat(eventually(inFlight, 1)).as("in flight while its body arrives").isEqualTo(1);
    }
    assertThat(eventually(inFlight, 0)).as("once the connection is gone").isZero();
  }

  /** The counter once it shows {@code expected}, or as it stands after 5 seconds. */
  private static int eventually(IntSupplier counter, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (counter.getAsInt() != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return counter.getAsInt();
  }
}
