package health.careloop.intake.internal;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * How the hook reads a notification's JSON: a value of the wrong JSON type (a number where FHIR
 * has a string, {@code "versionId": 1}; a list where it has one value) or an empty or malformed
 * value ({@code "status": ""}) is a 400 (CL-1117), as FHIR's JSON format says; HAPI's default
 * parser would drop or convert it and CareLoop would plan from what it guessed. An element CareLoop
 * does not know is still ignored with a warning (a newer or a vendor's element; FHIR lets a server
 * ignore it). The message names the element, never its value.
 */
class NotificationParseErrors extends LenientErrorHandler {

  NotificationParseErrors() {
    super(true);
  }

  @Override
  public void incorrectJsonType(IParserErrorHandler.IParseLocation location, String elementName,
      ValueType expectedValueType, ScalarType expectedScalarType, ValueType foundValueType,
      ScalarType foundScalarType) {
    throw new DataFormatException("CL-1117: " + elementName + " is of the wrong JSON type: expected "
        + describe(expectedValueType, expectedScalarType) + ", found " + describe(foundValueType, foundScalarType));
  }

  @Override
  public void invalidValue(IParserErrorHandler.IParseLocation location, String value, String error) {
    throw new DataFormatException("CL-1117: an element"
        + (location != null && location.getParentElementName() != null ? " of " + location.getParentElementName() : "")
        + " holds an empty or malformed value");
  }

  @Override
  public void unexpectedRepeatingElement(IParserErrorHandler.IParseLocation location, String elementName) {
    throw new DataFormatException("CL-1117: " + elementName + " is a list where FHIR has one value");
  }

  private static String describe(ValueType value, ScalarType scalar) {
    return scalar == null ? String.valueOf(value) : value + " (" + scalar + ")";
  }
}
