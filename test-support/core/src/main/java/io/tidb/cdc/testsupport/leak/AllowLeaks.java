package io.tidb.cdc.testsupport.leak;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets a test class (and its nested classes) leave matching threads or child processes behind, for
 * things that legitimately outlive the class, such as a library's JVM-wide pool. Patterns are
 * regular expressions matched against the whole thread name or process command line. A reason is
 * required, so that every exemption explains itself.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllowLeaks {
  /** Regular expressions for names of non-daemon threads that may stay alive. */
  String[] threads() default {};

  /** Regular expressions for command lines of child processes that may stay alive. */
  String[] processes() default {};

  /** Why these are not leaks. */
  String reason();
}
