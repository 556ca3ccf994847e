package dev.oxtask.core.delivery;

import static dev.oxtask.core.testing.Plans.job;
import static dev.oxtask.core.testing.Plans.note;
import static dev.oxtask.core.testing.Plans.plan;
import static dev.oxtask.core.testing.Plans.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxtask.core.note.JobResult;
import dev.oxtask.core.note.JobStatus;
import dev.oxtask.core.note.Note;
import dev.oxtask.core.note.NoteContext;
import dev.oxtask.core.note.NoteOptions;
import dev.oxtask.core.plan.Condition;
import dev.oxtask.core.plan.Diagnostic;
import dev.oxtask.core.plan.TaskJob;
import dev.oxtask.core.plan.TaskPlan;
import dev.oxtask.core.plugin.NoteRegistry;
import dev.oxtask.core.plugin.PluginsFolder;
import dev.oxtask.core.testing.TestNotes;
import dev.oxtask.core.text.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoteDispatcherTest {

  @TempDir static Path plugins;
  private static NoteRegistry registry;

  @TempDir Path dir;
  private final SecretMasker masker = new SecretMasker();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeAll
  static void buildPlugins() {
    TestNotes.writeTestNotesPlugin(plugins);
    registry = NoteRegistry.load(folder(plugins));
  }

  @AfterAll
  static void closeRegistry() {
    registry.close();
  }

  private static PluginsFolder folder(Path path) {
    return PluginsFolder.resolve(Optional.of(path), Map.of(), Optional.empty());
  }

  private NoteDispatcher dispatcher(Optional<StatusHistory> history, Duration timeout) {
    return new NoteDispatcher(
        registry, masker, history, new PrintStream(console, true, StandardCharsets.UTF_8), timeout);
  }

  private NoteDispatcher dispatcher() {
    return dispatcher(Optional.empty(), NoteDispatcher.DEFAULT_SEND_TIMEOUT);
  }

  private Map<String, Object> recordTo(Path file) {
    return Map.of("path", file.toString());
  }

  private List<String> recorded(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  /** A note class that does not override started() is not called at each job's start. */
  @Test
  void onlyANoteThatOverridesStartedHearsStarts() {
    Note sendsOnly =
        new Note() {
          @Override
          public void send(NoteOptions options, JobResult result, NoteContext context) {}
        };
    Note hearsStarts =
        new Note() {
          @Override
          public void send(NoteOptions options, JobResult result, NoteContext context) {}

          @Override
          public void started(NoteOptions options, String job, NoteContext context) {}
        };
    abstract class PingBase implements Note {
      @Override
      public void started(NoteOptions options, String job, NoteContext context) {}
    }
    Note inheritsStarts =
        new PingBase() {
          @Override
          public void send(NoteOptions options, JobResult result, NoteContext context) {}
        };

    assertThat(NoteDispatcher.hearsStarts(sendsOnly)).isFalse();
    assertThat(NoteDispatcher.hearsStarts(hearsStarts)).isTrue();
    assertThat(NoteDispatcher.hearsStarts(inheritsStarts)).isTrue();
  }

  @Test
  void unknownClassListsTheClassesFoundAndTheFolderSearched() {
    TaskPlan plan = plan(List.of(note("tg", "RecordinNote", Map.of())), List.of(job("a", "tg")));
    List<Diagnostic> problems = dispatcher().prepare(plan, plan.jobs().values());
    assertThat(problems)
        .extracting(Diagnostic::toString)
        .containsExactly(
            "plan.json:3:7: notes.tg.class_name: unknown note class 'RecordinNote'; note classes"
                + " found in "
                + plugins
                + " (--plugins-dir): FailingNote, Recorder, RecordingNote — did you mean 'RecordingNote'?");
  }

  @Test
  void unknownClassInANoteNoSelectedJobUsesIsOnlyAWarning() {
    TaskPlan plan = plan(List.of(note("tg", "TelegramNotifier", Map.of())), List.of(job("a", "")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
    assertThat(dispatcher.warnings())
        .containsExactly(
            "plan.json:3:7: notes.tg.class_name: unknown note class 'TelegramNotifier'; note"
                + " classes found in "
                + plugins
                + " (--plugins-dir): FailingNote, Recorder, RecordingNote; no selected job uses this note");
  }

  @Test
  void onlyNotesOfSelectedJobsAreChecked() {
    TaskPlan plan =
        plan(
            List.of(note("rec", "RecordingNote", Map.of())),
            List.of(job("a", "rec"), job("b", "")));
    assertThat(dispatcher().prepare(plan, List.of(plan.jobs().get("b")))).isEmpty();
  }

  @Test
  void emptyPluginsFolderSaysHowToGetPlugins() {
    Path absent = dir.resolve("absent");
    try (NoteRegistry empty = NoteRegistry.load(folder(absent))) {
      NoteDispatcher dispatcher =
          new NoteDispatcher(
              empty, masker, Optional.empty(), System.out, NoteDispatcher.DEFAULT_SEND_TIMEOUT);
      TaskPlan plan =
          plan(List.of(note("log", "SimpleFileLog", Map.of())), List.of(job("a", "log")));
      assertThat(dispatcher.prepare(plan, plan.jobs().values()))
          .extracting(Diagnostic::toString)
          .containsExactly(
              "plan.json:3:7: notes.log.class_name: unknown note class 'SimpleFileLog'; no note"
                  + " classes were found in "
                  + absent
                  + " (--plugins-dir), which does not exist; build the plugins with ./mvnw"
                  + " package, or point --plugins-dir or $OX_TASK_PLUGINS_DIR at a folder of"
                  + " plugin JARs");
    }
  }

  @Test
  void optionProblemsAreLocatedAtTheirKey() {
    TaskPlan plan = plan(List.of(note("rec", "Recorder", Map.of())), List.of(job("a", "rec")));
    assertThat(dispatcher().prepare(plan, plan.jobs().values()))
        .extracting(Diagnostic::toString)
        .containsExactly("plan.json:2:5: notes.rec.path: is required: where to record");
  }

  @Test
  void validateThatThrowsIsAProblemOfTheNote() {
    TaskPlan plan =
        plan(
            List.of(note("f", "FailingNote", Map.of("mode", "bad-validate"))),
            List.of(job("a", "f")));
    assertThat(dispatcher().prepare(plan, plan.jobs().values()))
        .extracting(Diagnostic::toString)
        .containsExactly(
            "plan.json:3:7: notes.f.class_name: note class 'test.notes.FailingNote' of plugin"
                + " test-notes 1.2.3 (test-notes.jar) threw java.lang.IllegalStateException:"
                + " validate exploded while checking its options");
  }

  @Test
  void deliversWithTheEnvironmentSubstitutedIntoEveryStringOption() throws Exception {
    Map<String, Object> options =
        Map.of(
            "path",
            "$OUT/rec.txt",
            "extra",
            List.of("${WHO}", Map.of("k", "$WHO and $$5")),
            "count",
            3);
    TaskPlan plan = plan(List.of(note("rec", "Recorder", options)), List.of(job("a", "rec")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();

    Optional<String> failure =
        dispatcher.deliver(
            plan.jobs().get("a"),
            result("a", JobStatus.SUCCESS, "out"),
            Map.of("OUT", dir.toString(), "WHO", "ann"));

    assertThat(failure).isEmpty();
    assertThat(recorded(dir.resolve("rec.txt")))
        .containsExactly(
            "job=a status=success options={count=3, extra=[ann, {k=ann and $5}], path="
                + dir
                + "/rec.txt} tccl=true");
  }

  @Test
  void aVariableStillUnsetWhenSendingFailsTheNoteNamingItAndNothingIsSent() throws Exception {
    Map<String, Object> options =
        Map.of("path", dir + "/$OX_TASK_LOGDIR/rec.txt", "extra", List.of("${TEAM}", "$$5"));
    TaskPlan plan = plan(List.of(note("rec", "Recorder", options)), List.of(job("a", "rec")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values(), Map.of("TEAM", "ops"))).isEmpty();
    assertThat(dispatcher.warnings())
        .containsExactly(
            "plan.json:2:5: notes.rec.path: $OX_TASK_LOGDIR is not set by any env of the plan, by"
                + " ox_task or in the runner's environment, so the note will fail when it is sent"
                + " — did you mean 'OX_TASK_LOG_DIR'?");

    Optional<String> failure =
        dispatcher.deliver(
            plan.jobs().get("a"),
            result("a", JobStatus.SUCCESS, ""),
            Map.of("OX_TASK_LOG_DIR", dir.toString()));

    assertThat(failure)
        .contains(
            "note 'rec' (Recorder) failed: option extra uses $TEAM; option path uses"
                + " $OX_TASK_LOGDIR, not set in the job's environment; set it in the runner's environment or"
                + " in the job's env");
    assertThat(dir.resolve("$OX_TASK_LOGDIR")).doesNotExist();
  }

  @Test
  void aJobWithoutANoteDeliversNothing() {
    TaskPlan plan = plan(List.of(), List.of(job("a", "")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
    assertThat(
            dispatcher.deliver(plan.jobs().get("a"), result("a", JobStatus.FAILED, ""), Map.of()))
        .isEmpty();
    assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void deliveringANoteThatWasNotPreparedIsAProgrammingError() {
    TaskJob job = job("a", "rec");
    assertThatThrownBy(
            () -> dispatcher().deliver(job, result("a", JobStatus.SUCCESS, ""), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("note 'rec' was not prepared: call prepare(plan, jobs) before running");
  }

  private List<String> statusesSent(
      List<Condition> conditions, NoteDispatcher dispatcher, List<JobStatus> statuses)
      throws Exception {
    Path file = dir.resolve("sent.txt");
    TaskPlan plan =
        plan(
            List.of(note("rec", "RecordingNote", conditions, recordTo(file))),
            List.of(job("a", "rec")));
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
    for (JobStatus status : statuses) {
      assertThat(dispatcher.deliver(plan.jobs().get("a"), result("a", status, "x"), Map.of()))
          .isEmpty();
    }
    return recorded(file).stream().map(l -> l.replaceAll("^job=a status=(\\w+).*", "$1")).toList();
  }

  @Test
  void onlyIfFailedSendsEveryStatusButSuccessAndSkipped() throws Exception {
    assertThat(
            statusesSent(
                List.of(Condition.ONLY_IF_FAILED), dispatcher(), List.of(JobStatus.values())))
        .containsExactly("failed", "timeout", "error", "cancelled");
  }

  @Test
  void onlyIfSucceededSendsOnlySuccess() throws Exception {
    assertThat(
            statusesSent(
                List.of(Condition.ONLY_IF_SUCCEEDED), dispatcher(), List.of(JobStatus.values())))
        .containsExactly("success");
  }

  @Test
  void noConditionsSendsAlways() throws Exception {
    assertThat(statusesSent(List.of(), dispatcher(), List.of(JobStatus.values()))).hasSize(6);
  }

  @Test
  void onlyIfOutputNonEmptySkipsBlankOutput() throws Exception {
    Path file = dir.resolve("sent.txt");
    TaskPlan plan =
        plan(
            List.of(
                note(
                    "rec",
                    "RecordingNote",
                    List.of(Condition.ONLY_IF_OUTPUT_NON_EMPTY, Condition.ONLY_IF_FAILED),
                    recordTo(file))),
            List.of(job("a", "rec")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
    TaskJob a = plan.jobs().get("a");
    dispatcher.deliver(a, result("a", JobStatus.FAILED, ""), Map.of());
    dispatcher.deliver(a, result("a", JobStatus.FAILED, " \n"), Map.of());
    dispatcher.deliver(a, result("a", JobStatus.SUCCESS, "output"), Map.of());
    dispatcher.deliver(a, result("a", JobStatus.TIMEOUT, "output"), Map.of());
    assertThat(recorded(file)).hasSize(1).allSatisfy(l -> assertThat(l).contains("timeout"));
  }

  @Test
  void onlyIfStatusChangedComparesWithThePreviousRunsState() throws Exception {
    StatusHistory before = StatusHistory.load(dir);
    before.record("a", JobStatus.SUCCESS);
    before.save();

    Path file = dir.resolve("sent.txt");
    TaskPlan plan =
        plan(
            List.of(
                note(
                    "rec",
                    "RecordingNote",
                    List.of(Condition.ONLY_IF_STATUS_CHANGED),
                    recordTo(file))),
            List.of(job("a", "rec"), job("b", "rec")));
    try (NoteDispatcher dispatcher =
        dispatcher(Optional.of(StatusHistory.load(dir)), NoteDispatcher.DEFAULT_SEND_TIMEOUT)) {
      assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
      dispatcher.deliver(plan.jobs().get("a"), result("a", JobStatus.SUCCESS, ""), Map.of());
      dispatcher.deliver(plan.jobs().get("b"), result("b", JobStatus.FAILED, ""), Map.of());
    }
    assertThat(recorded(file)).hasSize(1).allSatisfy(l -> assertThat(l).startsWith("job=b "));
    assertThat(StatusHistory.load(dir).previous("b")).contains(JobStatus.FAILED);
  }

  private Optional<String> deliverFailing(String mode, NoteDispatcher dispatcher) {
    return deliverFailing(Map.of("mode", mode, "token", "$TOKEN"), dispatcher);
  }

  private Optional<String> deliverFailing(Map<String, Object> options, NoteDispatcher dispatcher) {
    TaskPlan plan = plan(List.of(note("f", "FailingNote", options)), List.of(job("a", "f")));
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
    return dispatcher.deliver(
        plan.jobs().get("a"), result("a", JobStatus.SUCCESS, ""), Map.of("TOKEN", "s3cr3t-42"));
  }

  @Test
  void aSendThatThrowsIsAFailureMessageWithSecretsMasked() {
    assertThat(deliverFailing("throw", dispatcher()))
        .contains(
            "note 'f' (FailingNote) failed: plugin test-notes 1.2.3 (test-notes.jar) threw"
                + " java.lang.IllegalStateException: rejected token ***");
    assertThat(masker.mask("s3cr3t-42")).isEqualTo("***");
  }

  @Test
  void aNoteExceptionGivesItsOwnMessage() {
    assertThat(deliverFailing("note", dispatcher()))
        .contains("note 'f' (FailingNote) failed: server said no to ***");
  }

  @Test
  void anErrorLikeNoClassDefFoundIsCaught() {
    assertThat(deliverFailing("error", dispatcher()))
        .contains(
            "note 'f' (FailingNote) failed: plugin test-notes 1.2.3 (test-notes.jar) threw"
                + " java.lang.NoClassDefFoundError: com/example/Missing");
  }

  @Test
  void aHangingSendIsAbandonedAfterTheTimeout() {
    long start = System.nanoTime();
    Optional<String> failure =
        deliverFailing("hang", dispatcher(Optional.empty(), Duration.ofMillis(300)));
    assertThat(failure)
        .contains(
            "note 'f' (FailingNote) failed: it did not finish within 0.3s and was abandoned"
                + " (the note's 'timeout' option sets this limit)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void theNotesTimeoutOptionSetsHowLongASendMayTake() {
    Optional<String> failure =
        deliverFailing(
            Map.of("mode", "hang", "token", "$TOKEN", "timeout", 0.2),
            dispatcher(Optional.empty(), Duration.ofMinutes(10)));
    assertThat(failure)
        .contains(
            "note 'f' (FailingNote) failed: it did not finish within 0.2s and was abandoned"
                + " (the note's 'timeout' option sets this limit)");
  }

  @Test
  void aTimeoutThatIsNotAPositiveNumberIsAProblemOfTheNote() {
    TaskPlan plan =
        plan(
            List.of(note("f", "FailingNote", Map.of("mode", "note", "timeout", "soon"))),
            List.of(job("a", "f")));

    assertThat(dispatcher().prepare(plan, plan.jobs().values()))
        .extracting(Diagnostic::message)
        .containsExactly("must be a number greater than 0, not 'soon'");
  }

  @Test
  void secretsWrittenLiterallyInThePlanAreMaskedFromPrepareOn() {
    TaskPlan plan =
        plan(
            List.of(
                note(
                    "f",
                    "FailingNote",
                    Map.of("smtp", Map.of("password", "hunter2"), "api_key", "$KEY"))),
            List.of(job("a", "f")));
    dispatcher().prepare(plan, plan.jobs().values());
    assertThat(masker.mask("pw hunter2, key $KEY")).isEqualTo("pw ***, key $KEY");
  }

  @Test
  void secretOptionsResolvedByTheRunnerEnvironmentAreMaskedFromPrepareOn() {
    TaskPlan plan =
        plan(
            List.of(
                note(
                    "f",
                    "FailingNote",
                    Map.of(
                        "webhook_url", "$HOOK",
                        "password", "literal-pw",
                        "token", "$NOT_SET",
                        "title", "$HOOK"))),
            List.of(job("a", "f")));
    dispatcher().prepare(plan, plan.jobs().values(), Map.of("HOOK", "https://hooks/abc"));
    assertThat(masker.secrets()).containsExactlyInAnyOrder("https://hooks/abc", "literal-pw");
  }

  @Test
  void startedCallsTheNotesStartHookWithTheEnvironmentSubstituted() throws Exception {
    Path file = dir.resolve("sent.txt");
    TaskPlan plan =
        plan(
            List.of(note("rec", "Recorder", Map.of("path", "$OUT/sent.txt"))),
            List.of(job("a", "rec")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
    Map<String, String> environment = Map.of("OUT", dir.toString());

    dispatcher.jobStarting(plan.jobs().get("a"), environment);
    Optional<String> failure =
        dispatcher.deliver(plan.jobs().get("a"), result("a", JobStatus.SUCCESS, ""), environment);

    assertThat(failure).isEmpty();
    assertThat(recorded(file))
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0))
                  .isEqualTo("started job=a options={path=" + file + "} note=rec");
              assertThat(lines.get(1)).startsWith("job=a status=success ");
            });
  }

  @Test
  void aNoteWithConditionsHearsNoStartBecauseItsResultIsNotKnownYet() throws Exception {
    Path file = dir.resolve("sent.txt");
    TaskPlan plan =
        plan(
            List.of(note("rec", "Recorder", List.of(Condition.ONLY_IF_FAILED), recordTo(file))),
            List.of(job("a", "rec")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();

    dispatcher.jobStarting(plan.jobs().get("a"), Map.of());
    dispatcher.deliver(plan.jobs().get("a"), result("a", JobStatus.FAILED, ""), Map.of());

    assertThat(recorded(file)).hasSize(1).allSatisfy(l -> assertThat(l).startsWith("job=a "));
  }

  @Test
  void aFailedStartIsReportedWithTheJobsDeliveryWithSecretsMasked() {
    TaskPlan plan =
        plan(
            List.of(note("f", "FailingNote", Map.of("start", "fail", "token", "$TOKEN"))),
            List.of(job("a", "f"), job("b", "f")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();
    Map<String, String> environment = Map.of("TOKEN", "s3cr3t-42");

    dispatcher.jobStarting(plan.jobs().get("a"), environment);

    assertThat(
            dispatcher.deliver(
                plan.jobs().get("b"), result("b", JobStatus.SUCCESS, ""), environment))
        .isEmpty();
    assertThat(
            dispatcher.deliver(
                plan.jobs().get("a"), result("a", JobStatus.SUCCESS, ""), environment))
        .contains("note 'f' (FailingNote) failed at the job's start: start ping refused for ***");
  }

  @Test
  void aJobWithoutANoteHearsNoStart() {
    TaskPlan plan = plan(List.of(), List.of(job("a", "")));
    NoteDispatcher dispatcher = dispatcher();
    assertThat(dispatcher.prepare(plan, plan.jobs().values())).isEmpty();

    dispatcher.jobStarting(plan.jobs().get("a"), Map.of());

    assertThat(
            dispatcher.deliver(plan.jobs().get("a"), result("a", JobStatus.FAILED, ""), Map.of()))
        .isEmpty();
  }
}
