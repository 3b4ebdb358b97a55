package health.careloop.ehr;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * CareLoop's access tokens for the EHR through SMART Backend Services: the OAuth 2.0
 * client-credentials grant, CareLoop authenticated by a JWT assertion signed with its private key
 * ({@code private_key_jwt}; the key itself never leaves CareLoop). Spring Security's OAuth2 client
 * does the work: it builds and signs the assertion, asks the token endpoint, and keeps the token
 * until {@code refresh-before} ahead of its expiry.
 */
final class SmartBackendServicesTokens {

  private static final Logger log = LoggerFactory.getLogger(SmartBackendServicesTokens.class);
  private static final String REGISTRATION = "ehr";
  private static final String PRINCIPAL = "careloop";

  private final EhrAuthProperties auth;
  private final JWK signingKey;
  private final RestClient http;
  private final Supplier<URI> discoveredTokenEndpoint;
  private AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
  private InMemoryOAuth2AuthorizedClientService store;

  SmartBackendServicesTokens(EhrAuthProperties auth, EhrSigningKeys keys, EhrProperties ehr) {
    this.auth = auth;
    this.signingKey = keys.signing();
    SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
    timeouts.setConnectTimeout(ehr.connectTimeout());
    timeouts.setReadTimeout(ehr.readTimeout());
    this.http = RestClient.builder().requestFactory(timeouts)
        .messageConverters(converters -> {
          converters.clear();
          converters.add(new FormHttpMessageConverter());
          converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
        })
        .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
        .build();
    this.discoveredTokenEndpoint = () -> new SmartConfigurationDiscovery(timeouts).tokenEndpoint(ehr.baseUrl());
  }

  /** The token in force, asked for if there is none or it is about to expire. */
  synchronized String current() {
    try {
      OAuth2AuthorizedClient client = manager().authorize(
          OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(PRINCIPAL).build());
      return Objects.requireNonNull(client, "no token").getAccessToken().getTokenValue();
    } catch (OAuth2AuthorizationException e) {
      throw unavailable(refusal(e), e);
    } catch (ResourceAccessException e) {
      throw unavailable("token endpoint unreachable", e);
    } catch (RestClientException e) {
      throw unavailable("token endpoint failed", e);
    }
  }

  /**
   * A new token in place of {@code refused}, which the EHR did not accept (revoked, or its keys
   * rotated). If another call has already replaced it, that newer token.
   */
  synchronized String renewed(String refused) {
    if (store != null) {
      OAuth2AuthorizedClient held = store.loadAuthorizedClient(REGISTRATION, PRINCIPAL);
      if (held != null && held.getAccessToken().getTokenValue().equals(refused)) {
        store.removeAuthorizedClient(REGISTRATION, PRINCIPAL);
      }
    }
    return current();
  }

  /**
   * The OAuth error code the token endpoint answered (e.g. {@code invalid_client}), or its HTTP
   * status when it gave none; a 5xx is the endpoint failing rather than refusing. Never its
   * description, which is the server's own text.
   */
  private static String refusal(OAuth2AuthorizationException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpStatusCodeException answer) {
        int status = answer.getStatusCode().value();
        return (status >= 500 ? "token endpoint failed" : "refused by the token endpoint") + " (HTTP " + status + ")";
      }
    }
    return "refused by the token endpoint (" + e.getError().getErrorCode() + ")";
  }

  private EhrTokenUnavailable unavailable(String reason, Exception e) {
    log.warn("No access token for the EHR from client {}: {}", auth.clientId(), reason);
    return new EhrTokenUnavailable(reason, e);
  }

  /** Built at the first token request: the token endpoint may have to be discovered from the EHR. */
  private AuthorizedClientServiceOAuth2AuthorizedClientManager manager() {
    if (manager == null) {
      URI tokenEndpoint = auth.tokenEndpoint() != null ? auth.tokenEndpoint() : discoveredTokenEndpoint.get();
      ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION)
          .clientId(auth.clientId())
          .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
          .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
          .scope(auth.scope().trim().split("\\s+"))
          .tokenUri(tokenEndpoint.toString())
          .build();
      RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
      tokens.setRestClient(http);
      tokens.addParametersConverter(assertions(signingKey));
      ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
      provider.setAccessTokenResponseClient(tokens);
      // Real time, not CareLoop's business clock: the token's expiry is computed from the issuer's
      // expires_in against the system clock, and the issuer and the EHR judge it by real time too.
      provider.setClock(Clock.systemUTC());
      provider.setClockSkew(auth.refreshBefore());
      InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
      InMemoryOAuth2AuthorizedClientService clients = new InMemoryOAuth2AuthorizedClientService(registrations);
      AuthorizedClientServiceOAuth2AuthorizedClientManager built =
          new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
      built.setAuthorizedClientProvider(provider);
      log.info("SMART Backend Services towards the EHR: client {}, token endpoint {}, signing key {} ({})",
          auth.clientId(), tokenEndpoint, signingKey.getKeyID(), signingKey.getAlgorithm());
      store = clients;
      manager = built;
    }
    return manager;
  }

  /**
   * The client assertion SMART Backend Services asks for: {@code iss} = {@code sub} = the client id,
   * {@code aud} = the token endpoint, a fresh {@code jti}, expiring one minute after it is made (at
   * most five are allowed), signed with the configured key, its {@code kid} and {@code alg} in the
   * header. Spring Security sets all of these; the header's kid is named here so that it never
   * depends on how the signing library picks a key.
   */
  static NimbusJwtClientAuthenticationParametersConverter<OAuth2ClientCredentialsGrantRequest> assertions(JWK key) {
    NimbusJwtClientAuthenticationParametersConverter<OAuth2ClientCredentialsGrantRequest> converter =
        new NimbusJwtClientAuthenticationParametersConverter<>(registration -> key);
    converter.setJwtClientAssertionCustomizer(context -> context.getHeaders().keyId(key.getKeyID()));
    return converter;
  }
}
