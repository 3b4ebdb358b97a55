package health.careloop.support;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OAuth 2.0 authorization server (Spring Authorization Server) in this JVM, for the tests
 * about access and for the demo: its own Spring application (no auto-configuration beyond the
 * servlet container, MVC and Spring Security; no application.yaml read), issuing signed JWTs to
 * registered clients through the {@code client_credentials} grant at {@code /oauth2/token}, its
 * keys at {@code /oauth2/jwks} and its metadata at {@code /.well-known/oauth-authorization-server}.
 *
 * <p>Each client's tokens carry {@code aud} {@link Client#audience} (CareLoop's audience, or another
 * API's) and, for a patient-context client, the {@code patient} claim.
 */
public final class TestAuthorizationServer implements AutoCloseable {

  /**
   * A registered client: these scopes, tokens for this audience. It authenticates with
   * client_secret_basic, or, with a {@code jwkSetUrl}, with private_key_jwt (SMART Backend
   * Services: an RS384 assertion checked against the client's own published keys).
   */
  public record Client(String id, String secret, List<String> scopes, String audience, String patient,
      String jwkSetUrl, Duration tokenLifetime) {
    public static Client of(String id, String audience, String... scopes) {
      return new Client(id, id + "-secret", List.of(scopes), audience, null, null, null);
    }

    /** A backend service whose public keys are at {@code jwkSetUrl}; its tokens live {@code tokenLifetime}. */
    public static Client privateKeyJwt(String id, String audience, String jwkSetUrl, Duration tokenLifetime,
        String... scopes) {
      return new Client(id, null, List.of(scopes), audience, null, jwkSetUrl, tokenLifetime);
    }

    public Client forPatient(String patientId) {
      return new Client(id, secret, scopes, audience, patientId, jwkSetUrl, tokenLifetime);
    }

    RegisteredClient registered() {
      RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
          .clientId(id)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
          .scopes(all -> all.addAll(scopes));
      ClientSettings.Builder settings = ClientSettings.builder().setting(AUDIENCE_SETTING, audience);
      if (patient != null) {
        settings.setting(PATIENT_SETTING, patient);
      }
      if (jwkSetUrl != null) {
        builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
        settings.jwkSetUrl(jwkSetUrl).tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384);
      } else {
        builder.clientSecret("{noop}" + secret).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
      }
      if (tokenLifetime != null) {
        builder.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(tokenLifetime).build());
      }
      return builder.clientSettings(settings.build()).build();
    }
  }

  static final String ISSUER = "careloop.test.authorization-server.issuer";
  private static final String AUDIENCE_SETTING = "careloop.audience";
  private static final String PATIENT_SETTING = "careloop.patient";

  private final ConfigurableApplicationContext context;
  private final String issuer;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestAuthorizationServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.issuer = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Starts it on {@code port} (0: a random one) with these clients. */
  public static TestAuthorizationServer start(int port, List<Client> clients) {
    int actualPort = port == 0 ? freePort() : port;
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", actualPort);
    // Fixed, not taken from each request's Host: a token fetched at 127.0.0.1 names the same issuer.
    properties.put(ISSUER, "http://localhost:" + actualPort);
    properties.put("spring.config.name", "careloop-test-authorization-server");
    properties.put("spring.config.location", "optional:classpath:/test-authorization-server/no-such-config/");
    properties.put("spring.jmx.enabled", "false");
    properties.put("spring.main.banner-mode", "off");
    ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class)
        .web(WebApplicationType.SERVLET)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .properties(properties)
        .initializers(ctx -> ctx.getBeanFactory().registerSingleton("testClients", new Clients(clients)))
        .run();
    return new TestAuthorizationServer(context);
  }

  /** A port free at the moment (for a server whose address must be known before it starts). */
  public static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The issuer, as its tokens' {@code iss} says it (it names itself by the host it is called at). */
  public String issuer() {
    return issuer;
  }

  public String tokenEndpoint() {
    return issuer + "/oauth2/token";
  }

  public String jwkSetUri() {
    return issuer + "/oauth2/jwks";
  }

  /** CareLoop's settings that make it trust this server: only the issuer (keys found through its metadata). */
  public Map<String, Object> careLoopProperties(String audience) {
    return Map.of(
        "careloop.security.issuer-uri", issuer,
        "careloop.security.audience", audience,
        "careloop.security.token-endpoint", tokenEndpoint(),
        "careloop.security.jwk-set-uri", "");
  }

  /** An access token for {@code client} with {@code scopes} (client_credentials, client_secret_basic). */
  public String token(Client client, String... scopes) {
    String form = "grant_type=client_credentials&scope=" + java.net.URLEncoder.encode(String.join(" ", scopes),
        StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("The authorization server refused a token to " + client.id() + ": "
            + response.statusCode() + " " + response.body());
      }
      return (String) new ObjectMapper().readValue(response.body(), Map.class).get("access_token");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** How many access tokens this server has issued to {@code clientId} so far. */
  public int tokensIssuedTo(String clientId) {
    return context.getBean(Clients.class).issued(clientId);
  }

  /** When this server last issued a token to {@code clientId} (the epoch if never). */
  public Instant lastIssuedTo(String clientId) {
    return context.getBean(Clients.class).lastIssued.getOrDefault(clientId, Instant.EPOCH);
  }

  /**
   * The client's registration now names other public keys (as when an EHR's administrator
   * registers a key the client does not hold): its assertions are refused from now on, until
   * {@link #register(Client)} puts the right ones back.
   */
  public void register(Client client) {
    context.getBean(Clients.class).save(client.registered());
  }

  @Override
  public void close() {
    context.close();
  }

  /** The registered clients (changeable while it runs), and how many tokens each got. */
  static final class Clients implements RegisteredClientRepository {
    private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastIssued = new ConcurrentHashMap<>();

    Clients(List<Client> clients) {
      clients.forEach(client -> save(client.registered()));
    }

    @Override
    public void save(RegisteredClient client) {
      byClientId.put(client.getClientId(), client);
    }

    @Override
    public RegisteredClient findById(String id) {
      return byClientId.values().stream().filter(client -> client.getId().equals(id)).findFirst().orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
      return byClientId.get(clientId);
    }

    void countIssued(String clientId) {
      issued.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
      lastIssued.put(clientId, Instant.now());
    }

    int issued(String clientId) {
      AtomicInteger count = issued.get(clientId);
      return count == null ? 0 : count.get();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
      WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
      SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class})
  static class Config {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
      OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
      http.securityMatcher(server.getEndpointsMatcher())
          .with(server, Customizer.withDefaults())
          .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
          .csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
      return http.build();
    }

    /** Each client's audience instead of Spring's default (its own client id), and its patient; counted. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims(Clients clients) {
      return context -> {
        clients.countIssued(context.getRegisteredClient().getClientId());
        ClientSettings settings = context.getRegisteredClient().getClientSettings();
        context.getClaims().audience(List.of((String) settings.getSetting(AUDIENCE_SETTING)));
        if (settings.getSetting(PATIENT_SETTING) != null) {
          context.getClaims().claim("patient", (String) settings.getSetting(PATIENT_SETTING));
        }
      };
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
      RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
      return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings settings(Environment environment) {
      return AuthorizationServerSettings.builder().issuer(environment.getRequiredProperty(ISSUER)).build();
    }
  }
}
