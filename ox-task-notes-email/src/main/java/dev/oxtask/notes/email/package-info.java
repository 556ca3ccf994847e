/**
 * The {@code SmtpEmail} note, which mails a job's result through an SMTP server with Eclipse Angus
 * Mail, and its {@code GmailNotifier} alias with the original ox_task's keys.
 *
 * <p>Only {@link dev.oxtask.notes.email.SmtpEmail} and {@link dev.oxtask.notes.email.GmailNotifier}
 * are public: they are the pf4j extensions. Everything else in this package is an implementation
 * detail of the plugin.
 */
package dev.oxtask.notes.email;
