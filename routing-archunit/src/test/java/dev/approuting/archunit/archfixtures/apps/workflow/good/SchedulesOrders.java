package dev.approuting.archunit.archfixtures.apps.workflow.good;

import dev.approuting.archunit.archfixtures.apps.accounts.AccountApi;
import dev.approuting.archunit.archfixtures.apps.orders.tables.Orders;
import org.jooq.DSLContext;

/** Workflow shares a database with orders wherever both are routed; accounts it reaches through its API. */
public final class SchedulesOrders {
    private SchedulesOrders() {}

    public static int pending(DSLContext workflow, DSLContext accounts) {
        return workflow.fetchCount(Orders.ORDERS) + AccountApi.count(accounts);
    }
}
