package io.autoprovd.core.template;

import com.hubspot.jinjava.el.TypeConvertingMapELResolver;
import com.hubspot.jinjava.el.ext.JinjavaBeanELResolver;
import com.hubspot.jinjava.el.ext.JinjavaListELResolver;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.util.ForLoop;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.ArrayELResolver;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * The expression resolver templates run with. Jinjava's default resolver lets a template read any
 * bean property and call any public method of a context object (minus a short deny list); here a
 * template may only index maps, lists and arrays, read {@code loop.*}, and call the Python-style
 * methods below. Anything else reads as undefined (property) or fails the render (method call).
 */
final class SandboxResolver {

  /** Methods a template may call, by receiver kind (Jinja2's dict and list vocabulary). */
  private static final Set<String> MAP_METHODS = Set.of("items", "keys", "values", "get", "update");
  private static final Set<String> LIST_METHODS = Set.of("append", "extend", "insert", "pop", "index", "count");
  private static final Set<String> LOOP_METHODS = Set.of("cycle");

  private SandboxResolver() {}

  static ELResolver create() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new ArrayELResolver(true));
    resolver.add(new JinjavaListELResolver(true));
    resolver.add(new TypeConvertingMapELResolver(true));
    resolver.add(new AllowlistBeanResolver());
    return resolver;
  }

  private static final class AllowlistBeanResolver extends JinjavaBeanELResolver {
    AllowlistBeanResolver() {
      super(true);
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      if (base instanceof ForLoop) {
        return super.getValue(context, base, property);
      }
      if (base != null) {
        // Undefined, as Jinja2's sandbox answers for unsafe attributes.
        context.setPropertyResolved(true);
      }
      return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      if (base instanceof ForLoop) {
        return super.getType(context, base, property);
      }
      if (base != null) {
        context.setPropertyResolved(true);
      }
      return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (base == null || method == null) {
        return null;
      }
      String name = method.toString();
      boolean allowed = switch (base) {
        case Map<?, ?> m -> MAP_METHODS.contains(name);
        case List<?> l -> LIST_METHODS.contains(name);
        case ForLoop f -> LOOP_METHODS.contains(name);
        // Jinjava applies filters and tests by calling them through this resolver.
        case Filter f -> name.equals("filter");
        case ExpTest t -> name.equals("evaluate") || name.equals("evaluateNegated");
        default -> false;
      };
      if (!allowed) {
        throw new ELException("method '" + name + "' is not available in templates");
      }
      return super.invoke(context, base, method, paramTypes, params);
    }
  }
}
