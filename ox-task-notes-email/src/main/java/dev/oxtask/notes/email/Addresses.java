package dev.oxtask.notes.email;

import dev.oxtask.core.note.NoteOptions;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/** Parses and checks the address options ({@code from}, {@code to}, {@code cc}). */
final class Addresses {

  private Addresses() {}

  /**
   * Adds a problem for each address of option {@code key} that can't be parsed. Values holding a
   * {@code $} are skipped: they are only known after substitution, when {@link #parse} checks them.
   */
  static void check(NoteOptions options, String key, NoteOptions.Check check) {
    for (String value : options.strings(key)) {
      if (value.contains("$")) {
        continue;
      }
      try {
        parse(List.of(value));
      } catch (AddressException e) {
        check.add(key, e.getMessage());
      }
    }
  }

  /**
   * The addresses in {@code values}; each value may hold several, separated by commas.
   *
   * @throws AddressException naming the value that is not an address
   */
  static InternetAddress[] parse(List<String> values) throws AddressException {
    List<InternetAddress> addresses = new ArrayList<>();
    for (String value : values) {
      try {
        InternetAddress[] parsed = InternetAddress.parse(value, true);
        if (parsed.length == 0) {
          throw new AddressException("no address given");
        }
        for (InternetAddress address : parsed) {
          address.validate();
          addresses.add(address);
        }
      } catch (AddressException e) {
        throw new AddressException(
            "'"
                + value
                + "' is not an e-mail address ("
                + e.getMessage()
                + "): write it as name@example.org or \"Name <name@example.org>\"");
      }
    }
    return addresses.toArray(InternetAddress[]::new);
  }
}
