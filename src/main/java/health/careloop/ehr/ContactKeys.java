package health.careloop.ehr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hl7.fhir.r4.model.HumanName;
import org.springframework.stereotype.Component;

/**
 * The key of a Patient.contact entry the EHR gives no element id: the HMAC-SHA256 of the contact's
 * name under the installation's secret ({@code careloop.contact-keys.secret}), its first 16 hex
 * digits. The key stands for the person in CareLoop's logs, its message keys and the identifiers
 * of the Communications it writes into the EHR. A plain digest of the name would let anyone with a
 * list of common names tell whose it is; without the secret nobody can. Stable as long as the name
 * and the secret are: a new secret gives every such contact a new key (their pending messages no
 * longer find them and are skipped, with the reason recorded).
 */
@Component
public class ContactKeys {

  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec secret;

  ContactKeys(ContactKeyProperties properties) {
    this.secret = new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), HMAC);
  }

  String of(HumanName name) {
    String text = (name.getFamily() + "|" + name.getGivenAsSingleString() + "|" + name.getText())
        .toLowerCase(Locale.ROOT).strip();
    try {
      // A Mac is not thread-safe; a new one per key costs microseconds.
      Mac mac = Mac.getInstance(HMAC);
      mac.init(secret);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
