package dev.oxtask.core.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON value read from a plan file, with where it is written. */
sealed interface Node {

  /** Where the value starts. */
  SourceLocation at();

  /** How the value reads in an error message: {@code "soon"}, {@code 3}, {@code a list}. */
  String describe();

  /**
   * A JSON object; members keep the order they are written in. The node takes {@code members} over
   * as they are (the reader makes a map for each object and hands it on): copying them doubled the
   * cost of building a large plan's tree.
   */
  record Obj(SourceLocation at, Map<String, Member> members) implements Node {
    public Obj {
      members = Collections.unmodifiableMap(members);
    }

    @Override
    public String describe() {
      return "an object";
    }
  }

  /** One key of an object, located where the key (not its value) is written. */
  record Member(String key, SourceLocation keyAt, Node value) {}

  /** A JSON array; like {@link Obj}, it takes {@code items} over as they are. */
  record Arr(SourceLocation at, List<Node> items) implements Node {
    public Arr {
      items = Collections.unmodifiableList(items);
    }

    @Override
    public String describe() {
      return items.isEmpty() ? "an empty list" : "a list";
    }
  }

  /** A string, number, boolean or null; numbers are Long, BigInteger or BigDecimal. */
  record Scalar(SourceLocation at, Object value) implements Node {

    @Override
    public String describe() {
      if (value instanceof String s) {
        return s.isEmpty() ? "an empty string" : Quoted.of(s);
      }
      if (value instanceof BigDecimal d) {
        return d.toString();
      }
      return String.valueOf(value);
    }
  }

  /** The value as a plain JDK object: String, Number, Boolean, null, List or Map. */
  static Object plain(Node node) {
    if (node instanceof Obj obj) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, Member> member : obj.members().entrySet()) {
        map.put(member.getKey(), plain(member.getValue().value()));
      }
      return Collections.unmodifiableMap(map);
    }
    if (node instanceof Arr arr) {
      List<Object> list = new ArrayList<>(arr.items().size());
      for (Node item : arr.items()) {
        list.add(plain(item));
      }
      return Collections.unmodifiableList(list);
    }
    Object value = ((Scalar) node).value();
    return value instanceof BigDecimal d ? (Object) d.doubleValue() : value;
  }
}
