package dev.oxtask.core.pyenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oxtask.core.plan.TaskEnv;
import dev.oxtask.core.run.PythonEnvs.EnvSetupException;
import dev.oxtask.core.testing.PythonRequired;
import dev.oxtask.core.testing.TinyWheel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real venvs built by the real python3 and pip, installing a wheel from a local folder. Building
 * one takes seconds, so the tests share one work dir and one built {@code tiny} env; each test uses
 * its own run names and env names otherwise.
 */
class VenvBuilderTest {

  private static final String PIP_LINE = "-m pip install -r ";
  private static final TaskEnv TINY =
      env("tiny", Optional.empty(), "--no-index", "--find-links wheels", "oxtiny");

  @TempDir static Path work;
  @TempDir static Path root;
  private static Path tiny;

  @BeforeAll
  static void buildTheSharedEnv() throws Exception {
    PythonRequired.check();
    // Relative to the runner root, as a plan would write it.
    TinyWheel.write(root.resolve("wheels"), "oxtiny", "1.0");
    tiny = builder("setup").venvFor(TINY);
  }

  @Test
  void concurrentCallersShareOneBuildAndOnePipRun() throws Exception {
    VenvBuilder builder = builder("concurrent");
    TaskEnv env =
        env("pinned", Optional.empty(), "--no-index", "--find-links wheels", "oxtiny==1.0");
    CountDownLatch start = new CountDownLatch(1);
    Callable<Path> caller =
        () -> {
          start.await();
          return builder.venvFor(env);
        };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Path> first = threads.submit(caller);
      Future<Path> second = threads.submit(caller);
      start.countDown();
      Path venv = first.get(5, TimeUnit.MINUTES);

      assertThat(second.get(5, TimeUnit.MINUTES)).isEqualTo(venv);
      assertThat(count(log("concurrent", "pinned"), PIP_LINE)).isEqualTo(1);
      assertThat(envFolders("pinned")).containsExactly(venv);
      assertThat(venv.getFileName().toString()).matches("pinned-[0-9a-f]{12}");
      assertThat(run(venv.resolve("bin/python"), "-c", "import oxtiny; print(oxtiny.VALUE)"))
          .isEqualTo("oxtiny 1.0\n");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void laterRunReusesTheCompleteEnvWithoutCallingPip() throws Exception {
    Path reused = builder("later").venvFor(TINY);

    assertThat(reused).isEqualTo(tiny);
    assertThat(count(log("later", "tiny"), PIP_LINE)).isZero();
    assertThat(Files.readString(log("later", "tiny"))).contains("reusing " + tiny + " (complete)");
    assertThat(tiny.resolve("last-used")).exists();
  }

  @Test
  void halfBuiltEnvIsDeletedAndRebuilt() throws Exception {
    Path venv = tiny;
    // What a build killed before its marker leaves behind.
    Files.delete(venv.resolve(EnvFolder.MARKER));
    Files.writeString(venv.resolve("leftover"), "half");

    Path rebuilt = builder("rebuild").venvFor(TINY);

    assertThat(rebuilt).isEqualTo(venv);
    assertThat(Files.readString(log("rebuild", "tiny")))
        .contains("deleting " + venv + ": an earlier build did not finish");
    assertThat(count(log("rebuild", "tiny"), PIP_LINE)).isEqualTo(1);
    assertThat(venv.resolve("leftover")).doesNotExist();
    assertThat(new EnvFolder(venv).isComplete()).isTrue();
  }

  @Test
  void brokenRequirementFailsEveryCallerWithPipsTailAndIsNotRetried() throws Exception {
    VenvBuilder builder = builder("broken-run");
    TaskEnv env = env("broken", Optional.empty(), "--no-index", "--find-links wheels", "oxgone==9");

    String first = messageOf(() -> builder.venvFor(env));
    String second = messageOf(() -> builder.venvFor(env));

    Path log = log("broken-run", "broken");
    assertThat(first)
        .startsWith("env 'broken': pip install failed (exit 1); last lines of " + log + ":\n")
        .contains("No matching distribution found for oxgone==9");
    assertThat(second).isEqualTo(first);
    assertThat(count(log, PIP_LINE)).isEqualTo(1);
    assertThat(envFolders("broken")).isEmpty();
  }

  @Test
  void missingRuntimeNamesTheRuntimeAndTheFix() throws Exception {
    TaskEnv env = env("old", Optional.of("python3.99"));

    assertThat(messageOf(() -> builder("missing").venvFor(env)))
        .isEqualTo(
            "env 'old': cannot start its runtime 'python3.99' (No such file or directory);"
                + " install that Python, or change envs.old.runtime");
    assertThat(envFolders("old")).isEmpty();
  }

  @Test
  void buildThatOutlivesItsTimeoutIsStoppedWithAllItsProcesses() throws Exception {
    // An index that accepts connections and never answers keeps pip waiting.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String index = "http://127.0.0.1:" + silent.getLocalPort() + "/simple";
      TaskEnv env = env("slow", Optional.empty(), "--index-url " + index, "oxtiny");
      VenvBuilder builder =
          new VenvBuilder(
              work,
              root,
              work.resolve("slow-run"),
              Map.of("slow", Duration.ofSeconds(2)),
              environment(Map.of("PIP_TIMEOUT", "600", "PIP_RETRIES", "0")));

      assertThat(messageOf(() -> builder.venvFor(env)))
          .startsWith(
              "env 'slow': building its Python environment took longer than 2s (the longest"
                  + " timeout of its jobs, at least 10 minutes) and was stopped; last lines of "
                  + log("slow-run", "slow")
                  + ":\n");
      assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
      assertThat(envFolders("slow")).isEmpty();
    }
  }

