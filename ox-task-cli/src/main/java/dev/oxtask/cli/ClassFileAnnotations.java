package dev.oxtask.cli;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The annotations on a class and on its fields as its class file holds them, read without
 * reflection: reflection makes a proxy class for each annotation type and loads picocli's
 * annotation types, which are compiled for Java 5 and so are outside the class-data archive, about
 * 40 ms of a short command. Only what {@link CommandDeclaration} and {@link RootHelp} need: the
 * class's and its fields' runtime-visible annotations with the attributes the source gives, not the
 * annotation types' defaults.
 */
final class ClassFileAnnotations {

  /**
   * One annotation.
   *
   * @param type its type's binary name, e.g. {@code picocli.CommandLine$Option}
   * @param values the attributes the source gives (see {@link #value()}); absent ones take the
   *     annotation type's defaults, which this class does not read
   */
  record Annotation(String type, Map<String, Object> values) {

    String string(String name, String absent) {
      return values.get(name) instanceof String value ? value : absent;
    }

    boolean bool(String name) {
      return Boolean.TRUE.equals(values.get(name));
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String name) {
      return values.get(name) instanceof List<?> list ? (List<String>) list : List.of();
    }
  }

  private final Map<String, List<Annotation>> fields = new LinkedHashMap<>();
  private List<Annotation> annotations = List.of();
  private final Object[] pool;
  private final DataInputStream in;

  private ClassFileAnnotations(byte[] bytes) throws IOException {
    in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readInt(); // version
    pool = new Object[in.readUnsignedShort()];
    for (int i = 1; i < pool.length; i++) {
      i += constant(i);
    }
    in.skipBytes(6); // access, this, super
    in.skipBytes(2 * in.readUnsignedShort()); // interfaces
    int fieldCount = in.readUnsignedShort();
    for (int i = 0; i < fieldCount; i++) {
      in.skipBytes(2);
      String name = (String) pool[in.readUnsignedShort()];
      in.skipBytes(2);
      fields.put(name, attributes());
    }
    int methodCount = in.readUnsignedShort();
    for (int i = 0; i < methodCount; i++) {
      in.skipBytes(6);
      attributes();
    }
    annotations = attributes();
  }

  /**
   * The annotations of {@code type}'s class file; empty when there is none to read (a class made at
   * run time) or it cannot be read, and then the caller leaves the work to reflection.
   */
  static Optional<ClassFileAnnotations> of(Class<?> type) {
    try {
      Optional<byte[]> bytes = classFile(type);
      return bytes.isEmpty()
          ? Optional.empty()
          : Optional.of(new ClassFileAnnotations(bytes.get()));
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The bytes of {@code type}'s class file, read where the class came from: asking its class loader
   * would first search the JDK's own modules, whose reader a short command never starts otherwise.
   */
  private static Optional<byte[]> classFile(Class<?> type) throws IOException, URISyntaxException {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return Optional.empty();
    }
    String entry = type.getName().replace('.', '/').concat(".class");
    Path location = Path.of(source.getLocation().toURI());
    if (Files.isDirectory(location)) {
      Path file = location.resolve(entry);
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }
    try (ZipFile jar = new ZipFile(location.toFile())) {
      ZipEntry found = jar.getEntry(entry);
      if (found == null) {
        return Optional.empty();
      }
      try (InputStream bytes = jar.getInputStream(found)) {
        return Optional.of(bytes.readAllBytes());
      }
    }
  }

  /** The annotations on the class itself. */
  List<Annotation> annotations() {
    return annotations;
  }

  /** The annotations on each field, by name, in the order the class declares them. */
  Map<String, List<Annotation>> fields() {
    return fields;
  }

  /** Reads constant {@code index}: how many extra slots it takes (a long or double takes two). */
  private int constant(int index) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 1 -> pool[index] = in.readUTF();
      case 3 -> pool[index] = in.readInt();
      case 4 -> pool[index] = in.readFloat();
      case 5 -> {
        pool[index] = in.readLong();
        return 1;
      }
      case 6 -> {
        pool[index] = in.readDouble();
        return 1;
      }
      case 7, 8, 16, 19, 20 -> in.skipBytes(2);
      case 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
      case 15 -> in.skipBytes(3);
      default -> throw new IOException("unknown constant tag " + tag);
    }
    return 0;
  }

  /** Skips a member's or the class's attributes; returns its runtime-visible annotations. */
  private List<Annotation> attributes() throws IOException {
    List<Annotation> found = List.of();
    int count = in.readUnsignedShort();
    for (int i = 0; i < count; i++) {
      String name = (String) pool[in.readUnsignedShort()];
      int length = in.readInt();
      if (name.equals("RuntimeVisibleAnnotations")) {
        found = new ArrayList<>();
        int annotationCount = in.readUnsignedShort();
        for (int j = 0; j < annotationCount; j++) {
          found.add(annotation());
        }
      } else {
        in.skipBytes(length);
      }
    }
    return found;
  }

  private Annotation annotation() throws IOException {
    String descriptor = (String) pool[in.readUnsignedShort()];
    Map<String, Object> values = new HashMap<>();
    int pairs = in.readUnsignedShort();
    for (int i = 0; i < pairs; i++) {
      String name = (String) pool[in.readUnsignedShort()];
      values.put(name, value());
    }
    String type = descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    return new Annotation(type, values);
  }

  /**
   * One element value: a number as its boxed type ({@code char}, {@code byte} and {@code short} as
   * an Integer, as the class file holds them), an enum constant as its name, a class as its
   * descriptor, a nested annotation as an {@link Annotation}, an array as a List.
   */
  private Object value() throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case 's' -> pool[in.readUnsignedShort()];
      case 'Z' -> (Integer) pool[in.readUnsignedShort()] != 0;
      case 'B', 'C', 'I', 'S', 'J', 'F', 'D', 'c' -> pool[in.readUnsignedShort()];
      case 'e' -> {
        in.skipBytes(2);
        yield pool[in.readUnsignedShort()];
      }
      case '@' -> annotation();
      case '[' -> {
        int count = in.readUnsignedShort();
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          values.add(value());
        }
        yield values;
      }
      default -> throw new IOException("unknown element value tag " + (char) tag);
    };
  }
}
