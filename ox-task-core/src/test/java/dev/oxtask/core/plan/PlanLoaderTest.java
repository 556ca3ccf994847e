package dev.oxtask.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {

  @TempDir Path dir;

  private final PlanLoader loader = new PlanLoader("python3");

  @Test
  void validPlanLoadsEveryKeyAndFillsDefaults() throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {
              "$schema": "../schema/ox-task-plan.schema.json",
              "description": "Nightly chores",
              "envs": {
                "base": {
                  "description": ["line one", "line two"],
                  "runtime": "python3.11",
                  "requirements": ["requests==2.32.3"],
                  "path": "work",
                  "variables": {"B": "2", "A": "$B"},
                  "secrets": ["A"]
                }
              },
              "notes": {
                "log": {"class_name": "SimpleFileLog", "conditions": ["only_if_failed"], "path": "x"}
              },
              "jobs": {
                "full": {
                  "env": "base", "note": "log", "command": ["echo", "hi"], "timeout": 0.5,
                  "shell": true, "retries": 2, "retry_delay": 1.25, "description": "one line"
                },
                "bare": {"command": ["true"]}
              }
            }
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.files()).containsExactly(file);
    assertThat(plan.description()).containsExactly("Nightly chores");
    TaskEnv env = plan.envs().get("base");
    assertThat(env.description()).containsExactly("line one", "line two");
    assertThat(env.runtime()).contains("python3.11");
    assertThat(env.requirements()).containsExactly("requests==2.32.3");
    assertThat(env.path()).contains("work");
    assertThat(env.variables()).containsExactly(entry("B", "2"), entry("A", "$B"));
    assertThat(env.secrets()).containsExactly("A");
    assertThat(env.planFile()).isEqualTo(file);
    TaskJob full = plan.jobs().get("full");
    assertThat(full.env()).contains("base");
    assertThat(full.note()).contains("log");
    assertThat(full.shell()).isTrue();
    assertThat(full.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(full.retries()).isEqualTo(2);
    assertThat(full.retryDelay()).isEqualTo(Duration.ofMillis(1250));
    assertThat(full.description()).containsExactly("one line");
    TaskJob bare = plan.jobs().get("bare");
    assertThat(bare.env()).isEmpty();
    assertThat(bare.note()).isEmpty();
    assertThat(bare.shell()).isFalse();
    assertThat(bare.timeout()).isEqualTo(TaskJob.DEFAULT_TIMEOUT);
    assertThat(bare.retries()).isZero();
    assertThat(bare.retryDelay()).isEqualTo(TaskJob.DEFAULT_RETRY_DELAY);
    assertThat(plan.notes().get("log").conditions()).containsExactly(Condition.ONLY_IF_FAILED);
  }

  @Test
  void stringCommandIsSplitIntoWordsUnlessShellIsTrue() throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {"jobs": {
              "split": {"command": "grep -r 'hello world' \\"$HOME/my notes\\""},
              "shell": {"command": "ls | wc -l", "shell": true},
              "list_shell": {"command": ["ls", "|", "wc"], "shell": true}
            }}
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.jobs().get("split").command())
        .containsExactly("grep", "-r", "hello world", "$HOME/my notes");
    assertThat(plan.jobs().get("shell").command()).containsExactly("ls | wc -l");
    assertThat(plan.jobs().get("list_shell").command()).containsExactly("ls", "|", "wc");
  }

  @Test
  void underscoreKeysAreCommentsAndUnknownNoteKeysBecomeOptions() throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {
              "_about": "top-level comment",
              "envs": {"e": {"_why": 1, "variables": {"__comment__": "kept", "X": "1"}}},
              "notes": {"mail": {
                "_note": "a comment",
                "class_name": "SmtpEmail",
                "description": "mail me",
                "to": ["a@example.com", "b@example.com"],
                "port": 587,
                "tls": {"verify": true, "ca": null}
              }},
              "jobs": {"j": {"_todo": ["later"], "env": "e", "note": "mail", "command": ["true"]}}
            }
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.envs().get("e").variables())
        .containsExactly(entry("__comment__", "kept"), entry("X", "1"));
    TaskNote mail = plan.notes().get("mail");
    assertThat(mail.description()).containsExactly("mail me");
    assertThat(mail.options()).containsOnlyKeys("to", "port", "tls");
    assertThat(mail.options().get("to")).isEqualTo(List.of("a@example.com", "b@example.com"));
    assertThat(mail.options().get("port")).isEqualTo(587L);
    Map<String, Object> tls = new HashMap<>();
    tls.put("verify", true);
    tls.put("ca", null);
    assertThat(mail.options().get("tls")).isEqualTo(tls);
  }

  @Test
  void locationsRecordWhereEveryKeyPathIsWritten() throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {
              "notes": {
                "mail": {"class_name": "SmtpEmail",
                         "to": ["a@example.com"]}
              },
              "jobs": {"j": {"note": "mail", "command": ["true"]}}
            }
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.locations().get("notes.mail.to")).isEqualTo(new SourceLocation(file, 4, 14));
    assertThat(plan.locations().get("notes.mail.to[0]")).isEqualTo(new SourceLocation(file, 4, 21));
    assertThat(plan.locations().get("jobs.j.command")).isEqualTo(new SourceLocation(file, 6, 34));
    assertThat(plan.diagnostic("notes.mail.host", "missing option 'host'"))
        .hasToString(file + ":3:5: notes.mail.host: missing option 'host'");
  }

  @Test
  void severalFilesMergeInOrderAndMayReferToEachOther() throws Exception {
    Path envs =
        write(
            "envs.json",
            """
            {"description": "shared envs", "envs": {"base": {"variables": {"A": "1"}}},
             "jobs": {"first": {"command": ["true"]}}}
            """);
    Path jobs =
        write(
            "jobs.json",
            """
            {"description": ["the jobs"], "jobs": {
              "second": {"env": "base", "command": ["echo", "$A"]},
              "third": {"command": ["true"]}}}
            """);

    TaskPlan plan = loader.load(List.of(envs, jobs));

    assertThat(plan.files()).containsExactly(envs, jobs);
    assertThat(plan.description()).containsExactly("shared envs", "the jobs");
    assertThat(List.copyOf(plan.jobs().keySet())).containsExactly("first", "second", "third");
    assertThat(plan.jobs().get("second").planFile()).isEqualTo(jobs);
    assertThat(plan.envOf(plan.jobs().get("second")).orElseThrow().planFile()).isEqualTo(envs);
  }

  @Test
  void nameDefinedInTwoFilesIsAnErrorNamingBothFiles() throws Exception {
    Path a = write("a.json", "{\"jobs\": {\"hello\": {\"command\": [\"true\"]}}}\n");
    Path b =
        write(
            "b.json",
            """
            {
              "envs": {"e": {}},
              "jobs": {
                "hello": {"command": ["false"]}
              }
            }
            """);
    Path c = write("c.json", "{\"envs\": {\"e\": {}}}\n");

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> loader.load(List.of(a, b, c)));

    assertThat(e.getMessage())
        .isEqualTo(
            b
                + ":4:5: jobs.hello: job 'hello' is already defined at "
                + a
                + ":1:11; a name may be defined once across all plan files: rename or remove one\n"
                + c
                + ":1:11: envs.e: env 'e' is already defined at "
                + b
                + ":2:12; a name may be defined once across all plan files: rename or remove one");
  }

  @Test
  void sameFileNamedTwiceIsReportedOnce() throws Exception {
    Path a = write("a.json", "{\"jobs\": {\"hello\": {\"command\": [\"true\"]}}}\n");

    PlanException e =
        catchThrowableOfType(
            PlanException.class, () -> loader.load(List.of(a, dir.resolve("./a.json"))));

    assertThat(e)
        .hasMessage(dir.resolve("./a.json") + ": this plan file is named twice; name it once");
  }

  @Test
  void problemsOfEveryFileAreReportedTogether() throws Exception {
    Path a = write("a.json", "{\"jobs\": {\"x\": {\"command\": [], \"timeout\": -1}}}\n");
    Path b = write("b.json", "{\"jobs\": {\"y\": {\"env\": \"nope\", \"command\": \"true\"}}}\n");
    Path missing = dir.resolve("missing.json");

    PlanException e =
        catchThrowableOfType(PlanException.class, () -> loader.load(List.of(a, missing, b)));

    assertThat(e.diagnostics())
        .extracting(Diagnostic::toString)
        .containsExactly(
            a
                + ":1:28: jobs.x.command: expected at least the program to run, e.g. [\"echo\","
                + " \"hi\"], not an empty list",
            a + ":1:43: jobs.x.timeout: expected a positive number of seconds, not -1",
            missing + ": cannot read the plan: no such file",
            b + ":1:24: jobs.y.env: no env named 'nope' is defined; the plan defines no envs");
  }

  @Test
  void pythonPlanIsEvaluatedAndMayPrintWithoutHarm() throws Exception {
    Path file =
        write(
            "plan.py",
            """
            import os
            print("building the plan")
            GREETING = "hello"
            envs = {"base": {"variables": {"WHO": os.environ.get("NO_SUCH_VAR_X", "world")}}}
            notes = {}
            jobs = {
                name: {"env": "base", "command": ["echo", GREETING, "$WHO"], "timeout": 5}
                for name in ("one", "two")
            }
            description = ["made in Python"]
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.description()).containsExactly("made in Python");
    assertThat(plan.envs().get("base").variables()).containsExactly(entry("WHO", "world"));
    assertThat(List.copyOf(plan.jobs().keySet())).containsExactly("one", "two");
    assertThat(plan.jobs().get("two").command()).containsExactly("echo", "hello", "$WHO");
    assertThat(plan.locations().get("jobs.one.command")).isEqualTo(SourceLocation.of(file));
  }

  @Test
  void pythonPlanImportsHelperModulesBesideIt() throws Exception {
    write("shared_hosts.py", "HOSTS = ['alpha', 'beta']\n");
    Path file =
        write(
            "plan.py",
            "from shared_hosts import HOSTS\n"
                + "jobs = {h: {'command': ['ping', '-c', '1', h]} for h in HOSTS}\n");

    TaskPlan plan = loader.load(List.of(file));

    assertThat(List.copyOf(plan.jobs().keySet())).containsExactly("alpha", "beta");
  }

  @Test
  void missingPythonInterpreterIsReportedWithTheFix() throws Exception {
    Path file = write("plan.py", "jobs = {}\n");
    Path python = dir.resolve("no-such-python");
    PlanLoader custom = PlanLoader.fromEnvironment(Map.of("OX_TASK_PYTHON", python.toString()));

    PlanException e = catchThrowableOfType(PlanException.class, () -> custom.load(List.of(file)));

    assertThat(e.diagnostics()).hasSize(1);
    assertThat(e.diagnostics().get(0).toString())
        .startsWith(file + ": cannot run '" + python + "' to read this Python plan (")
        .endsWith("); install Python 3 or set $OX_TASK_PYTHON to its path");
  }

  @Test
  void pythonInterpreterIsOxTaskPythonElsePython3() throws Exception {
    Path script = dir.resolve("fake-python");
    Files.writeString(
        script, "#!/bin/sh\necho '{\"plan\": {\"jobs\": {\"fake\": {\"command\": \"true\"}}}}'\n");
    script.toFile().setExecutable(true);
    Path file = write("plan.py", "this is not read by the fake python\n");

    TaskPlan viaEnvironment =
        PlanLoader.fromEnvironment(Map.of("OX_TASK_PYTHON", script.toString())).load(List.of(file));

    assertThat(viaEnvironment.jobs()).containsOnlyKeys("fake");
    Path real = write("real.py", "jobs = {'real': {'command': 'true'}}\n");
    assertThat(PlanLoader.fromEnvironment(Map.of()).load(List.of(real)).jobs())
        .containsOnlyKeys("real");
  }

  @Test
  void folderInsteadOfAFileIsReported() {
    PlanException e = catchThrowableOfType(PlanException.class, () -> loader.load(List.of(dir)));

    assertThat(e).hasMessage(dir + ": is a folder; expected a .json or .py plan file");
  }

  @Test
  void fileThatIsNotUtf8IsReported() throws Exception {
    Path file = dir.resolve("latin1.json");
    Files.write(file, new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});

    PlanException e = catchThrowableOfType(PlanException.class, () -> loader.load(List.of(file)));

    assertThat(e).hasMessage(file + ": cannot read the plan: it is not UTF-8 text");
  }

  @Test
  void underscoreNamedEntriesAreEntriesAndOtherUnderscoreValuesAreIgnoredWithAWarning()
      throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {
              "envs": {"_base": {"variables": {"A": "1"}}, "_about": "envs used below"},
              "notes": {"_log": {"class_name": "SimpleFileLog", "path": "x"}},
              "jobs": {
                "_lines": ["a comment", "of two lines"],
                "_private": {"env": "_base", "note": "_log", "command": ["true"]},
                "_odd": 3,
                "_blank": null
              }
            }
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.envs()).containsOnlyKeys("_base");
    assertThat(plan.notes()).containsOnlyKeys("_log");
    assertThat(plan.jobs()).containsOnlyKeys("_private");
    assertThat(plan.jobs().get("_private").env()).contains("_base");
    assertThat(plan.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            file
                + ":7:5: jobs._odd: ignored: '_odd' is neither a job (an object) nor a comment"
                + " (a string or a list of strings)",
            file
                + ":8:5: jobs._blank: ignored: '_blank' is neither a job (an object) nor a comment"
                + " (a string or a list of strings)");
  }

  @Test
  void nullMeansNotSetForEveryOptionalKey() throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {
              "description": null, "$schema": null,
              "envs": {"e": {"runtime": null, "requirements": null, "path": null,
                             "variables": null, "secrets": null, "description": null}},
              "notes": {"n": {"class_name": "SimpleFileLog", "conditions": null, "path": "x",
                              "append": null, "description": null}},
              "jobs": {"j": {"env": null, "note": null, "command": ["true"], "timeout": null,
                             "shell": null, "retries": null, "retry_delay": null,
                             "description": null}}
            }
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.warnings()).isEmpty();
    TaskEnv env = plan.envs().get("e");
    assertThat(env.runtime()).isEmpty();
    assertThat(env.path()).isEmpty();
    assertThat(env.variables()).isEmpty();
    assertThat(plan.notes().get("n").options()).containsOnlyKeys("path");
    assertThat(plan.notes().get("n").conditions()).isEmpty();
    TaskJob job = plan.jobs().get("j");
    assertThat(job.env()).isEmpty();
    assertThat(job.note()).isEmpty();
    assertThat(job.timeout()).isEqualTo(TaskJob.DEFAULT_TIMEOUT);
    assertThat(job.shell()).isFalse();
    assertThat(job.retries()).isZero();
    assertThat(job.retryDelay()).isEqualTo(TaskJob.DEFAULT_RETRY_DELAY);
  }

  @Test
  void requiredKeyWrittenAsNullIsReportedAsRequired() throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {"notes": {"n": {"class_name": null}},
             "jobs": {"j": {"command": null}}}
            """);

    PlanException e = catchThrowableOfType(PlanException.class, () -> loader.load(List.of(file)));

    assertThat(e)
        .hasMessage(
            file
                + ":1:32: notes.n.class_name: 'class_name' is required, not null: expected the"
                + " note class, e.g. \"class_name\": \"SimpleFileLog\"\n"
                + file
                + ":2:28: jobs.j.command: 'command' is required, not null: expected the program"
                + " and its arguments, e.g. \"command\": [\"echo\", \"hi\"]");
  }

  @Test
  void numbersAndBooleansWrittenAsStringsAreReadWithAWarningNamingTheFix() throws Exception {
    Path file =
        write(
            "plan.json",
            """
            {"jobs": {"j": {"command": "true", "timeout": "10", "shell": "True",
                            "retries": " 2 ", "retry_delay": "0.5"}}}
            """);

    TaskPlan plan = loader.load(List.of(file));

    TaskJob job = plan.jobs().get("j");
    assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(job.shell()).isTrue();
    assertThat(job.retries()).isEqualTo(2);
    assertThat(job.retryDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(plan.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            file
                + ":1:47: jobs.j.timeout: the number is written as a string (\"10\"); it is read"
                + " as 10, but write it without quotes: \"timeout\": 10",
            file
                + ":1:62: jobs.j.shell: the boolean is written as a string (\"True\"); it is read"
                + " as true, but write it without quotes: \"shell\": true",
            file
                + ":2:28: jobs.j.retries: the number is written as a string (\" 2 \"); it is read"
                + " as 2, but write it without quotes: \"retries\": 2",
            file
                + ":2:50: jobs.j.retry_delay: the number is written as a string (\"0.5\"); it is"
                + " read as 0.5, but write it without quotes: \"retry_delay\": 0.5");
  }

  @Test
  void stringThatIsNotANumberIsStillAnErrorWithoutAWarning() throws Exception {
    Path file =
        write("plan.json", "{\"jobs\": {\"j\": {\"command\": \"true\", \"timeout\": \"-5\"}}}");

    PlanException e = catchThrowableOfType(PlanException.class, () -> loader.load(List.of(file)));

    assertThat(e)
        .hasMessage(
            file + ":1:47: jobs.j.timeout: expected a positive number of seconds, not \"-5\"");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
