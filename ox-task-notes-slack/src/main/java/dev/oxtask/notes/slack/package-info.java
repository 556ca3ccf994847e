/**
 * The {@code SlackWebhook} note: posts each job result to a Slack channel through an incoming
 * webhook, as a Block Kit message cut to Slack's limits.
 *
 * <p>{@link dev.oxtask.notes.slack.SlackWebhook} is the only public type; the message is built by
 * {@code SlackMessage} and {@code OutputTail}, and sent by {@code WebhookDelivery}. Jackson and
 * slf4j come from the application's class path and never cross the note's API.
 */
package dev.oxtask.notes.slack;
