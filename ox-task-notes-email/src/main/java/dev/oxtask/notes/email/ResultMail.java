package dev.oxtask.notes.email;

import dev.oxtask.core.note.DurationText;
import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.NoteContext;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The e-mail telling what a job did: a plain-text part and the same facts as HTML. */
final class ResultMail {

  /** How much of the output's end a mail shows; the log files hold the rest. */
  static final int TAIL_LINES = 60;

  static final int TAIL_CHARS = 8_000;

  private final JobResult result;
  private final NoteContext context;

  ResultMail(JobResult result, NoteContext context) {
    this.result = result;
    this.context = context;
  }

  /** The message, ready to send: {@code multipart/alternative}, text/plain first, UTF-8. */
  MimeMessage toMessage(Session session, SmtpSettings settings, InternetAddress[] to)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(Addresses.parse(List.of(settings.from()))[0]);
    message.setRecipients(Message.RecipientType.TO, to);
    if (!settings.cc().isEmpty()) {
      message.setRecipients(Message.RecipientType.CC, Addresses.parse(settings.cc()));
    }
    message.setSubject(subject(settings), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    // RFC 3834: tells vacation responders not to answer a machine.
    message.setHeader("Auto-Submitted", "auto-generated");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(html(), StandardCharsets.UTF_8.name(), "html");
    message.setContent(new MimeMultipart("alternative", text, html));
    return message;
  }

  /** The {@code subject} option, else {@code [ox_task] <status>: <job>}. */
  String subject(SmtpSettings settings) {
    return settings
        .subject()
        .filter(s -> !s.isBlank())
        .orElse("[ox_task] " + result.status().key() + ": " + result.job());
  }

  /** The plain-text part. */
  String text() {
    StringBuilder out = new StringBuilder();
    facts().forEach((name, value) -> out.append(padded(name + ":")).append(value).append('\n'));
    for (Section section : sections()) {
      out.append('\n').append(section.title()).append(":\n").append(section.body()).append('\n');
    }
    return out.toString();
  }

  /** The HTML part: the same facts, every value escaped. */
  String html() {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n");
    out.append("<h2>").append(escape(result.job())).append(": ");
    out.append(escape(result.status().key())).append("</h2>\n<table>\n");
    facts()
        .forEach(
            (name, value) -> {
              String shown = name.equals("Run") ? link(value) : escape(value);
              out.append("<tr><th align=\"left\">").append(escape(name)).append("</th><td>");
              out.append(shown).append("</td></tr>\n");
            });
    out.append("</table>\n");
    for (Section section : sections()) {
      out.append("<h3>").append(escape(section.title())).append("</h3>\n<pre>");
      out.append(escape(section.body())).append("</pre>\n");
    }
    return out.append("</body></html>\n").toString();
  }

  private static String padded(String label) {
    return label + " ".repeat(Math.max(1, 11 - label.length()));
  }

  private Map<String, String> facts() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Job", result.job());
    facts.put("Status", result.status().key());
    facts.put(
        "Exit code",
        result.exitCode().isPresent() ? String.valueOf(result.exitCode().getAsInt()) : "none");
    facts.put("Duration", DurationText.of(result.duration()));
    facts.put("Host", context.hostName());
    facts.put("Command", command(result.command()));
    context.runUrl().ifPresent(url -> facts.put("Run", url));
    result.error().ifPresent(error -> facts.put("Error", error));
    if (!result.logFiles().isEmpty()) {
      facts.put(
          "Logs", result.logFiles().stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
    return facts;
  }

  /** A titled block of output in the mail. */
  record Section(String title, String body) {}

  private List<Section> sections() {
    List<Section> sections = new ArrayList<>();
    sections.add(tail("Output", result.output()));
    if (!result.status().succeeded() && !result.stderr().isEmpty()) {
      sections.add(tail("Stderr", result.stderr()));
    }
    return sections;
  }

  /** The last {@link #TAIL_LINES} lines of {@code text}, at most {@link #TAIL_CHARS} characters. */
  static Section tail(String title, String text) {
    if (text.isEmpty()) {
      return new Section(title, "(none)");
    }
    String[] lines = text.split("\r?\n", -1);
    int total = text.endsWith("\n") ? lines.length - 1 : lines.length;
    int from = Math.max(0, total - TAIL_LINES);
    StringBuilder kept = new StringBuilder();
    int shown = 0;
    for (int i = total - 1; i >= from; i--) {
      if (kept.length() + lines[i].length() + 1 > TAIL_CHARS) {
        break;
      }
      kept.insert(0, lines[i] + "\n");
      shown++;
    }
    if (shown == 0) {
      // One line longer than the whole budget: keep its end.
      String last = lines[total - 1];
      kept.append(last, last.length() - TAIL_CHARS, last.length());
      shown = 1;
    }
    String heading =
        shown == total ? title : title + " (last " + shown + " of " + total + " lines)";
    return new Section(heading, kept.toString().stripTrailing());
  }

  /** The command as a shell user would type it: words with spaces or quotes are quoted. */
  static String command(List<String> words) {
    return words.stream()
        .map(w -> w.isEmpty() || w.matches(".*[\\s'\"\\\\$`].*") ? quote(w) : w)
        .collect(Collectors.joining(" "));
  }

  private static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static String link(String url) {
    return "<a href=\"" + escape(url) + "\">" + escape(url) + "</a>";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
