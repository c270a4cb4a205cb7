package io.tidb.cdc.testsupport.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of a Java server, as written at build time by a runtime-* module into
 * META-INF/ticdc/&lt;name&gt;.classpath (absolute paths into the local Maven repository).
 */
public final class ServerClasspath {
  private ServerClasspath() {}

  /** The jars of server {@code name}, all verified to exist. */
  public static List<Path> read(String name) {
    String resource = "META-INF/ticdc/" + name + ".classpath";
    URL url = ServerClasspath.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException(
          resource
              + " is not on the classpath: the module io.tidb.cdc:ticdc-test-support-runtime-"
              + name
              + " is missing (it comes with ticdc-test-support; was a dependency excluded?)");
    }
    String text;
    try (InputStream in = url.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
    List<Path> jars = new ArrayList<>();
    List<Path> missing = new ArrayList<>();
    for (String entry : text.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path jar = Path.of(entry.trim());
      jars.add(jar);
      if (!Files.isRegularFile(jar)) {
        missing.add(jar);
      }
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException(url + " lists no jars");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          missing.size()
              + " jar(s) of the "
              + name
              + " server are missing from the local Maven repository, e.g. "
              + missing.get(0)
              + ". Rebuild test-support (mvn -f test-support/pom.xml install) to download them.");
    }
    return List.copyOf(jars);
  }

  /** Where the classes of ticdc-test-support itself are (a jar or target/classes). */
  public static Path ownLocation() {
    try {
      return Path.of(
          ServerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot locate the ticdc-test-support classes", e);
    }
  }
}
