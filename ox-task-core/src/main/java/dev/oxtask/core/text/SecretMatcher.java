package dev.oxtask.core.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Queue;

/**
 * Finds every occurrence of a set of secrets in one pass over the UTF-8 bytes of a text (an
 * Aho–Corasick automaton), so masking costs the same with one secret or a hundred. Occurrences that
 * overlap (one secret inside or across another) become a single {@code ***}. Immutable.
 */
public final class SecretMatcher {

  private static final byte[] MASK = SecretMasker.MASK.getBytes(StandardCharsets.UTF_8);
  private static final int ALPHABET = 256;

  /** {@code next[state * 256 + byte]}: the state after reading that byte. */
  private final int[] next;

  /** How many bytes the state stands for: the longest text suffix that begins some secret. */
  private final int[] depth;

  /** The length of the longest secret ending at the state, 0 for none. */
  private final int[] longest;

  private SecretMatcher(int[] next, int[] depth, int[] longest) {
    this.next = next;
    this.depth = depth;
    this.longest = longest;
  }

  /** A matcher for {@code secrets}; empty strings are ignored. */
  public static SecretMatcher of(Collection<String> secrets) {
    Trie trie = new Trie();
    for (String secret : secrets) {
      trie.add(secret.getBytes(StandardCharsets.UTF_8));
    }
    return trie.toMatcher();
  }

  /** True when there is nothing to find. */
  public boolean isEmpty() {
    return depth.length == 1;
  }

  /** {@code text} with every occurrence of a secret replaced by {@code ***}; null stays null. */
  public String mask(String text) {
    if (text == null || isEmpty()) {
      return text;
    }
    ByteArrayOutputStream masked = new ByteArrayOutputStream(text.length() + 16);
    Masking stream = new Masking(masked);
    try {
      stream.write(text.getBytes(StandardCharsets.UTF_8));
      stream.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    // Unchanged text is returned as it was, lone surrogates included.
    return stream.masks == 0 ? text : masked.toString(StandardCharsets.UTF_8);
  }

  /**
   * A stream that writes to {@code out} what it is given with every secret masked, holding back
   * only the bytes that may begin a secret cut in two by a write boundary. Closing it writes those
   * and closes {@code out}.
   */
  public OutputStream masking(OutputStream out) {
    return isEmpty() ? out : new Masking(out);
  }

  /** One pass over a stream of bytes. Not thread-safe. */
  private final class Masking extends OutputStream {
    private final OutputStream out;
    private byte[] held = new byte[256];
    private int count;
    private int state;
    // The pending masked run held[maskStart, maskEnd), or maskStart = -1 for none.
    private int maskStart = -1;
    private int maskEnd;
    private long masks;

    Masking(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (count + length > held.length) {
        held = Arrays.copyOf(held, Math.max(held.length * 2, count + length));
      }
      System.arraycopy(bytes, offset, held, count, length);
      int written = 0;
      int end = count + length;
      for (int i = count; i < end; i++) {
        state = next[state * ALPHABET + (held[i] & 0xff)];
        int found = longest[state];
        if (found > 0) {
          written = matched(i + 1 - found, i + 1, written);
        }
      }
      count = end;
      // No secret found later can begin before this point.
      int safe = count - depth[state];
      if (maskStart >= 0 && maskEnd <= safe) {
        written = writeMask(written);
      }
      int keepFrom = maskStart >= 0 ? maskStart : safe;
      out.write(held, written, keepFrom - written);
      System.arraycopy(held, keepFrom, held, 0, count - keepFrom);
      count -= keepFrom;
      if (maskStart >= 0) {
        maskStart -= keepFrom;
        maskEnd -= keepFrom;
      }
    }

    /** Joins a secret found at {@code [start, end)} to the pending run, or starts a new run. */
    private int matched(int start, int end, int written) throws IOException {
      if (maskStart >= 0 && start < maskEnd) {
        maskStart = Math.min(maskStart, start);
        maskEnd = end;
        return written;
      }
      int after = maskStart >= 0 ? writeMask(written) : written;
      maskStart = start;
      maskEnd = end;
      return after;
    }

    /** Writes the bytes before the pending run, then the mask; returns where the run ended. */
    private int writeMask(int written) throws IOException {
      out.write(held, written, maskStart - written);
      out.write(MASK);
      masks++;
      int end = maskEnd;
      maskStart = -1;
      return end;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    /** Writes what was held back: the stream has ended, so it begins no secret. */
    @Override
    public void close() throws IOException {
      int written = maskStart >= 0 ? writeMask(0) : 0;
      out.write(held, written, count - written);
      count = 0;
      out.close();
    }
  }

  /** The secrets as a tree of byte prefixes, turned into the automaton by {@link #toMatcher}. */
  private static final class Trie {
    private int[] children = new int[ALPHABET];
    private int[] lengths = new int[1];
    private int[] depths = new int[1];
    private int size = 1;

    {
      Arrays.fill(children, -1);
    }

    void add(byte[] secret) {
      if (secret.length == 0) {
        return;
      }
      int node = 0;
      for (byte b : secret) {
        int slot = node * ALPHABET + (b & 0xff);
        if (children[slot] < 0) {
          int child = newNode(depths[node] + 1); // may replace the children array
          children[slot] = child;
        }
        node = children[slot];
      }
      lengths[node] = secret.length;
    }

    private int newNode(int depth) {
      if (size == depths.length) {
        children = Arrays.copyOf(children, size * 2 * ALPHABET);
        Arrays.fill(children, size * ALPHABET, children.length, -1);
        lengths = Arrays.copyOf(lengths, size * 2);
        depths = Arrays.copyOf(depths, size * 2);
      }
      depths[size] = depth;
      return size++;
    }

    /**
     * Breadth first, each node's failure link (the longest proper suffix that is also a prefix)
     * fills its missing transitions and its longest secret, giving a complete automaton.
     */
    SecretMatcher toMatcher() {
      int[] next = Arrays.copyOf(children, size * ALPHABET);
      int[] longest = Arrays.copyOf(lengths, size);
      int[] fail = new int[size];
      Queue<Integer> queue = new ArrayDeque<>();
      for (int b = 0; b < ALPHABET; b++) {
        if (next[b] < 0) {
          next[b] = 0;
        } else {
          queue.add(next[b]);
        }
      }
      while (!queue.isEmpty()) {
        int node = queue.remove();
        longest[node] = Math.max(longest[node], longest[fail[node]]);
        for (int b = 0; b < ALPHABET; b++) {
          int slot = node * ALPHABET + b;
          int child = next[slot];
          int fallback = next[fail[node] * ALPHABET + b];
          if (child < 0) {
            next[slot] = fallback;
          } else {
            fail[child] = fallback;
            queue.add(child);
          }
        }
      }
      return new SecretMatcher(next, Arrays.copyOf(depths, size), longest);
    }
  }
}
