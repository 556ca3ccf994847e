package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTableTest {

  /**
   * The table is the annotations written out: when this fails after an option was added or changed,
   * its message shows the lines the table must hold.
   */
  @Test
  void theTableSaysWhatTheAnnotationsOfEveryFastCommandSay() {
    for (Class<?> type : FastCommandLine.COMMANDS) {
      CommandDeclaration annotated = CommandDeclaration.of(type);

      assertThat(CommandTable.lines(annotated.name()))
          .as("CommandTable's lines for %s", type.getSimpleName())
          .isEqualTo(CommandTable.linesOf(annotated, type));
    }
  }

  @Test
  void aDeclarationReadFromTheTableIsTheOneReadFromTheAnnotations() {
    for (Class<?> type : FastCommandLine.COMMANDS) {
      CommandDeclaration annotated = CommandDeclaration.of(type);

      CommandDeclaration written = CommandTable.named(annotated.name()).orElseThrow();

      assertThat(CommandTable.linesOf(written, type))
          .isEqualTo(CommandTable.linesOf(annotated, type));
      assertThat(written.parsable()).isTrue();
      assertThat(written.parent()).isEqualTo(annotated.parent());
      assertThat(fields(written)).isEqualTo(fields(annotated));
    }
  }

  @Test
  void theTableHoldsExactlyTheFastCommands() {
    List<String> names = new ArrayList<>();
    for (Class<?> type : FastCommandLine.COMMANDS) {
      names.add(CommandDeclaration.of(type).name());
    }

    assertThat(names).containsExactly("run", "validate", "list");
    assertThat(CommandTable.named("envs")).isEmpty();
    assertThat(CommandTable.named("ru")).isEmpty();
  }

  /** The fields each member is set through, to compare two declarations' fields themselves. */
  private static List<Object> fields(CommandDeclaration declaration) {
    List<Object> fields = new ArrayList<>();
    fields.add(declaration.positional().via());
    fields.add(declaration.positional().field());
    for (CommandDeclaration.OptionField option : declaration.options()) {
      fields.add(option.member().via());
      fields.add(option.member().field());
    }
    return fields;
  }
}
