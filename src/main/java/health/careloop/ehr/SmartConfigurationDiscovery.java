package health.careloop.ehr;

import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The EHR's token endpoint, as its SMART configuration ({@code {base}/.well-known/smart-configuration},
 * SMART App Launch's discovery document) gives it in {@code token_endpoint}.
 */
final class SmartConfigurationDiscovery {

  private final RestClient http;

  SmartConfigurationDiscovery(ClientHttpRequestFactory requests) {
    this.http = RestClient.builder().requestFactory(requests).build();
  }

  URI tokenEndpoint(URI ehrBase) {
    String base = ehrBase.toString().replaceAll("/+$", "");
    URI document = URI.create(base + "/.well-known/smart-configuration");
    Map<?, ?> configuration;
    try {
      configuration = http.get().uri(document).accept(MediaType.APPLICATION_JSON).retrieve().body(Map.class);
    } catch (RestClientException e) {
      throw new EhrTokenUnavailable("SMART configuration of the EHR unavailable (" + e.getClass().getSimpleName()
          + ")", e);
    }
    Object endpoint = configuration == null ? null : configuration.get("token_endpoint");
    if (!(endpoint instanceof String text) || text.isBlank()) {
      throw new EhrTokenUnavailable("the EHR's SMART configuration names no token_endpoint;"
          + " set careloop.ehr.auth.token-endpoint", null);
    }
    return URI.create(text);
  }
}
