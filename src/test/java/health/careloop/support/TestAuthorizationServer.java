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
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
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

  /** A registered client: client_secret_basic, these scopes, tokens for this audience. */
  public record Client(String id, String secret, List<String> scopes, String audience, String patient) {
    public static Client of(String id, String audience, String... scopes) {
      return new Client(id, id + "-secret", List.of(scopes), audience, null);
    }

    public Client forPatient(String patientId) {
      return new Client(id, secret, scopes, audience, patientId);
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

  private static int freePort() {
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

  @Override
  public void close() {
    context.close();
  }

  /** The clients to register, handed to the context before it starts. */
  record Clients(List<Client> all) {}

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

    @Bean
    RegisteredClientRepository clients(Clients clients) {
      return new InMemoryRegisteredClientRepository(clients.all().stream().map(client -> RegisteredClient
          .withId(UUID.randomUUID().toString())
          .clientId(client.id())
          .clientSecret("{noop}" + client.secret())
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
          .scopes(scopes -> scopes.addAll(client.scopes()))
          .clientSettings(withClaims(client))
          .build()).toList());
    }

    private static ClientSettings withClaims(Client client) {
      ClientSettings.Builder settings = ClientSettings.builder().setting(AUDIENCE_SETTING, client.audience());
      if (client.patient() != null) {
        settings.setting(PATIENT_SETTING, client.patient());
      }
      return settings.build();
    }

    /** Each client's audience instead of Spring's default (its own client id), and its patient. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
      return context -> {
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
