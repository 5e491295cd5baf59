package io.autoprovd.core.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.io.Serial;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinjava's {@code for} with the two Jinja2 forms it lacks: the loop filter
 * {@code {% for x in xs if cond %}} (Jinjava renders nothing) and the {@code {% else %}} branch
 * for an empty sequence (Jinjava renders it after every iteration). As in Jinja2, {@code loop.*}
 * counts only the items that pass the filter.
 */
final class CompatForTag extends ForTag {

  @Serial private static final long serialVersionUID = 1L;
  private static final Pattern IN = Pattern.compile("\\sin\\s");

  @Override
  public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
    int line = tagNode.getLineNumber();
    String helpers = tagNode.getHelpers().trim();
    Matcher in = IN.matcher(helpers);
    if (!in.find()) {
      throw new TemplateSyntaxException(helpers, "Tag 'for' expects 'in', got: " + helpers, line, tagNode.getStartPosition());
    }
    List<String> loopVars = new ArrayList<>();
    for (String v : helpers.substring(0, in.start()).split(",")) {
      loopVars.add(v.trim());
    }
    String rest = helpers.substring(in.end()).trim();
    int cut = topLevelIf(rest);
    String iterable = cut < 0 ? rest : rest.substring(0, cut).trim();
    String condition = cut < 0 ? null : rest.substring(cut + 3).trim();

    List<Object> items = new ArrayList<>();
    ForLoop source = ObjectIterator.getLoop(interpreter.resolveELExpression(iterable, line));
    while (source.hasNext()) {
      Object item = source.next();
      if (condition == null || passes(interpreter, loopVars, item, condition, line)) {
        items.add(item);
      }
    }

    List<Node> body = new ArrayList<>();
    List<Node> orElse = null;
    for (Node child : tagNode.getChildren()) {
      if (orElse == null && child instanceof TagNode t && "else".equals(t.getName())) {
        orElse = new ArrayList<>();
      } else if (orElse != null) {
        orElse.add(child);
      } else {
        body.add(child);
      }
    }

    if (items.isEmpty() && orElse != null) {
      StringBuilder out = new StringBuilder();
      try (var scope = interpreter.enterScope()) {
        for (Node node : orElse) {
          out.append(node.render(interpreter).getValue());
        }
      }
      return out.toString();
    }
    TagNode loopOnly = new TagNode(this, (TagToken) tagNode.getMaster(), tagNode.getSymbols());
    loopOnly.setChildren(new LinkedList<>(body));
    return renderForCollection(loopOnly, interpreter, loopVars, items);
  }

  private static boolean passes(JinjavaInterpreter interpreter, List<String> vars, Object item, String condition, int line) {
    try (var scope = interpreter.enterScope()) {
      Object value = interpreter.wrap(item);
      if (vars.size() == 1) {
        interpreter.getContext().put(vars.getFirst(), value);
      } else {
        for (int i = 0; i < vars.size(); i++) {
          Object part = switch (value) {
            case Map.Entry<?, ?> e -> i == 0 ? e.getKey() : i == 1 ? e.getValue() : null;
            case List<?> l -> i < l.size() ? l.get(i) : null;
            case null, default -> null;
          };
          interpreter.getContext().put(vars.get(i), part);
        }
      }
      return ObjectTruthValue.evaluate(interpreter.resolveELExpression(condition, line));
    }
  }

  /** Index of the first {@code if} keyword outside strings and brackets, or -1. */
  static int topLevelIf(String s) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && s.startsWith("if", i)
          && i > 0 && Character.isWhitespace(s.charAt(i - 1))
          && i + 2 < s.length() && Character.isWhitespace(s.charAt(i + 2))) {
        return i;
      }
    }
    return -1;
  }
}
