package health.careloop.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SandboxEhrIT {

  // Generous: delivery takes about 60 ms, but the cores of this machine are sometimes shared.
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static SandboxEhr ehr;
  private static IGenericClient client;

  @BeforeAll
  static void startSandbox() {
    long t0 = System.nanoTime();
    ehr = SandboxEhr.shared();
    System.out.printf("SandboxEhr.shared() took %d ms (port %d)%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), ehr.port());
    client = ehr.client();
  }

  @Test
  void servesFhirR4OverHttp() throws Exception {
    assertThat(ehr.port()).isPositive();
    assertThat(SandboxEhr.shared()).isSameAs(ehr);

    // The base URL is this server's FHIR base: its /metadata is a CapabilityStatement that says so.
    HttpResponse<String> metadata = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(ehr.baseUrl() + "/metadata")).header("Accept", "application/fhir+json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metadata.statusCode()).isEqualTo(200);
    JsonNode statement = new ObjectMapper().readTree(metadata.body());
    assertThat(statement.path("resourceType").asText()).isEqualTo("CapabilityStatement");
    assertThat(statement.path("implementation").path("url").asText()).isEqualTo(ehr.baseUrl());
    assertThat(URI.create(ehr.baseUrl()).getPort()).isEqualTo(ehr.port());

    var capabilities = client.capabilities()
        .ofType(org.hl7.fhir.r4.model.CapabilityStatement.class).execute();
    assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");

    // Client-assigned ids are allowed.
    Patient patient = new Patient();
    patient.setId("sandbox-it-client-id");
    patient.addName().setFamily("Clientassigned");
    client.update().resource(patient).execute();
    Patient read = client.read().resource(Patient.class).withId("sandbox-it-client-id").execute();
    assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Clientassigned");
  }

  @Test
  void restHookSubscriptionDeliversAPutWithTheResource() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Subscription subscription = new Subscription();
      subscription.setStatus(SubscriptionStatus.REQUESTED);
      subscription.setReason("SandboxEhrIT");
      subscription.setCriteria("Appointment?");
      subscription.getChannel()
          .setType(SubscriptionChannelType.RESTHOOK)
          .setEndpoint(receiver.baseUrl() + "/hook")
          .setPayload("application/fhir+json")
          .setHeader(List.of(new StringType("Authorization: Bearer s3cret")));
      IIdType subscriptionId = client.create().resource(subscription).execute().getId().toUnqualifiedVersionless();
      try {
        Instant t0 = Instant.now();
        poll("Subscription active", () -> Optional.of(
                client.read().resource(Subscription.class).withId(subscriptionId).execute())
            .filter(s -> s.getStatus() == SubscriptionStatus.ACTIVE));
        System.out.printf("Subscription active after %d ms%n", Duration.between(t0, Instant.now()).toMillis());

        Patient patient = new Patient();
        patient.addName().setFamily("Hookson").addGiven("Ada");
        IIdType patientId = client.create().resource(patient).execute().getId().toUnqualifiedVersionless();

        Appointment appointment = new Appointment();
        appointment.setStatus(AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(Instant.now().plus(Duration.ofHours(1))));
        appointment.setEnd(Date.from(Instant.now().plus(Duration.ofHours(1)).plus(Duration.ofMinutes(20))));
        appointment.addParticipant().setActor(new Reference(patientId)).setStatus(ParticipationStatus.ACCEPTED);
        Instant written = Instant.now();
        String appointmentId = client.create().resource(appointment).execute().getId().getIdPart();

        String expectedPath = "/hook/Appointment/" + appointmentId;
        Received put = receiver.await(r -> r.method().equals("PUT") && r.path().equals(expectedPath));
        System.out.printf("Delivered %d ms after the create returned%n",
            Duration.between(written, put.at()).toMillis());

        assertThat(put.header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(put.header("Content-Type")).startsWith("application/fhir+json");
        JsonNode body = new ObjectMapper().readTree(put.body());
        assertThat(body.path("resourceType").asText()).isEqualTo("Appointment");
        assertThat(body.path("id").asText()).isEqualTo(appointmentId);
        assertThat(body.path("meta").path("versionId").asText()).isEqualTo("1");
        assertThat(body.path("status").asText()).isEqualTo("booked");
      } finally {
        client.delete().resourceById(subscriptionId).execute();
      }
    }
  }

  @Test
  void demoDataCreatesPatientsAndAppointments() {
    Instant now = Instant.parse("2030-01-15T08:00:00Z");
    DemoData.Loaded loaded = DemoData.load(client, Clock.fixed(now, ZoneOffset.UTC));

    assertThat(loaded.patientIds()).hasSizeBetween(5, 8).doesNotHaveDuplicates();
    assertThat(loaded.appointmentIds()).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();

    List<Appointment> appointments = new ArrayList<>();
    for (String id : loaded.appointmentIds()) {
      appointments.add(client.read().resource(Appointment.class).withId(id).execute());
    }
    assertThat(appointments).allSatisfy(a -> {
      assertThat(a.getStatus()).isEqualTo(AppointmentStatus.BOOKED);
      assertThat(a.getStart()).isBefore(a.getEnd());
      assertThat(a.getParticipant()).extracting(p -> p.getActor().getReferenceElement().getResourceType())
          .contains("Patient", "Practitioner", "Location");
      assertThat(a.getParticipant()).allSatisfy(p -> assertThat(p.getStatus()).isEqualTo(ParticipationStatus.ACCEPTED));
      assertThat(a.getStart().toInstant()).isAfter(now).isBefore(now.plus(Duration.ofDays(6)));
    });
    List<Instant> starts = appointments.stream().map(a -> a.getStart().toInstant()).toList();
    assertThat(starts).contains(now.plus(Duration.ofMinutes(2)), now.plus(Duration.ofMinutes(4)));

    List<Patient> patients = new ArrayList<>();
    for (String id : loaded.patientIds()) {
      patients.add(client.read().resource(Patient.class).withId(id).execute());
    }
    assertThat(patients).allSatisfy(p -> assertThat(p.getNameFirstRep().getFamily()).isNotBlank());
    assertThat(patients).anySatisfy(p -> assertThat(p.getTelecom()).isEmpty());
    assertThat(patients)
        .flatExtracting(p -> p.getCommunication().stream()
            .filter(c -> c.getPreferred())
            .map(c -> c.getLanguage().getCodingFirstRep())
            .filter(c -> DemoData.BCP47.equals(c.getSystem()))
            .map(c -> c.getCode()).toList())
        .contains("en", "fr", "fr-CA", "es");
    assertThat(patients).flatExtracting(p -> zones(p.getExtensionsByUrl(DemoData.TIMEZONE_EXTENSION)))
        .contains("Europe/Paris", "America/New_York", "America/Montreal");

    Location location = client.read().resource(Location.class)
        .withId(appointments.get(0).getParticipant().stream()
            .map(p -> p.getActor().getReferenceElement())
            .filter(r -> "Location".equals(r.getResourceType())).findFirst().orElseThrow())
        .execute();
    assertThat(zones(location.getExtensionsByUrl(DemoData.TIMEZONE_EXTENSION))).hasSize(1);

    // Loading again updates the same resources instead of duplicating them.
    DemoData.Loaded again = DemoData.load(client, Clock.fixed(now, ZoneOffset.UTC));
    assertThat(again).isEqualTo(loaded);
  }

  private static List<String> zones(List<Extension> extensions) {
    return extensions.stream().map(e -> ((CodeType) e.getValue()).getValue()).toList();
  }

  /** Polls {@code probe} every 25 ms until it yields a value or {@link #DEADLINE} passes. */
  private static <T> T poll(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + DEADLINE + " waiting for " + what);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
    }
  }

  record Received(Instant at, String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** A rest-hook endpoint that records every request and answers 200 with an empty body. */
  static final class Receiver implements AutoCloseable {
    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();

    private Receiver(HttpServer server) {
      this.server = server;
    }

    static Receiver start() throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      Receiver receiver = new Receiver(server);
      server.createContext("/", exchange -> {
        Instant at = Instant.now();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        String body;
        try (InputStream in = exchange.getRequestBody()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, -1);
        } finally {
          exchange.close();
        }
        // Recorded only once answered: a test that stops the receiver as soon as it sees the
        // request must not make HAPI count the delivery as failed (and retry it for 60 s).
        receiver.received.add(new Received(at, exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(), headers, body));
      });
      server.start();
      return receiver;
    }

    String baseUrl() {
      return "http://localhost:" + server.getAddress().getPort();
    }

    /** Waits until a request matching {@code match} has arrived (bounded by {@link #DEADLINE}). */
    Received await(Predicate<Received> match) throws InterruptedException {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      synchronized (seen) {
        for (Received r : seen) {
          if (match.test(r)) {
            return r;
          }
        }
        while (true) {
          long left = deadline - System.nanoTime();
          Received next = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
          if (next == null) {
            throw new AssertionError("No matching request within " + DEADLINE + "; received: " + seen);
          }
          seen.add(next);
          if (match.test(next)) {
            return next;
          }
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
