package dev.oxtask.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one lock helper: state.json's read-modify-write and env builds both use it. */
class LockFileTest {

  @TempDir Path dir;

  /**
   * Whether another thread (as another run of this JVM would) got the lock; it releases it there,
   * since a lock is released by the thread that took it.
   */
  private boolean fromAnotherThread(Path file, Instant deadline, AtomicInteger waits)
      throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                Optional<LockFile> lock = LockFile.acquire(file, deadline, waits::incrementAndGet);
                if (lock.isPresent()) {
                  lock.get().close();
                }
                return lock.isPresent();
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aHeldLockIsRefusedAtItsDeadlineAfterTellingTheWaiterOnce() throws Exception {
    Path file = dir.resolve("state.lock");
    AtomicInteger waits = new AtomicInteger();
    try (LockFile held = LockFile.acquire(file, Duration.ofSeconds(1))) {
      boolean second = fromAnotherThread(file, Instant.now().plusMillis(200), waits);

      assertThat(second).isFalse();
      assertThat(waits).hasValue(1);
    }
    assertThat(fromAnotherThread(file, Instant.now(), waits)).isTrue();
    assertThat(waits).hasValue(1);
  }

  @Test
  void withPatienceAHeldLockIsAnErrorNamingTheFile() throws Exception {
    Path file = dir.resolve("state.lock");
    try (LockFile held = LockFile.acquire(file, Duration.ofSeconds(1))) {
      CompletableFuture<LockFile> second =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return LockFile.acquire(file, Duration.ofMillis(100));
                } catch (IOException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(IOException.class)
          .rootCause()
          .hasMessageContaining("another ox_task process held the lock " + file);
    }
  }

  @Test
  void theLockFileIsCreatedForItsOwnerOnly() throws Exception {
    Path file = dir.resolve("env.lock");
    try (LockFile held = LockFile.acquire(file, Duration.ofSeconds(1))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }
}
