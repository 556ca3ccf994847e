package dev.oxtask.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .py} plans written for the original ox_task load as the original loaded them. */
class PythonPlanTest {

  @TempDir Path dir;

  private final PlanLoader loader = new PlanLoader("python3");

  @Test
  void originalModelsTakeKeywordArgumentsAndBecomePlainEntries() throws Exception {
    Path file =
        write(
            "tasks.py",
            """
            from ox_task.core.models import TaskEnv, TaskJob, TaskNote

            envs = {"base": TaskEnv(requirements=["requests"], variables={"A": "1"})}
            notes = {"log": TaskNote(class_name="FileNotifier", path="/tmp/out.txt")}
            job = TaskJob(env="base", note="log", command="echo hi")
            job.timeout = job.timeout / 2  # unset fields read as the original's defaults
            jobs = {"hello": job}
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.envs().get("base").requirements()).containsExactly("requests");
    assertThat(plan.envs().get("base").variables()).containsExactly(entry("A", "1"));
    assertThat(plan.notes().get("log").className()).isEqualTo("FileNotifier");
    assertThat(plan.notes().get("log").options()).containsExactly(entry("path", "/tmp/out.txt"));
    TaskJob hello = plan.jobs().get("hello");
    assertThat(hello.command()).containsExactly("echo", "hi");
    assertThat(hello.timeout()).isEqualTo(Duration.ofSeconds(150));
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void planIsLoadedAsAModuleNamedTaskPlanAsTheOriginalDid() throws Exception {
    Path file =
        write(
            "tasks.py",
            """
            jobs = {"always": {"command": ["true"]}}
            if __name__ == "task_plan":
                jobs["named"] = {"command": ["echo", __name__]}
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.jobs()).containsOnlyKeys("always", "named");
    assertThat(plan.jobs().get("named").command()).containsExactly("echo", "task_plan");
  }

  @Test
  void setsAndTuplesBecomeListsAndOtherModuleNamesAreIgnored() throws Exception {
    Path file =
        write(
            "tasks.py",
            """
            import datetime
            STARTED = datetime.datetime.now()  # not JSON, but not read either
            envs = {"e": {"requirements": {"requests"}, "secrets": ("TOKEN",)}}
            jobs = {"j": {"env": "e", "command": ("echo", "hi")}}
            settings = {"anything": object()}
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.envs().get("e").requirements()).containsExactly("requests");
    assertThat(plan.envs().get("e").secrets()).containsExactly("TOKEN");
    assertThat(plan.jobs().get("j").command()).containsExactly("echo", "hi");
  }

  @Test
  void descriptionThatIsNotTextIsIgnoredWithAWarning() throws Exception {
    Path file =
        write(
            "tasks.py",
            """
            description = {"weather": "what the weather job is for"}
            jobs = {"weather": {"command": ["true"]}}
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.description()).isEmpty();
    assertThat(plan.warnings())
        .extracting(Diagnostic::toString)
        .containsExactly(
            file
                + ": description: ignored: the module-level 'description' is not a string or a"
                + " list of strings (the original ox_task read only envs, notes and jobs)");
  }

  @Test
  void oxTaskPackageFoundBeforeTheShimWinsAndItsModelsAreDumped() throws Exception {
    // Stands for a real ox_task installed or beside the plan, whose models are pydantic models.
    Path models = dir.resolve("ox_task/core/models.py");
    Files.createDirectories(models.getParent());
    Files.writeString(dir.resolve("ox_task/__init__.py"), "");
    Files.writeString(dir.resolve("ox_task/core/__init__.py"), "");
    Files.writeString(
        models,
        """
        class TaskJob:
            def __init__(self, **fields):
                self.fields = dict(fields, timeout=42.0)

            def model_dump(self):
                return self.fields
        """);
    Path file =
        write(
            "tasks.py",
            """
            from ox_task.core.models import TaskJob
            jobs = {"j": TaskJob(command="true", note=None)}
            """);

    TaskPlan plan = loader.load(List.of(file));

    assertThat(plan.jobs().get("j").timeout()).isEqualTo(Duration.ofSeconds(42));
    assertThat(plan.jobs().get("j").note()).isEmpty();
  }

  @Test
  void shimFolderIsRemovedAfterLoading() throws Exception {
    Path record = dir.resolve("shim-path.txt");
    Path file =
        write(
            "tasks.py",
            """
            import os, ox_task
            with open(os.path.join(os.path.dirname(__file__), "shim-path.txt"), "w") as f:
                f.write(ox_task.__file__)
            jobs = {}
            """);

    loader.load(List.of(file));

    Path shimInit = Path.of(Files.readString(record));
    assertThat(shimInit.getFileName()).hasToString("__init__.py");
    assertThat(shimInit.getParent().getParent()).doesNotExist();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
