package dev.approuting.core.internal;

import dev.approuting.core.AdminView;
import dev.approuting.core.AppName;
import dev.approuting.core.DbName;
import dev.approuting.core.ServiceName;
import dev.approuting.core.ServiceRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the routing map as an aligned text table. */
public final class RoutingTable {
    private RoutingTable() {}

    /** Renders one row per app of each service, then the admin view. */
    public static String render(Map<ServiceName, ServiceRouting> services, AdminView admin) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "APP", "DATABASE"});
        for (ServiceRouting routing : services.values()) {
            for (DbName db : routing.databases()) {
                for (AppName app : routing.appsIn(db)) {
                    rows.add(new String[] {routing.service().value(), app.value(), db.value()});
                }
            }
        }
        for (AdminView.Database db : admin.databases()) {
            String dbLabel = db.db().value() + (db.devOnly() ? " (dev-only)" : "");
            for (AppName app : db.apps()) {
                rows.add(new String[] {admin.adminService().value() + " (admin)", app.value(), dbLabel});
            }
        }
        return align(rows);
    }

    /** Aligns rows of cells into columns separated by two spaces. */
    public static String align(List<String[]> rows) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
