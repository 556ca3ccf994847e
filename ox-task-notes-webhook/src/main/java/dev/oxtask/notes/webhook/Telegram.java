package dev.oxtask.notes.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteException;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.note.OptionProblem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Sends each job result to a Telegram chat through a bot: the Bot API's {@code sendMessage} with
 * HTML formatting, cut to Telegram's 4,096 characters keeping the end of the output.
 */
@Extension
public final class Telegram implements Note {

  static final String TOKEN = "token";
  static final String CHAT_ID = "chat_id";
  static final String BASE_URL = "base_url";
  static final String DISABLE_NOTIFICATION = "disable_notification";

  static final String DEFAULT_BASE_URL = "https://api.telegram.org";

  /** Telegram's limit for a message's text. */
  static final int TEXT_LIMIT = 4096;

  /** A job name, a host, an error: capped so the output keeps most of the message. */
  private static final int LINE_LIMIT = 600;

  private static final Set<String> OPTIONS =
      Limits.withOwn(TOKEN, CHAT_ID, BASE_URL, DISABLE_NOTIFICATION);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpDelivery delivery;

  public Telegram() {
    this(new HttpDelivery(HttpDelivery.REAL_SLEEP));
  }

  Telegram(HttpDelivery delivery) {
    this.delivery = delivery;
  }

  @Override
  public List<OptionProblem> validate(NoteOptions options) {
    return check(options, OPTIONS).problems();
  }

  /** The checks of {@link Telegram} and {@link TelegramNotifier}, which allows fewer options. */
  static NoteOptions.Check check(NoteOptions options, Set<String> allowed) {
    NoteOptions.Check check =
        options
            .check()
            .allowOnly(allowed)
            .requireString(TOKEN, "the bot's token from @BotFather, e.g. \"$TELEGRAM_TOKEN\"")
            .optionalString(BASE_URL)
            .optionalBoolean(DISABLE_NOTIFICATION);
    Limits.check(check);
    if (!options.has(CHAT_ID)) {
      check.add(
          CHAT_ID,
          "is required: the chat to post to, e.g. \"$TELEGRAM_CHAT_ID\" or -1001234567890");
    } else if (!chatId(options).matches("-?[0-9]+|@[A-Za-z0-9_]+|\\$.*|\\$\\{.*")) {
      check.add(
          CHAT_ID,
          "must be a chat's number (e.g. -1001234567890), a public channel's @name, or a variable,"
              + " not '"
              + chatId(options)
              + "'");
    }
    WebAddress.check(options, BASE_URL, DEFAULT_BASE_URL, check);
    return check;
  }

  @Override
  public void send(NoteOptions options, JobResult result, NoteContext context)
      throws NoteException {
    String token = options.string(TOKEN, "").strip();
    if (token.isEmpty() || token.contains("$")) {
      throw new NoteException(
          "token is empty or still holds a variable after substitution — is $TELEGRAM_TOKEN (or"
              + " the variable it names) set in the job's environment?");
    }
    String base = options.string(BASE_URL, DEFAULT_BASE_URL).strip().replaceAll("/+$", "");
    URI uri = sendMessageUri(WebAddress.require(BASE_URL, base), token);
    String chat = chatId(options).strip();
    if (chat.isEmpty() || chat.contains("$")) {
      throw new NoteException(
          "chat_id is empty or still holds a variable after substitution — is $TELEGRAM_CHAT_ID (or"
              + " the variable it names) set in the job's environment?");
    }
    ObjectNode payload = JSON.createObjectNode();
    if (chat.matches("-?[0-9]{1,18}")) {
      payload.put("chat_id", Long.parseLong(chat));
    } else {
      payload.put("chat_id", chat);
    }
    payload.put("text", text(result, context));
    payload.put("parse_mode", "HTML");
    payload.put("disable_notification", options.bool(DISABLE_NOTIFICATION, false));
    payload.putObject("link_preview_options").put("is_disabled", true);
    WebRequest request = WebRequest.postJson("Telegram", uri, payload.toString()).withSecret(token);
    delivery.send(request, Limits.of(options), Telegram::explain);
  }

  private static URI sendMessageUri(URI base, String token) throws NoteException {
    try {
      return new URI(base + "/bot" + token + "/sendMessage");
    } catch (URISyntaxException e) {
      // Its message would quote the token.
      throw new NoteException(
          "token holds characters a URL cannot carry (a space, a quote?); a bot token looks like"
              + " 123456789:AAE...");
    }
  }

  /** The chat id as written: a string, or a number. */
  private static String chatId(NoteOptions options) {
    Object value = options.asMap().get(CHAT_ID);
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return Long.toString(n.longValue());
    }
    return value == null ? "" : value.toString();
  }

  /** The message in Telegram's HTML: the sentence, host and run link, then the output's end. */
  static String text(JobResult result, NoteContext context) {
    StringBuilder head = new StringBuilder();
    head.append(ResultText.emoji(result.status()))
        .append(" <b>")
        .append(escape(ResultText.capped(ResultText.sentence(result), LINE_LIMIT)))
        .append("</b>");
    String error = ResultText.error(result);
    if (!error.isEmpty()) {
      head.append("\n<i>").append(escape(ResultText.capped(error, LINE_LIMIT))).append("</i>");
    }
    head.append("\nhost: ").append(escape(ResultText.capped(context.hostName(), LINE_LIMIT)));
    context
        .runUrl()
        .ifPresent(
            url ->
                head.append(" · <a href=\"")
                    .append(escape(url).replace("\"", "&quot;"))
                    .append("\">GitHub Actions run</a>"));
    String open = "\n<pre>";
    String close = "</pre>";
    int budget = TEXT_LIMIT - head.length() - open.length() - close.length();
    String tail = Tail.of(ResultText.output(result), budget, Telegram::escape);
    return tail.isEmpty() ? head.toString() : head + open + tail + close;
  }

  /** The three characters Telegram's HTML mode gives meaning to, escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** What Telegram's refusal means: which option is probably wrong. */
  static String explain(int status, String body) {
    String said = description(body);
    String advice =
        switch (status) {
          case 401 -> "the bot's token is wrong or was revoked; check token (from @BotFather)";
          case 404 ->
              "the Bot API knows no bot with this token; check token (from @BotFather), and"
                  + " base_url if you set one";
          case 403 ->
              "the bot may not post to this chat (it was blocked, removed, or never added); check"
                  + " chat_id and add the bot to the chat";
          case 400 ->
              said.toLowerCase(Locale.ROOT).contains("chat not found")
                  ? "check chat_id: the bot must be a member of the chat, and a user must have"
                      + " started the bot first"
                  : "Telegram could not read the message; if this persists, report it as a bug in"
                      + " the Telegram note with the job's output";
          default -> "see https://core.telegram.org/bots/api#making-requests";
        };
    return (said.isEmpty() ? "" : said + " — ") + advice;
  }

  /** Telegram's {@code description}, else the body's first line. */
  private static String description(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.path("description").isTextual()) {
        return HttpDelivery.firstLine(json.path("description").asText());
      }
    } catch (IOException e) {
      // Not Telegram's JSON: quote the body's first line instead.
    }
    return HttpDelivery.firstLine(body);
  }
}
