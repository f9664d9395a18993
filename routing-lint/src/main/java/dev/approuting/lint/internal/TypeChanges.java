package dev.approuting.lint.internal;

import dev.approuting.lint.internal.Stmt.TypeName;
import java.util.List;
import java.util.Set;

/** Which column type changes PostgreSQL makes without rewriting the table. */
final class TypeChanges {
    private static final Set<String> TEXT_LIKE = Set.of("varchar", "text");

    private TypeChanges() {}

    static boolean binaryCoercible(TypeName from, TypeName to) {
        if (from.array() != to.array()) {
            return false;
        }
        if (from.equals(to)) {
            return true;
        }
        String f = from.base();
        String t = to.base();
        if (TEXT_LIKE.contains(f) && t.equals("text")) {
            return true;
        }
        if (f.equals("text") && t.equals("varchar")) {
            return to.modifiers().isEmpty();
        }
        if ((f.equals("varchar") && t.equals("varchar")) || (f.equals("varbit") && t.equals("varbit"))) {
            return widens(from.modifiers(), to.modifiers(), 0);
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (to.modifiers().isEmpty()) {
                return true;
            }
            if (from.modifiers().isEmpty() || !scale(from).equals(scale(to))) {
                return false;
            }
            return widens(from.modifiers(), to.modifiers(), 0);
        }
        return f.equals("cidr") && t.equals("inet");
    }

    private static String scale(TypeName numeric) {
        return numeric.modifiers().size() > 1 ? numeric.modifiers().get(1) : "0";
    }

    private static boolean widens(List<String> from, List<String> to, int index) {
        if (to.size() <= index) {
            return true;
        }
        if (from.size() <= index) {
            return false;
        }
        try {
            return Integer.parseInt(to.get(index)) >= Integer.parseInt(from.get(index));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
