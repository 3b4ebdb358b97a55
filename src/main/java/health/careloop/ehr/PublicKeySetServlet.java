package health.careloop.ehr;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /.well-known/jwks.json}: the public halves of CareLoop's signing keys, for the EHR's
 * authorization server to check CareLoop's client assertions ({@code jwks_url} when CareLoop is
 * registered there). Open to anyone: public keys are no secret, and the set is built from public
 * parts only ({@link EhrSigningKeys#publicKeys()}). Every key of the key file is listed, so a new key
 * can be published before it signs and an old one kept until the tokens it got have expired.
 */
final class PublicKeySetServlet extends HttpServlet {

  static final String PATH = "/.well-known/jwks.json";
  private static final long serialVersionUID = 1L;

  private final byte[] body;

  PublicKeySetServlet(JWKSet publicKeys) {
    if (publicKeys.getKeys().stream().anyMatch(key -> key.isPrivate())) {
      throw new IllegalArgumentException("only public keys are published");
    }
    this.body = publicKeys.toString(true).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("application/jwk-set+json");
    response.setHeader("Cache-Control", "max-age=300");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
