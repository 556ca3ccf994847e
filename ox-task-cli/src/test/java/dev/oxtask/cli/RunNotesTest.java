package dev.oxtask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ox_task run} with the real file notes plugin in a plugins folder. */
class RunNotesTest {

  @TempDir Path dir;
  private Path plugins;
  private ByteArrayOutputStream out = new ByteArrayOutputStream();
  private ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void installFileNotes() throws Exception {
    plugins = dir.resolve("plugins");
    TestPlugins.installFileNotes(plugins);
  }

  private int run(String planJson) throws Exception {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    Path plan = Files.writeString(dir.resolve("tasks.json"), planJson);
    return Main.run(
        new String[] {
          "run",
          "--plugins-dir",
          plugins.toString(),
          "--work-dir",
          dir.resolve("work").toString(),
          plan.toString()
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String logPlan(String logPath, String conditions, String command) {
    return """
        {"notes": {"log": {"class_name": "SimpleFileLog", "path": "%s", "format": "json",
                           "conditions": [%s]}},
         "jobs": {"hello": {"command": "%s", "note": "log"}}}
        """
        .formatted(logPath, conditions, command);
  }

  @Test
  void eachJobResultIsWrittenToTheSubstitutedPath() throws Exception {
    Path logs = dir.resolve("logs");
    int exit = run(logPlan(logs + "/${OX_TASK_JOB_NAME}.jsonl", "", "echo hi"));
    assertThat(exit).isZero();
    assertThat(Files.readString(logs.resolve("hello.jsonl")))
        .startsWith(
            "{\"job\":\"hello\",\"status\":\"success\",\"exit_code\":0,\"output\":\"hi\\n\"");
  }

  @Test
  void aMistypedVariableInANoteOptionIsWarnedAboutAndFailsTheNoteInsteadOfWritingALiteralPath()
      throws Exception {
    int exit = run(logPlan("$OX_TASK_LOGDIR/typo.log", "", "echo hi"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "tasks.json:1:51: notes.log.path: $OX_TASK_LOGDIR is not set by any env of the"
                + " plan, by ox_task or in the runner's environment, so the note will fail when it"
                + " is sent — did you mean 'OX_TASK_LOG_DIR'?");
    assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
        .contains(
            "note 'log' (SimpleFileLog) failed: option path uses $OX_TASK_LOGDIR, not set in the"
                + " job's environment; set it in the runner's environment or in the job's env");
    assertThat(Path.of("$OX_TASK_LOGDIR")).doesNotExist();
  }

  @Test
  void aJobCommandNamingAVariableNothingSetsIsWarnedAboutAndRunsAsWritten() throws Exception {
    int exit =
        run(
            """
            {"envs": {"greeting": {"variables": {"GREETING": "hello"}}},
             "jobs": {"hello": {"env": "greeting", "command": ["echo", "$GRETING"]}}}
            """);

    assertThat(exit).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "jobs.hello.command"
                + ": $GRETING is not set by any env of the plan, by ox_task or in the runner's"
                + " environment, so it stays as written — did you mean 'GREETING'?");
  }

  @Test
  void aPlanWithOtherProblemsReportsItsNoteProblemsTooAndRunsNothing() throws Exception {
    Path marker = dir.resolve("ran");
    int exit =
        run(
            """
            {"notes": {"tg": {"class_name": "Telegram"}},
             "jobs": {"touch": {"command": ["touch", "%s"], "note": "tg"},
                      "bad": {"command": "true", "retries": -1}}}
            """
                .formatted(marker));

    assertThat(exit).isEqualTo(2);
    assertThat(marker).doesNotExist();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("notes.tg.class_name: unknown note class 'Telegram'")
        .contains("jobs.bad.retries: ")
        .contains("ox_task: 2 problems found; nothing was run");
  }

  @Test
  void anUnknownNoteClassStopsTheRunBeforeAnyJob() throws Exception {
    Path marker = dir.resolve("ran");
    int exit =
        run(
            """
            {"notes": {"tg": {"class_name": "Telegram"}},
             "jobs": {"touch": {"command": ["touch", "%s"], "note": "tg"}}}
            """
                .formatted(marker));
    assertThat(exit).isEqualTo(2);
    assertThat(marker).doesNotExist();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("notes.tg.class_name: unknown note class 'Telegram'; note classes found in");
  }

  @Test
  void aNoteThatFailsIsReportedExitsOneAndLeavesTheJobSucceeded() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(folder.resolve("child"), "x");
    int exit =
        run(
            """
            {"notes": {"last": {"class_name": "FileNotifier", "path": "%s"}},
             "jobs": {"hello": {"command": "echo hi", "note": "last"}}}
            """
                .formatted(folder));
    assertThat(exit).isEqualTo(1);
    String console = out.toString(StandardCharsets.UTF_8);
    assertThat(console).contains("✓ hello  success");
    assertThat(console)
        .contains("note failed: note 'last' (FileNotifier) failed: cannot write " + folder + ": ");
  }

  @Test
  void onlyIfStatusChangedSendsOnlyWhenTheStatusDiffersFromTheLastRun() throws Exception {
    Path log = dir.resolve("changes.jsonl");
    String ok = logPlan(log.toString(), "\"only_if_status_changed\"", "true");
    String failing = logPlan(log.toString(), "\"only_if_status_changed\"", "false");
    assertThat(run(ok)).isZero();
    assertThat(run(ok)).isZero();
    assertThat(run(failing)).isEqualTo(1);
    assertThat(Files.readAllLines(log))
        .extracting(line -> line.replaceAll(".*\"status\":\"(\\w+)\".*", "$1"))
        .containsExactly("success", "failed");
  }
}
