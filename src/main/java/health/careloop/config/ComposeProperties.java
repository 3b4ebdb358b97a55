package health.careloop.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How messages are written.
 *
 * @param templatesDir folder with one sub-folder per message kind and one {@code <language>.mustache}
 *     file per language in it
 * @param fallbackLanguage the language used when none of the recipient's is available; every kind
 *     must have a template in it
 * @param defaultTimeZone used when neither the Patient nor the Location says its time zone
 */
@Validated
@ConfigurationProperties("careloop.compose")
public record ComposeProperties(
    @DefaultValue("config/templates") @NotNull Path templatesDir,
    @DefaultValue("en") @NotBlank String fallbackLanguage,
    @DefaultValue("UTC") @NotNull ZoneId defaultTimeZone) {}
