package dev.oxtask.core.text;

import java.util.Collection;
import java.util.Optional;

/** Finds the known name a misspelt one was most likely meant to be ("did you mean ...?"). */
public final class ClosestName {

  private ClosestName() {}

  /**
   * The candidate nearest to {@code name} by edit distance, if it is near enough to be a typo: at
   * most a third of the longer name's length, and at least one edit allowed.
   */
  public static Optional<String> of(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int allowed = Math.max(1, Math.max(name.length(), best.length()) / 3);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** " — did you mean 'x'?" when there is a close candidate, else the empty string. */
  public static String suggestion(String name, Collection<String> candidates) {
    return of(name, candidates).map(c -> " — did you mean '" + c + "'?").orElse("");
  }

  /** Damerau-Levenshtein distance (optimal string alignment): swaps count as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
