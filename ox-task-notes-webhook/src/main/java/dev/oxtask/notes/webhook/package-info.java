/**
 * Notes that send each job result to a web service: {@code Telegram} (and the original ox_task's
 * {@code TelegramNotifier}), {@code Discord}, {@code MicrosoftTeams}, {@code Ntfy}, a generic
 * {@code Webhook}, and {@code Healthcheck}, which also pings when a job starts.
 *
 * <p>The note classes are the only public types. Every request goes through {@code HttpDelivery}
 * (JDK {@code HttpClient}, timeouts, retries, {@code Retry-After}, messages that never show a URL
 * or a token); {@code Tail} cuts the output to each service's limit. Jackson and slf4j come from
 * the application's class path and never cross the note's API.
 */
package dev.oxtask.notes.webhook;