  @Test
  void waitsWhileAnotherProcessHoldsTheEnvsLock() throws Exception {
    TaskEnv env = env("plain", Optional.of("python3"));
    EnvFolder folder = folderFor(env);
    Process holder = holdLock(folder.lockFile());
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Path> build = thread.submit(() -> builder("waiting").venvFor(env));
      Path log = log("waiting", "plain");
      awaitLine(log, "waiting for another ox_task process building " + folder.dir());
      assertThat(folder.dir()).doesNotExist();

      holder.getOutputStream().close(); // the other process finishes and lets go

      assertThat(build.get(5, TimeUnit.MINUTES)).isEqualTo(folder.dir());
      assertThat(folder.isComplete()).isTrue();
    } finally {
      holder.destroyForcibly();
      thread.shutdownNow();
    }
  }

  @Test
  void lockHeldLongerThanTheBuildTimeoutFailsNamingTheLockFile() throws Exception {
    TaskEnv env = env("locked", Optional.of("python3"));
    EnvFolder folder = folderFor(env);
    Process holder = holdLock(folder.lockFile());
    try {
      VenvBuilder builder =
          new VenvBuilder(
              work,
              root,
              work.resolve("locked-run"),
              Map.of("locked", Duration.ofSeconds(1)),
              environment(Map.of()));

      assertThat(messageOf(() -> builder.venvFor(env)))
          .isEqualTo(
              "env 'locked': another ox_task process kept building "
                  + folder.dir()
                  + " for longer than 1s (lock file "
                  + folder.lockFile()
                  + "); run again when it has finished");
      assertThat(folder.dir()).doesNotExist();
    } finally {
      holder.destroyForcibly();
    }
  }

  /** A python3 process holding a POSIX lock on {@code lockFile} until its stdin is closed. */
  private static Process holdLock(Path lockFile) throws IOException {
    Process holder =
        new ProcessBuilder(
                "python3",
                "-c",
                "import fcntl, sys\n"
                    + "f = open(sys.argv[1], 'a')\n"
                    + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                    + "print('locked', flush=True)\n"
                    + "sys.stdin.read()\n",
                lockFile.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] line = holder.getInputStream().readNBytes("locked\n".length());
    assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo("locked\n");
    return holder;
  }

  private static void awaitLine(Path log, String text) throws Exception {
    Instant giveUp = Instant.now().plusSeconds(120);
    while (!(Files.exists(log) && Files.readString(log).contains(text))) {
      assertThat(Instant.now()).as("waiting for '%s' in %s", text, log).isBefore(giveUp);
      Thread.sleep(100);
    }
  }

  /** The folder VenvBuilder will use for {@code env}, its parent created for a lock file. */
  private static EnvFolder folderFor(TaskEnv env) throws Exception {
    Interpreter python =
        Interpreter.probe(
            env.name(),
            env.runtime().orElse(VenvBuilder.DEFAULT_RUNTIME),
            root,
            System.getenv(),
            new EnvLog(work.resolve("probe.log")),
            Instant.now().plusSeconds(60));
    EnvFolder folder = VenvBuilder.folderOf(work.resolve("envs"), env, python);
    Files.createDirectories(folder.lockFile().getParent());
    return folder;
  }

  private static VenvBuilder builder(String run) {
    return new VenvBuilder(work, root, work.resolve(run), Map.of(), environment(Map.of()));
  }

  private static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> environment = new java.util.HashMap<>(System.getenv());
    environment.putAll(extra);
    return environment;
  }

  private static TaskEnv env(String name, Optional<String> runtime, String... requirements) {
    return new TaskEnv(
        name,
        List.of(),
        runtime,
        List.of(requirements),
        Optional.empty(),
        Map.of(),
        List.of(),
        Path.of("plan.json"));
  }

  private static Path log(String run, String env) {
    return work.resolve(run).resolve("env-" + env + ".log");
  }

  /** The env folders built for the env named {@code name}. */
  private static List<Path> envFolders(String name) throws IOException {
    if (!Files.exists(work.resolve("envs"))) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(work.resolve("envs"))) {
      return entries
          .filter(Files::isDirectory)
          .filter(dir -> dir.getFileName().toString().startsWith(name + "-"))
          .toList();
    }
  }

  private static long count(Path log, String text) throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.contains(text)).count();
  }

  private interface Call {
    void run() throws Exception;
  }

  private static String messageOf(Call call) {
    return assertThatThrownBy(call::run)
        .isInstanceOf(EnvSetupException.class)
        .actual()
        .getMessage();
  }

  private static String run(Path program, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(program.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
