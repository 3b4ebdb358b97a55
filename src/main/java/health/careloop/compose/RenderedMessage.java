package health.careloop.compose;

import health.careloop.rules.MessageKind;

/** Message text ready to send, with the language it was written in (BCP 47). */
public record RenderedMessage(MessageKind kind, String language, String text) {}
