package io.tidb.cdc.testsupport.leak;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Turns on JUnit Jupiter's extension auto-detection, so that {@link LeakCheckExtension} (listed in
 * META-INF/services/org.junit.jupiter.api.extension.Extension) runs for every test class of every
 * module that merely has this library on its test classpath.
 *
 * <p>Why a launcher session listener rather than a junit-platform.properties in this jar: the
 * launcher loads session listeners through ServiceLoader unconditionally, and a system property
 * works whatever junit-platform.properties a module has (JUnit reads only one such file and warns
 * about the others). The property is read when the Jupiter engine starts, after the session opened.
 * It is set only when not set already, so {@code
 * -Djunit.jupiter.extensions.autodetection.enabled=false} still wins; to switch only the leak check
 * off, use {@code ticdc.leakcheck.enabled=false}.
 */
public final class LeakCheckActivator implements LauncherSessionListener {
  static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty(AUTODETECTION) == null) {
      System.setProperty(AUTODETECTION, "true");
    }
  }
}
