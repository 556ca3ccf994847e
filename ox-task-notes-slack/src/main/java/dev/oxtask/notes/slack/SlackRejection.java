package dev.oxtask.notes.slack;

import java.net.URI;
import java.util.Map;

/**
 * What it means when Slack refuses a webhook message: its error string, word for word, and what to
 * do about it.
 */
final class SlackRejection {

  /**
   * Longest error text shown: Slack's are one word; anything longer is some other server's page.
   */
  private static final int BODY_LIMIT = 120;

  private static final String OUR_BUG =
      "ox-task sent a message Slack could not read; this is a bug in the SlackWebhook note, please"
          + " report it with the job's output";
  private static final String NEW_WEBHOOK =
      "create a new incoming webhook and store its URL in the secret webhook_url reads";

  private static final Map<String, String> ADVICE =
      Map.ofEntries(
          Map.entry("invalid_payload", OUR_BUG),
          Map.entry("invalid_blocks", OUR_BUG),
          Map.entry("invalid_blocks_format", OUR_BUG),
          Map.entry("missing_text_or_fallback_or_attachments", OUR_BUG),
          Map.entry("no_text", OUR_BUG),
          Map.entry(
              "no_service",
              "the webhook was disabled, removed or never existed (or its app was uninstalled); "
                  + NEW_WEBHOOK),
          Map.entry("no_service_id", "webhook_url is not a complete webhook URL; " + NEW_WEBHOOK),
          Map.entry("invalid_token", "webhook_url's token is wrong or was revoked; " + NEW_WEBHOOK),
          Map.entry(
              "no_team", "the Slack workspace of this webhook no longer exists; " + NEW_WEBHOOK),
          Map.entry("team_disabled", "the Slack workspace of this webhook was disabled"),
          Map.entry(
              "channel_not_found",
              "the webhook's channel was deleted; " + NEW_WEBHOOK + " for another channel"),
          Map.entry(
              "channel_is_archived",
              "the webhook's channel is archived; unarchive it, or "
                  + NEW_WEBHOOK
                  + " for another channel"),
          Map.entry(
              "action_prohibited",
              "a workspace admin restricted posting to the webhook's channel; ask them, or use"
                  + " another channel"),
          Map.entry(
              "posting_to_general_channel_denied",
              "only admins may post in the workspace's general channel; use another channel"),
          Map.entry("user_not_found", "the user this webhook posts to no longer exists"));

  private static final String DEFAULT_ADVICE =
      "see https://api.slack.com/messaging/webhooks#handling_errors";

  private SlackRejection() {}

  /**
   * The error for a refused message, e.g. {@code Slack (hooks.slack.com) refused the message: HTTP
   * 404 no_service — the webhook was disabled, ...}.
   */
  static String message(int status, String body, String host) {
    String said = body.isEmpty() ? "" : " " + body;
    String advice;
    if (status == 200) {
      advice =
          "Slack answers \"ok\"; is webhook_url an incoming webhook URL"
              + " (https://hooks.slack.com/services/...)?";
    } else if (status >= 300 && status < 400) {
      advice = "a redirect; is webhook_url an incoming webhook URL (https://hooks.slack.com/...)?";
    } else {
      advice = ADVICE.getOrDefault(body, DEFAULT_ADVICE);
    }
    return "Slack (" + host + ") refused the message: HTTP " + status + said + " — " + advice;
  }

  /**
   * The first line of a response body, trimmed, capped and with the webhook URL masked: some
   * servers echo the request's URL in their error pages.
   */
  static String firstLine(String body, URI webhook) {
    String stripped = body == null ? "" : body.strip();
    int newline = stripped.indexOf('\n');
    String line = (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    line = mask(line, webhook);
    return line.length() <= BODY_LIMIT ? line : line.substring(0, BODY_LIMIT) + "…";
  }

  /** {@code text} with the webhook's URL and path replaced by {@code ***}. */
  static String mask(String text, URI webhook) {
    String masked = text.replace(webhook.toString(), "***");
    String path = webhook.getRawPath();
    if (path != null && path.length() > 1) {
      masked = masked.replace(path, "***");
    }
    return masked;
  }
}
