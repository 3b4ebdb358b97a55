package health.careloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HookLoadScriptTest {

  private static final String TEMPLATE = "{\"resourceType\":\"Appointment\",\"id\":\"__ID__\",\"status\":\"booked\"}";

  @Test
  void theScriptPutsEachDeliveryUnderTheHooksPath_withTheSecret_andTheTemplateInline() {
    String lua = HookLoadScript.lua("http://localhost:8080/hook", "s3cret", TEMPLATE);

    assertThat(lua).contains("wrk.format(\"PUT\", \"/hook/Appointment/\" .. id")
        .contains("[\"Authorization\"] = \"Bearer s3cret\"")
        .contains("[==[" + TEMPLATE + "]==]")
        .contains("body:gsub(\"__ID__\", id)");
  }

  @Test
  void aTemplateThatWouldCloseTheLongBracket_isRefused() {
    assertThatThrownBy(() -> HookLoadScript.lua("http://localhost:8080/hook", "s", "{\"a\":\"]==]\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFiguresWrkPrints_areReadAsAcceptedAndFailed() throws Exception {
    IntakeScenario.Counted r = WrkLoad.parse("{\"requests\":1000,\"durationMicros\":10000000,\"status\":3,\"connect\":0,"
        + "\"read\":1,\"write\":0,\"timeout\":2,\"p50Micros\":1500,\"p99Micros\":9000,\"maxMicros\":12000}");

    assertThat(r.accepted()).isEqualTo(997);
    assertThat(r.failed()).isEqualTo(6);
    assertThat(r.seconds()).isEqualTo(10.0);
    assertThat(r.p99Micros()).isEqualTo(9000);
  }
}
