package health.careloop.access.internal;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.careloop.access.FacadeAccessInterceptor;
import health.careloop.access.SecurityProperties;
import health.careloop.access.SmartCapabilities;
import health.careloop.audit.FacadeAudit;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security on CareLoop's port, three chains:
 * <ol>
 *   <li>{@code /fhir/**}: an OAuth 2.0 resource server. Every request needs a valid bearer JWT
 *       (signed by the issuer's keys, its issuer, CareLoop's audience, not expired) except
 *       {@code metadata} and SMART discovery; what a token may do is decided by the façade's
 *       {@code FacadeAccessInterceptor}, from its scopes.</li>
 *   <li>{@code /hook/**}, {@code /actuator/health/**}, the Actuator index (it lists health alone),
 *       {@code /error} and {@code /.well-known/jwks.json}: passed through. The hook checks the EHR's
 *       subscription secret itself (a bearer value that is no JWT); the requests the server hands
 *       its servlet do not reach these chains at all, only the firewall below (the intake's
 *       {@code HookLane}), and are listed here for the paths that might. Health is for the orchestrator,
 *       and the key set holds CareLoop's public keys for the EHR's authorization server. So is
 *       everything on the management port, when Actuator has one ({@link ManagementPortRequests}).</li>
 *   <li>Everything else: refused.</li>
 * </ol>
 * All stateless (no session, so no CSRF: a bearer token is never sent by a browser by itself).
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerConfiguration {

  private static final String[] OPEN_FHIR = {"/fhir/metadata", SmartConfigurationServlet.PATH};

  /**
   * Matches the whole path: Spring Security's plain path patterns would match within the one
   * servlet they guess at, and on this port three servlets share the paths (HAPI's two and MVC's).
   */
  private static RequestMatcher paths(String... patterns) {
    PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
    return new OrRequestMatcher(Arrays.stream(patterns).map(pattern -> (RequestMatcher) builder.matcher(pattern)).toList());
  }

  /**
   * Spring Security's filters are not observed one by one: with Micrometer present it would wrap
   * each filter of every request in an observation of its own (a timer and a long-task timer each:
   * 5-7% of the hook's CPU under a flood of notifications, in a profile), for traces nobody
   * collects. Each request is still timed as a whole ({@code http.server.requests});
   * authentications and authorizations are still observed.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
  }

  @Bean
  OperationOutcomeResponses operationOutcomeResponses(FhirContext fhir, FacadeAudit audit) {
    return new OperationOutcomeResponses(fhir, audit);
  }

  @Bean
  @Order(1)
  SecurityFilterChain fhirChain(HttpSecurity http, JwtDecoder tokens, OperationOutcomeResponses refusals)
      throws Exception {
    return stateless(http.securityMatcher(paths("/fhir", "/fhir/**")))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(paths(OPEN_FHIR)).permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(server -> server
            .jwt(jwt -> jwt.decoder(tokens))
            .authenticationEntryPoint(refusals)
            .accessDeniedHandler(refusals)
            .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
              @Override
              public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                // An issuer that cannot be reached is a 503, not the 500 Spring would answer.
                filter.setAuthenticationFailureHandler(refusals);
                return filter;
              }
            }))
        .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain passThroughChain(HttpSecurity http, Environment environment) throws Exception {
    return stateless(http.securityMatcher(new OrRequestMatcher(
        paths("/hook", "/hook/**", "/actuator", "/actuator/health", "/actuator/health/**", "/error",
            "/.well-known/jwks.json"),
        new ManagementPortRequests(environment))))
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain everythingElseChain(HttpSecurity http, OperationOutcomeResponses refusals) throws Exception {
    // No token is looked at here: a refusal, whoever asks (403, not a 401 that invites a token).
    return stateless(http)
        .authorizeHttpRequests(requests -> requests.anyRequest().denyAll())
        .exceptionHandling(exceptions -> exceptions
            .authenticationEntryPoint((request, response, unauthenticated) ->
                refusals.handle(request, response, new AccessDeniedException("nothing is served here")))
            .accessDeniedHandler(refusals))
        .build();
  }

  private static HttpSecurity stateless(HttpSecurity http) throws Exception {
    return http
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable);
  }

  /**
   * Tokens checked against the issuer's keys, found when the first token arrives (the issuer may
   * start after CareLoop); then its issuer, CareLoop's audience and the validity period (60 s of
   * clock skew, Spring's default).
   */
  @Bean
  JwtDecoder jwtDecoder(SecurityProperties security) {
    String issuer = security.issuerUri().toString();
    OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
        JwtValidators.createDefaultWithIssuer(issuer),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
            audiences -> audiences != null && audiences.contains(security.audience())));
    JwtDecoder lazy = new SupplierJwtDecoder(() -> {
      NimbusJwtDecoder decoder = security.jwkSetUri() != null
          ? NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri().toString()).build()
          : NimbusJwtDecoder.withIssuerLocation(issuer).build();
      decoder.setJwtValidator(validator);
      return decoder;
    });
    // The issuer's metadata unreadable: a failure to check the token (503), as keys that cannot be
    // fetched are, not an error that escapes Spring Security (500). It is asked again next time.
    return token -> {
      try {
        return lazy.decode(token);
      } catch (JwtDecoderInitializationException unreachable) {
        throw new JwtException("the token issuer's metadata cannot be read", unreachable);
      }
    };
  }

  /**
   * Spring Security's firewall (the hook's own way through the web server applies it too) as it is,
   * except for parameter names: a notification sent to {@code /hook} with a form content type has
   * its JSON body parsed into one "parameter name" (by the server, before any check), which the
   * strict firewall would turn into a 500; the hook answers such a request itself, with a 415.
   */
  @Bean
  HttpFirewall httpFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedParameterNames(name -> true);
    return firewall;
  }

  @Bean
  FacadeAccessInterceptor facadeAccessInterceptor() {
    return new FacadeAccessInterceptor();
  }

  @Bean
  SmartCapabilities smartCapabilities(SecurityProperties security) {
    return new SmartCapabilities(security);
  }

  @Bean
  ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(SecurityProperties security,
      ObjectMapper json) throws IOException {
    var registration = new ServletRegistrationBean<>(new SmartConfigurationServlet(security, json),
        SmartConfigurationServlet.PATH);
    registration.setName("smartConfiguration");
    return registration;
  }
}
