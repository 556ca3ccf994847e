package dev.oxtask.core.plan;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each key path of the plan files is written ({@link TaskPlan#locations()}), worked out from
 * their trees when first asked for: only a plan with a problem to report needs it, and listing
 * every key path of a large plan was a tenth of its loading. The first file that writes a path
 * wins.
 */
final class KeyLocations extends AbstractMap<String, SourceLocation> {

  private final List<Node> roots;
  private Map<String, SourceLocation> paths;

  /** The key paths of {@code roots}, the trees of the plan files in the order given. */
  KeyLocations(List<Node> roots) {
    this.roots = List.copyOf(roots);
  }

  @Override
  public Set<Entry<String, SourceLocation>> entrySet() {
    return paths().entrySet();
  }

  @Override
  public SourceLocation get(Object keyPath) {
    return paths().get(keyPath);
  }

  @Override
  public boolean containsKey(Object keyPath) {
    return paths().containsKey(keyPath);
  }

  private synchronized Map<String, SourceLocation> paths() {
    if (paths == null) {
      Map<String, SourceLocation> all = new LinkedHashMap<>();
      for (Node root : roots) {
        collect(root, "", all);
      }
      paths = Collections.unmodifiableMap(all);
    }
    return paths;
  }

  private static void collect(Node node, String path, Map<String, SourceLocation> into) {
    if (node instanceof Node.Obj obj) {
      for (Node.Member member : obj.members().values()) {
        String keyPath = path.isEmpty() ? member.key() : path + "." + member.key();
        into.putIfAbsent(keyPath, member.keyAt());
        collect(member.value(), keyPath, into);
      }
    } else if (node instanceof Node.Arr arr) {
      for (int i = 0; i < arr.items().size(); i++) {
        String keyPath = path + "[" + i + "]";
        into.putIfAbsent(keyPath, arr.items().get(i).at());
        collect(arr.items().get(i), keyPath, into);
      }
    }
  }
}
