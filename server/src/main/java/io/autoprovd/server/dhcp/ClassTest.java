package io.autoprovd.server.dhcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The boolean test of a generated class, as a small tree that both DHCP servers' expression
 * languages can print: ISC dhcpd ({@code dhcp-eval(5)}) and Kea (its "classification" chapter)
 * share {@code and}, {@code or}, {@code not} and parentheses, and differ in the atoms.
 */
sealed interface ClassTest {

  /** A test on the client's packet, printed by the server's dialect. */
  sealed interface Atom extends ClassTest {}

  record SentClass(VendorClassMatch match) implements Atom {}

  record MacPrefix(String oui) implements Atom {}

  record NoVendorClass() implements Atom {}

  record AnyOf(List<ClassTest> tests) implements ClassTest {}

  record AllOf(List<ClassTest> tests) implements ClassTest {}

  record Not(ClassTest test) implements ClassTest {}

  /** The test of a profile: its vendor classes (minus exceptions), or its MAC prefixes under their condition. */
  static ClassTest of(VendorProfile p) {
    var alternatives = new ArrayList<ClassTest>();
    if (!p.vendorClasses().isEmpty()) {
      var byClass = new ArrayList<ClassTest>();
      byClass.add(anyOf(p.vendorClasses().stream().<ClassTest>map(SentClass::new).toList()));
      if (!p.vendorClassesExcept().isEmpty()) {
        byClass.add(new Not(anyOf(p.vendorClassesExcept().stream().<ClassTest>map(SentClass::new).toList())));
      }
      alternatives.add(allOf(byClass));
    }
    if (!p.ouis().isEmpty()) {
      var byOui = new ArrayList<ClassTest>();
      byOui.add(anyOf(p.ouis().stream().<ClassTest>map(MacPrefix::new).toList()));
      if (p.ouiOnlyWithoutVendorClass()) {
        byOui.add(new NoVendorClass());
      }
      if (!p.ouiExcept().isEmpty()) {
        byOui.add(new Not(anyOf(p.ouiExcept().stream().<ClassTest>map(SentClass::new).toList())));
      }
      alternatives.add(allOf(byOui));
    }
    return anyOf(alternatives);
  }

  private static ClassTest anyOf(List<ClassTest> tests) {
    return tests.size() == 1 ? tests.getFirst() : new AnyOf(tests);
  }

  private static ClassTest allOf(List<ClassTest> tests) {
    return tests.size() == 1 ? tests.getFirst() : new AllOf(tests);
  }

  /**
   * Prints the test, one alternative of a top-level {@code or} per line. Every compound operand is
   * parenthesised: ISC dhcpd gives {@code and} and {@code or} the same precedence, read from the
   * left, where Kea binds {@code and} tighter.
   *
   * @param atom the dialect's atoms
   * @param indent what starts each continuation line
   */
  default String print(Function<Atom, String> atom, String indent) {
    if (this instanceof AnyOf any) {
      return String.join("\n" + indent + "or ", any.tests().stream().map(t -> grouped(t, atom)).toList());
    }
    return nested(this, atom);
  }

  private static String nested(ClassTest test, Function<Atom, String> atom) {
    return switch (test) {
      case Atom a -> atom.apply(a);
      case Not not -> negated(not.test(), atom);
      case AllOf all -> String.join(" and ", all.tests().stream().map(t -> grouped(t, atom)).toList());
      case AnyOf any -> String.join(" or ", any.tests().stream().map(t -> grouped(t, atom)).toList());
    };
  }

  private static String grouped(ClassTest test, Function<Atom, String> atom) {
    return switch (test) {
      case Atom a -> atom.apply(a);
      case Not not -> negated(not.test(), atom);
      case AllOf all -> "(" + nested(all, atom) + ")";
      case AnyOf any -> "(" + nested(any, atom) + ")";
    };
  }

  // ISC dhcpd reads "not substring(…) = x" as not applied to the substring: the negated test is
  // always parenthesised.
  private static String negated(ClassTest test, Function<Atom, String> atom) {
    String inner = grouped(test, atom);
    return "not " + (inner.startsWith("(") ? inner : "(" + inner + ")");
  }
}
