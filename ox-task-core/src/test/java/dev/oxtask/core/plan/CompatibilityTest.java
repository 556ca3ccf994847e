package dev.oxtask.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plans of the original Python ox_task load unchanged (data copied from shared/compat). */
class CompatibilityTest {

  private final PlanLoader loader = new PlanLoader("python3");

  @Test
  void originalSamplePlanLoadsWithItsEnvsJobsAndNotes() throws Exception {
    TaskPlan plan = loader.load(List.of(compat("original-tasks.json")));

    assertThat(plan.envs()).containsOnlyKeys("simple_python");
    TaskEnv env = plan.envs().get("simple_python");
    assertThat(env.requirements()).containsExactly("requests", "click");
    assertThat(env.variables())
        .containsExactly(
            entry("__comment__", "Backticks uses shell to find path to simple_tasks file"),
            entry("ST_PATH", "`ox_task find-path ox_task.example_tasks.simple_tasks`"));
    assertThat(env.needsPythonEnv()).isTrue();

    assertThat(plan.jobs()).containsOnlyKeys("run_pyscript", "weather", "check_tickers");
    assertThat(List.copyOf(plan.jobs().keySet()))
        .containsExactly("run_pyscript", "weather", "check_tickers");
    TaskJob pyscript = plan.jobs().get("run_pyscript");
    assertThat(pyscript.description())
        .containsExactly(
            "Example of just running a python script from GitHub.",
            "We do not provide a notifier as we assume that the",
            "script itself will handle notifications.");
    assertThat(pyscript.note()).isEmpty();
    assertThat(pyscript.env()).contains("simple_python");
    assertThat(pyscript.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(plan.jobs().get("weather").command())
        .containsExactly(
            "python3",
            "$ST_PATH",
            "weather",
            "--latitude",
            "40.730610",
            "--longitude",
            "-73.935242");
    assertThat(plan.jobs().get("weather").note()).contains("simple_gmail");
    assertThat(plan.jobs().get("check_tickers").note()).contains("simple_file");

    assertThat(plan.notes()).containsOnlyKeys("simple_telegram", "simple_gmail", "simple_file");
    TaskNote telegram = plan.notes().get("simple_telegram");
    assertThat(telegram.className()).isEqualTo("TelegramNotifier");
    assertThat(telegram.conditions()).containsExactly(Condition.ONLY_IF_OUTPUT_NON_EMPTY);
    assertThat(telegram.options())
        .containsExactly(entry("token", "$TELEGRAM_TOKEN"), entry("chat_id", "$TELEGRAM_CHAT_ID"));
    assertThat(telegram.description()).hasSize(3);
    TaskNote gmail = plan.notes().get("simple_gmail");
    assertThat(gmail.className()).isEqualTo("GmailNotifier");
    assertThat(gmail.conditions()).isEmpty();
    assertThat(gmail.options())
        .containsExactly(
            entry("to_email", "${USER}@alum.mit.edu"),
            entry("from_email", "$FROM_EMAIL"),
            entry("app_passwd", "$GMAIL_APP_PASSWD"));
    TaskNote file = plan.notes().get("simple_file");
    assertThat(file.className()).isEqualTo("FileNotifier");
    assertThat(file.options())
        .containsExactly(entry("path", "/tmp/ox_task_${OX_TASK_JOB_NAME}.txt"));
  }

  @Test
  void originalTestFixturePlanLoadsWithShellStringAndBacktickVariable() throws Exception {
    TaskPlan plan = loader.load(List.of(compat("original-fixture-plan.json")));

    assertThat(plan.envs()).containsOnlyKeys("test_python", "minimal_env");
    TaskEnv python = plan.envs().get("test_python");
    assertThat(python.runtime()).contains("python3");
    assertThat(python.variables()).containsEntry("ST_PATH", "`echo /path/to/simple_tasks`");
    TaskEnv minimal = plan.envs().get("minimal_env");
    assertThat(minimal.requirements()).isEmpty();
    assertThat(minimal.variables()).isEmpty();
    assertThat(minimal.needsPythonEnv()).isFalse();

    TaskJob echo = plan.jobs().get("test_echo");
    assertThat(echo.command()).containsExactly("python", "-c", "print('Hello World')");
    assertThat(echo.shell()).isFalse();
    assertThat(echo.description()).containsExactly("Simple echo test job");
    TaskJob shell = plan.jobs().get("test_shell_command");
    assertThat(shell.shell()).isTrue();
    assertThat(shell.command()).containsExactly("echo 'Shell command test'");
    assertThat(shell.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(shell.note()).isEqualTo(Optional.of("test_file"));

    TaskNote note = plan.notes().get("test_file");
    assertThat(note.className()).isEqualTo("FileNotifier");
    assertThat(note.options())
        .containsExactly(entry("path", "/tmp/ox_task_test_${OX_TASK_JOB_NAME}.txt"));
  }

  private static Path compat(String name) throws URISyntaxException {
    return Path.of(CompatibilityTest.class.getResource("/compat/" + name).toURI());
  }
}
